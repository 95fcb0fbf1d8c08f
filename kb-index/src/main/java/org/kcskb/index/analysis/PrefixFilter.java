package org.kcskb.index.analysis;

import java.io.IOException;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;

/**
 * Adds, after each long German word, its first {@value #LENGTH} letters as an extra term at the same position,
 * marked with {@value #MARK} so that it never equals a word ("Dezentralisierung" adds {@code ~dezen}). Not
 * thread-safe, like every token stream.
 *
 * <p>Why: the stemmer conflates inflections, but German derivation and word formation change the ending far more
 * ("dezentral", "Dezentralisierung"; "touristisch", "Touristen"; "Qualifizierung", "qualifiziert";
 * "Entscheidung", "entscheidet"), and questions rarely use the article's own form. Truncating words to their first
 * few letters is a crude stemmer that retrieval studies found competitive with rule-based ones across European
 * languages (McNamee, Nicholas and Mayfield, "Addressing morphological variation in alphabetic languages", SIGIR
 * 2009). Alone it also conflates unrelated words ("Verteilung" and "Verteidigung" share {@code ~verte},
 * "Einstellung" and "Einstieg" {@code ~einst}), so it is an extra term that the query scores at a fraction of a
 * word (see {@link KbAnalyzers#isPrefix(String)}), not a replacement: it decides between articles that share no
 * stem with the query, and hardly moves those that do.
 *
 * <p>Only words longer than {@value #LENGTH} + 1 letters get a prefix: a shorter word's prefix would be the word
 * itself minus a letter or two, which the stemmer already handles. Measured with the relevance harness (nDCG@10,
 * prefix weight 0.6): 5 letters xquadr-de 0.8275 to 0.8405, covidfaq-de 0.3066 to 0.3235; 4 letters 0.8430 and
 * 0.3108; 6 letters 0.8409 and 0.3155; 7 letters 0.8346 and 0.3099.
 *
 * <p>The prefix folds umlauts to their base letter ("Gefährdung" and "Gefahren" both add {@code ~gefah}), which the
 * words themselves no longer do ({@link UmlautFilter}): as a backoff it may bridge "gefährdet" and "Gefahr" for an
 * article that matches a word of the query anyway, and it never makes "Drücken" a hit for "Drucker". Measured with
 * the relevance harness (nDCG@10): covidfaq-de 0.3218 to 0.3257, xquadr-de 0.8378 to 0.8376.
 *
 * <p>The prefix is flagged as a keyword, so the stemmer leaves it alone, and it runs before decompounding, so
 * compound parts get none of their own.
 */
final class PrefixFilter extends TokenFilter {
    static final int LENGTH = 5;
    static final char MARK = '~';

    private static final String ALPHANUM = StandardTokenizer.TOKEN_TYPES[StandardTokenizer.ALPHANUM];

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final TypeAttribute type = addAttribute(TypeAttribute.class);
    private final KeywordAttribute keyword = addAttribute(KeywordAttribute.class);
    private final PositionIncrementAttribute positionIncrement = addAttribute(PositionIncrementAttribute.class);

    private final char[] prefix = new char[LENGTH + 1];
    private State word;

    PrefixFilter(TokenStream input) {
        super(input);
        prefix[0] = MARK;
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (word != null) {
            restoreState(word);
            word = null;
            term.copyBuffer(prefix, 0, prefix.length);
            positionIncrement.setPositionIncrement(0);
            keyword.setKeyword(true);
            return true;
        }
        if (!input.incrementToken()) {
            return false;
        }
        if (term.length() > LENGTH + 1
                && !keyword.isKeyword()
                && ALPHANUM.equals(type.type())
                && GermanText.isPlainWord(term.buffer(), 0, term.length())
                && foldedPrefix(term.buffer(), term.length(), prefix)) {
            word = captureState();
        }
        return true;
    }

    /**
     * Writes the first {@value #LENGTH} letters of the word with its umlauts folded to their base letter into
     * {@code prefix} after the mark, reading "ae", "oe" and "ue" as umlauts as Lucene's
     * {@code GermanNormalizationFilter} does (not the "ue" of "qu" or after a vowel, as in "Steuer"); returns false
     * when the folded word is too short for a prefix.
     */
    static boolean foldedPrefix(char[] buffer, int length, char[] prefix) {
        int out = 1;
        boolean umlautBase = false;
        boolean afterVowel = false;
        for (int i = 0; i < length; i++) {
            char c = buffer[i];
            if (c == 'e' && umlautBase) {
                umlautBase = false;
                afterVowel = true;
                continue;
            }
            if (out <= LENGTH) {
                prefix[out] = c;
            }
            out++;
            switch (c) {
                case 'a', 'o' -> umlautBase = true;
                case 'u' -> umlautBase = !afterVowel;
                default -> umlautBase = false;
            }
            afterVowel = switch (c) {
                case 'a', 'e', 'i', 'o', 'u', 'y', 'q' -> true;
                default -> false;
            };
        }
        return out - 1 > LENGTH + 1;
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        word = null;
    }
}
