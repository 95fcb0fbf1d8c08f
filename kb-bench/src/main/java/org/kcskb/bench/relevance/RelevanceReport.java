package org.kcskb.bench.relevance;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of one harness run.
 *
 * @param dataset the data set name
 * @param language the corpus language used; in the mixed-language mode the fallback for unknown documents
 * @param mixed whether each document and query was evaluated in its own language
 * @param languageSource {@code given} or {@code detected}
 * @param typos edits per query
 * @param documents documents indexed
 * @param system the library's side, or empty for a baseline-only run
 * @param baseline the BM25 baseline's side
 * @param warnings what was left out or changed on the way
 */
record RelevanceReport(
        String dataset,
        Language language,
        boolean mixed,
        String languageSource,
        int typos,
        int documents,
        Optional<RelevanceHarness.Side> system,
        RelevanceHarness.Side baseline,
        List<String> warnings) {
    RelevanceReport {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(languageSource, "languageSource");
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(baseline, "baseline");
        warnings = List.copyOf(warnings);
    }

    /** Returns {@code mixed} for a mixed-language run, else the language's tag. */
    String languageTag() {
        return mixed ? "mixed" : language.tag();
    }

    /** Queries with at least one relevant document; the same for both sides. */
    int evaluatedQueries() {
        return baseline.evaluation().evaluated();
    }

    int skippedQueries() {
        return baseline.evaluation().skipped();
    }

    /** Returns the relative nDCG@10 gain of the system over the baseline in percent, if both are known. */
    Optional<Double> ndcgGainPercent() {
        double base = baseline.evaluation().mean().ndcg10();
        if (base == 0) {
            return Optional.empty();
        }
        return system.map(s -> (s.evaluation().mean().ndcg10() - base) / base * 100);
    }
}
