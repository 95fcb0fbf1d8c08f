package org.kcskb.index.analysis;

import org.apache.lucene.analysis.TokenStream;

/**
 * Removes the plural or genitive "-s" that the Snowball stemmer keeps, when the knowledge base knows the word
 * without it. Not thread-safe, like every token stream.
 *
 * <p>Snowball removes a final "s" only after b, d, f, g, h, k, l, m, n, r or t, so "Druckers" becomes {@code druck},
 * but "Kontos", "Handys", "Kameras" and the genitive of names ("Victorias Verfassung", "Odingas Rolle", "Kenias") keep
 * it and never meet "Konto", "Handy", "Victoria". This filter drops such an "s" when the rest is a word of the
 * {@link CompoundVocabulary} (the articles' own words), and leaves it when the rest is unknown ("Status", "Virus",
 * "Fokus" stay whole unless "statu", "viru", "foku" were ever written). It runs before decompounding and stemming,
 * on the German normal form. Measured with the relevance harness (nDCG@10): xquadr-de 0.8168 to 0.8216 (five
 * questions about names in the genitive now find their sentence), covidfaq-de 0.3120 to 0.3074 (one query,
 * "Babys" now equal to "Baby", shuffles near ties).
 *
 * <p>The form as written stays searchable in the exact-form field, which this filter does not touch.
 */
final class SEndingFilter extends VocabularyWordFilter {
    /** The rest must be a possible vocabulary word. */
    private static final int MIN_LENGTH = Decompounder.MIN_PART + 1;

    SEndingFilter(TokenStream input, CompoundVocabulary vocabulary) {
        super(input, vocabulary);
    }

    @Override
    void rewrite(char[] buffer, int length) {
        if (length >= MIN_LENGTH
                && buffer[length - 1] == 's'
                && keepsS(buffer[length - 2])
                && isPlainWord()
                && table.frequency(buffer, 0, length - 1) > 0) {
            term.setLength(length - 1);
        }
    }

    /** Whether Snowball keeps a final "s" after this letter (it removes it after b, d, f, g, h, k, l, m, n, r, t). */
    static boolean keepsS(char c) {
        return switch (c) {
            case 'b', 'd', 'f', 'g', 'h', 'k', 'l', 'm', 'n', 'r', 't' -> false;
            // "-ss" ("Prozess", "Anschluss") is no ending.
            case 's' -> false;
            default -> true;
        };
    }
}
