package org.kcskb.language;

import java.util.Locale;
import java.util.Optional;

/**
 * Tells the language of a text: the knowledge base asks it for the language of an article captured or updated
 * without one, and of a recorded search that named none, so that what is stored does not depend on the search
 * engine in use.
 *
 * <p>A {@link org.kcskb.KnowledgeBaseBuilder} uses the detector given to
 * {@link org.kcskb.KnowledgeBaseBuilder#languageDetector(LanguageDetector)}, else the first one
 * {@link java.util.ServiceLoader} finds (implementations registered there need a public no-argument constructor).
 * {@code kb-language} registers one on OpenNLP for German and English, and {@code kb-index} brings it along. With
 * none, languages that were not given stay unknown ({@link Locale#ROOT}).
 *
 * <p>Implementations are thread-safe and fast enough to run on every capture (the knowledge base calls them on
 * the writing thread for articles, on its recorder's thread for searches). An empty answer is better than a
 * guess: searches treat an unknown language as "every language".
 */
@FunctionalInterface
public interface LanguageDetector {

    /**
     * Returns the language of {@code text} (only its language part counts, such as {@code de}), or empty when the
     * text is too short or too ambiguous to tell.
     */
    Optional<Locale> detect(String text);

    /** Returns a detector that never tells: every language not given stays unknown ({@link Locale#ROOT}). */
    static LanguageDetector none() {
        return NoLanguageDetector.INSTANCE;
    }
}
