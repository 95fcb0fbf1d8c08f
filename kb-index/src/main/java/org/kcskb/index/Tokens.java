package org.kcskb.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * Runs an analyzer over a text in memory: the one token loop behind query compilation, typo correction, similar
 * articles and suggestions. Stateless and thread-safe.
 */
final class Tokens {
    private Tokens() {}

    /**
     * One analysed token.
     *
     * @param term the term
     * @param start where the text it came from starts
     * @param end where that text ends
     * @param position its position (the first token's increment, less one, plus every later increment)
     * @param increment its position increment: 0 for a token stacked on the one before, such as a compound's part
     */
    record Token(String term, int start, int end, int position, int increment) {}

    /** Returns every token of {@code text} as {@code analyzer} analyses it for {@code field}, in order. */
    static List<Token> analyze(Analyzer analyzer, String field, String text) {
        var tokens = new ArrayList<Token>();
        try (TokenStream stream = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            stream.reset();
            int position = -1;
            while (stream.incrementToken()) {
                position += increment.getPositionIncrement();
                tokens.add(new Token(
                        term.toString(),
                        offset.startOffset(),
                        offset.endOffset(),
                        position,
                        increment.getPositionIncrement()));
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("Analysing text in memory failed", e);
        }
        return tokens;
    }
}
