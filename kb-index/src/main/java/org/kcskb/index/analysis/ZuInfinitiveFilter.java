package org.kcskb.index.analysis;

import org.apache.lucene.analysis.TokenStream;

/**
 * Removes the "zu" that the infinitive of a separable verb takes between particle and verb ("anzumelden",
 * "zurückzusetzen", "herunterzuladen"), when the knowledge base knows the verb without it. Not thread-safe, like
 * every token stream.
 *
 * <p>Support articles say "um sich anzumelden" where a question says "anmelden" or "Anmeldung", and the other way
 * round; the stemmer cannot see through the infix, so {@code anzumeld} never met {@code anmeld}. This filter tries
 * each "zu" after a particle of {@value #MIN_PARTICLE} to {@value #MAX_PARTICLE} letters and keeps the first
 * reading that is a word of the {@link CompoundVocabulary} ("hinzuzufügen" becomes "hinzufügen"); a word without
 * such a reading ("Anzug", "unzufrieden" unless "unfrieden" is known) stays as it is. Only words ending in "n" can
 * be such infinitives. It runs on the German normal form, before decompounding and stemming; the form as written
 * stays searchable in the exact-form field. Measured with the relevance harness (nDCG@10): covidfaq-de 0.3235 to
 * 0.3256 ("sich anzustecken" and "Ansteckung"), xquadr-de unchanged at 0.8405.
 */
final class ZuInfinitiveFilter extends VocabularyWordFilter {
    /** "an", "ab", "ein", ..., up to "herunter"; no particle is shorter or longer. */
    static final int MIN_PARTICLE = 2;

    static final int MAX_PARTICLE = 8;
    /** The shortest verb after the infix ("stellen" in "herzustellen"; "tun" in "anzutun" is too short to check). */
    private static final int MIN_VERB = Decompounder.MIN_PART;

    private final char[] reading = new char[Decompounder.MAX_WORD];

    ZuInfinitiveFilter(TokenStream input, CompoundVocabulary vocabulary) {
        super(input, vocabulary);
    }

    @Override
    void rewrite(char[] buffer, int length) {
        if (length < MIN_PARTICLE + 2 + MIN_VERB || buffer[length - 1] != 'n' || !isPlainWord()) {
            return;
        }
        for (int particle = MIN_PARTICLE; particle <= MAX_PARTICLE && particle + 2 + MIN_VERB <= length; particle++) {
            if (buffer[particle] != 'z' || buffer[particle + 1] != 'u') {
                continue;
            }
            System.arraycopy(buffer, 0, reading, 0, particle);
            System.arraycopy(buffer, particle + 2, reading, particle, length - particle - 2);
            if (table.frequency(reading, 0, length - 2) > 0) {
                term.copyBuffer(reading, 0, length - 2);
                return;
            }
        }
    }
}
