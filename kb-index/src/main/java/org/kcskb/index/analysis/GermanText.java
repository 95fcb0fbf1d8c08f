package org.kcskb.index.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * The German normal form shared by the analyzers, the stopword set and the compound vocabulary. Thread-safe.
 *
 * <p>Every German word is compared in one form: lower-cased, umlauts and ß spelled out ({@link UmlautFilter}: ä to
 * ae, ö to oe, ü to ue, ß to ss), remaining diacritics folded to ASCII. "Drücken" and "druecken" are one word,
 * "drucken" another: umlauts are kept apart, not folded to their base letter. The vocabulary, the stopwords and the
 * analysis chains must all use this same form, or a word learned from an article would never be found again when a
 * query is decompounded.
 */
final class GermanText {
    /** Splits text into normalised words; used to learn the vocabulary, never for the index. */
    static final Analyzer WORDS = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new StandardTokenizer();
            return new TokenStreamComponents(source, GermanText.normalize(source));
        }

        @Override
        protected TokenStream normalize(String fieldName, TokenStream in) {
            return GermanText.normalize(in);
        }
    };

    /**
     * The German stopwords (Lucene's Snowball list) in normal form and without their umlauts, so that "für", "fuer"
     * and "fur" are all stopwords: a query typed without umlauts drops its stopwords too. The filter runs after
     * normalisation: before it, "fuer" would slip through. Declared after {@link #WORDS}, which building it uses.
     */
    static final CharArraySet STOP_WORDS = normalizedStopWords();

    private GermanText() {}

    /** Wraps a token stream with the German normal form: lower case, umlauts and ß spelled out, ASCII folding. */
    static TokenStream normalize(TokenStream in) {
        return new ASCIIFoldingFilter(new UmlautFilter(new LowerCaseFilter(in)));
    }

    /** Returns one word in normal form ({@code "Drücken"} gives {@code "druecken"}). */
    static String normalize(String word) {
        return WORDS.normalize("", word).utf8ToString();
    }

    /** Returns whether the characters are all in {@code a..z}, the alphabet of normalised German words. */
    static boolean isPlainWord(char[] buffer, int offset, int length) {
        for (int i = offset, end = offset + length; i < end; i++) {
            char c = buffer[i];
            if (c < 'a' || c > 'z') {
                return false;
            }
        }
        return true;
    }

    /** The word with its umlauts replaced by their base letter, as typed on a keyboard without them. */
    static String withoutUmlauts(String word) {
        return word.replace('ä', 'a').replace('ö', 'o').replace('ü', 'u');
    }

    private static CharArraySet normalizedStopWords() {
        CharArraySet source = GermanAnalyzer.getDefaultStopSet();
        CharArraySet normalized = new CharArraySet(source.size() * 2, false);
        for (Object word : source) {
            String text = new String((char[]) word);
            normalized.add(text);
            normalized.add(normalize(text));
            normalized.add(normalize(withoutUmlauts(text)));
        }
        return CharArraySet.unmodifiableSet(normalized);
    }
}
