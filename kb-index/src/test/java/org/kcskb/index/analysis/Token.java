package org.kcskb.index.analysis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/** A token an analyzer produced, with its position and offsets; runs analyzers in tests. */
record Token(String term, int position, int start, int end) {
    /** Returns the terms of {@code text}, in stream order. */
    static List<String> terms(Analyzer analyzer, String text) {
        return all(analyzer, text).stream().map(Token::term).toList();
    }

    /** Returns the terms of {@code text} without the word prefixes of German analysis, in stream order. */
    static List<String> words(Analyzer analyzer, String text) {
        return terms(analyzer, text).stream()
                .filter(t -> !KbAnalyzers.isPrefix(t))
                .toList();
    }

    /** Returns a published vocabulary that knows each of {@code words} (three times, a common word). */
    static CompoundVocabulary vocabulary(String... words) {
        CompoundVocabulary vocabulary = CompoundVocabulary.empty();
        for (String word : words) {
            vocabulary.add(word, 3);
        }
        vocabulary.snapshot();
        return vocabulary;
    }

    /**
     * Returns an analyzer of the standard tokenizer, the German normal form and the filter that {@code filter}
     * puts on top of them: one filter of the German chain, tested alone.
     */
    static Analyzer germanNormalFormThen(UnaryOperator<TokenStream> filter) {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = new StandardTokenizer();
                return new TokenStreamComponents(source, filter.apply(GermanText.normalize(source)));
            }
        };
    }

    /** Returns the tokens of {@code text}, positions counted from 0. */
    static List<Token> all(Analyzer analyzer, String text) {
        List<Token> tokens = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("body", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            stream.reset();
            int position = -1;
            while (stream.incrementToken()) {
                position += increment.getPositionIncrement();
                tokens.add(new Token(term.toString(), position, offset.startOffset(), offset.endOffset()));
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tokens;
    }
}
