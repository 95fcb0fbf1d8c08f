package org.kcskb.bench.relevance;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.kcskb.KbException;
import org.kcskb.language.opennlp.OpenNlpLanguageDetector;

/**
 * Decides a corpus's language by a vote of the library's {@link OpenNlpLanguageDetector} over a sample of documents,
 * falling back to {@link FunctionWordDetector} when the detector cannot be loaded or the vote is unclear; and tells
 * a mixed-language corpus from a single-language one.
 */
final class CorpusLanguage {
    /** Documents read from the start of the corpus: a clear majority, at a fraction of a second. */
    static final int SAMPLE_DOCUMENTS = FunctionWordDetector.SAMPLE_DOCUMENTS;

    /**
     * The share of the sample the smaller language must reach for the corpus to count as mixed. A fifth keeps a
     * German FAQ with a few English entries single-language (one analyzer, as before), while a help desk that
     * writes a quarter of its articles in English is evaluated per article.
     */
    static final double MIXED_SHARE = 0.2;

    private CorpusLanguage() {}

    /**
     * The outcome of a detection.
     *
     * @param language the language, or empty when neither method could tell
     * @param evidence how it was decided, for the console
     * @param mixed whether the detector found both languages, each in at least {@link #MIXED_SHARE} of the
     *     sample; {@code language} is then the majority, if there is a clear one
     */
    record Detection(Optional<Language> language, String evidence, boolean mixed) {
        Detection(Optional<Language> language, String evidence) {
            this(language, evidence, false);
        }
    }

    /** Detects the language of {@code documents}; a language wins with at least twice the votes of the other. */
    static Detection detect(List<CorpusDocument> documents) {
        var sample = documents.subList(0, Math.min(SAMPLE_DOCUMENTS, documents.size()));
        String libraryOutcome;
        boolean mixed = false;
        try {
            OpenNlpLanguageDetector detector = detector();
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
            mixed = Math.min(german, english) >= MIXED_SHARE * sample.size();
            Optional<Language> vote = vote(german, english);
            if (vote.isPresent()) {
                return new Detection(vote, libraryOutcome, mixed);
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
                        guess.englishHits()),
                mixed);
    }

    /** Returns the distinct languages that the data set's own {@code lang} fields name, documents and queries. */
    static Set<Language> declared(Dataset dataset) {
        var languages = EnumSet.noneOf(Language.class);
        dataset.documents().forEach(d -> d.language().ifPresent(languages::add));
        dataset.queries().forEach(q -> q.language().ifPresent(languages::add));
        return languages;
    }

    /**
     * Returns each document's language for the mixed-language baseline: its {@code lang} field, else what the
     * library's detector says, else {@code fallback} (a text too short or too odd to tell).
     */
    static Function<CorpusDocument, Language> perDocument(Language fallback) {
        Optional<OpenNlpLanguageDetector> detector;
        try {
            detector = Optional.of(detector());
        } catch (KbException | LinkageError e) {
            detector = Optional.empty();
        }
        Optional<OpenNlpLanguageDetector> library = detector;
        return document -> document.language()
                .or(() -> library.flatMap(d -> d.detect(document.title() + "\n" + document.text()))
                        .flatMap(CorpusLanguage::of))
                .orElse(fallback);
    }

    private static Optional<Language> of(Locale locale) {
        for (Language language : Language.values()) {
            if (language.locale().getLanguage().equals(locale.getLanguage())) {
                return Optional.of(language);
            }
        }
        return Optional.empty();
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

    /**
     * The library's detector, asked to choose between the harness's two languages only ({@link Language}): with every
     * language the library analyses, a short English text that also reads as French would come back undecided.
     */
    private static OpenNlpLanguageDetector detector() {
        return OpenNlpLanguageDetector.forLanguages(
                java.util.Set.of(java.util.Locale.GERMAN, java.util.Locale.ENGLISH));
    }
}
