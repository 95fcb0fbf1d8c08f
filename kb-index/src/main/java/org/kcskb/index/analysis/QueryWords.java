package org.kcskb.index.analysis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The words a query chain makes of a text, for matching and grouping text outside a search (the search SPI's
 * {@code SearchEngine.words}): each distinct term once, compound parts included, the prefixes the German chains
 * add after long words left out (they conflate unrelated words, which a search weights down but a match cannot).
 * Stateless.
 */
public final class QueryWords {
    private QueryWords() {}

    /** Returns the distinct terms of {@code text} under {@code analyzer}, prefixes left out, in order of appearance. */
    public static List<String> of(Analyzer analyzer, String text) {
        var words = new LinkedHashSet<String>();
        try (TokenStream stream = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                String word = term.toString();
                if (!word.isEmpty() && !KbAnalyzers.isPrefix(word)) {
                    words.add(word);
                }
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(words);
    }
}
