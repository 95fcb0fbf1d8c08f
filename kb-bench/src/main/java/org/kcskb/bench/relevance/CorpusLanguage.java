package org.kcskb.bench.relevance;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.kcskb.KbException;
import org.kcskb.language.opennlp.OpenNlpLanguageDetector;

/**
 * Decides a corpus's language by a vote of the library's {@link OpenNlpLanguageDetector} over a sample of documents,
 * falling back to {@link FunctionWordDetector} when the detector cannot be loaded or the vote is unclear.
 */
final class CorpusLanguage {
    /** Documents read from the start of the corpus: a clear majority, at a fraction of a second. */
    static final int SAMPLE_DOCUMENTS = FunctionWordDetector.SAMPLE_DOCUMENTS;

    private CorpusLanguage() {}

    /**
     * The outcome of a detection.
     *
     * @param language the language, or empty when neither method could tell
     * @param evidence how it was decided, for the console
     */
    record Detection(Optional<Language> language, String evidence) {}

    /** Detects the language of {@code documents}; a language wins with at least twice the votes of the other. */
    static Detection detect(List<CorpusDocument> documents) {
        var sample = documents.subList(0, Math.min(SAMPLE_DOCUMENTS, documents.size()));
        String libraryOutcome;
        try {
            OpenNlpLanguageDetector detector = OpenNlpLanguageDetector.create();
            int german = 0;
            int english = 0;
            for (CorpusDocument document : sample) {
                Optional<Locale> locale = detector.detect(document.title() + "\n" + document.text());
                if (locale.equals(Optional.of(Locale.GERMAN))) {
                    german++;
                } else if (locale.equals(Optional.of(Locale.ENGLISH))) {
                    english++;
                }
            }
            libraryOutcome = String.format(
                    Locale.ROOT,
                    "language detector: %d of %d sampled documents German, %d English",
                    german,
                    sample.size(),
                    english);
            Optional<Language> vote = vote(german, english);
            if (vote.isPresent()) {
                return new Detection(vote, libraryOutcome);
            }
        } catch (KbException | LinkageError e) {
            libraryOutcome = "language detector unavailable (" + e.getMessage() + ")";
        }
        var guess = FunctionWordDetector.detect(documents);
        return new Detection(
                guess.language(),
                String.format(
                        Locale.ROOT,
                        "%s; function words: %d German, %d English",
                        libraryOutcome,
                        guess.germanHits(),
                        guess.englishHits()));
    }

    private static Optional<Language> vote(int german, int english) {
        if (german > 0 && german >= 2 * english) {
            return Optional.of(Language.GERMAN);
        }
        if (english > 0 && english >= 2 * german) {
            return Optional.of(Language.ENGLISH);
        }
        return Optional.empty();
    }
}
