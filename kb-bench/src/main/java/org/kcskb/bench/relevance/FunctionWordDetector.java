package org.kcskb.bench.relevance;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Tells German from English for a whole corpus by counting common function words in a sample.
 *
 * <p>Function words are frequent in any text of a language and rare in the other one, so a few hundred
 * documents decide clearly; this judges a corpus, not a single short query. Words that both languages use
 * ({@code in}, {@code an}, {@code was}, {@code so}) are left out. Stateless and thread-safe.
 */
final class FunctionWordDetector {
    /** Documents read from the start of the corpus; enough for a clear majority, cheap to count. */
    static final int SAMPLE_DOCUMENTS = 200;

    private static final Set<String> GERMAN = Set.of(
            "der", "die", "das", "und", "ist", "nicht", "ein", "eine", "einer", "zu", "den", "von", "mit", "sich",
            "des", "auf", "für", "im", "dem", "auch", "es", "werden", "aus", "bei", "wie", "oder", "wenn", "kann",
            "sind", "wird");
    private static final Set<String> ENGLISH = Set.of(
            "the", "and", "is", "of", "to", "that", "it", "for", "with", "as", "be", "by", "this", "are", "from", "or",
            "not", "can", "you", "which", "were", "at", "but", "they", "have", "has", "what", "how", "when", "their");

    private FunctionWordDetector() {}

    /**
     * Counts function words in the first {@link #SAMPLE_DOCUMENTS} documents. The language is decided when one
     * side has at least twice the hits of the other.
     */
    static Guess detect(List<CorpusDocument> documents) {
        int german = 0;
        int english = 0;
        for (CorpusDocument document : documents.subList(0, Math.min(SAMPLE_DOCUMENTS, documents.size()))) {
            for (String word : words(document.title() + " " + document.text())) {
                if (GERMAN.contains(word)) {
                    german++;
                } else if (ENGLISH.contains(word)) {
                    english++;
                }
            }
        }
        Optional<Language> language;
        if (german > 0 && german >= 2 * english) {
            language = Optional.of(Language.GERMAN);
        } else if (english > 0 && english >= 2 * german) {
            language = Optional.of(Language.ENGLISH);
        } else {
            language = Optional.empty();
        }
        return new Guess(language, german, english);
    }

    private static List<String> words(String text) {
        return List.of(text.toLowerCase(Locale.ROOT).split("[^\\p{L}]+"));
    }

    /**
     * The outcome of a detection.
     *
     * @param language the language, or empty when the counts do not decide
     * @param germanHits German function words found
     * @param englishHits English function words found
     */
    record Guess(Optional<Language> language, int germanHits, int englishHits) {}
}
