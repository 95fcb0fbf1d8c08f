package org.kcskb.bench.relevance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.kcskb.search.SearchRequest;
import org.kcskb.search.spi.SearchEngineProvider;

/**
 * Runs the system and the BM25 baseline over one data set and evaluates both.
 *
 * <p>Both sides see the same documents and the same query texts (with the same typos, truncated to
 * {@link SearchRequest#MAX_TEXT_LENGTH}), so their numbers are comparable. Not thread-safe.
 */
final class RelevanceHarness {
    private RelevanceHarness() {}

    /**
     * What to run.
     *
     * @param language the corpus language
     * @param languageSource {@code given} or {@code detected}
     * @param typos edits per query
     * @param baselineOnly whether to skip the system run
     */
    record Settings(Language language, String languageSource, int typos, boolean baselineOnly) {
        Settings {
            Objects.requireNonNull(language, "language");
            Objects.requireNonNull(languageSource, "languageSource");
            if (typos < 0) {
                throw new IllegalArgumentException("typos must be 0 or more, was " + typos);
            }
        }
    }

    /** Runs with the search engine found on the class path, as a host application would. */
    static RelevanceReport run(Dataset dataset, Settings settings) {
        return run(dataset, settings, Optional.empty());
    }

    /** Runs the system with {@code engine} instead of the class path's; for tests. */
    static RelevanceReport run(Dataset dataset, Settings settings, SearchEngineProvider engine) {
        return run(dataset, settings, Optional.of(engine));
    }

    private static RelevanceReport run(Dataset dataset, Settings settings, Optional<SearchEngineProvider> engine) {
        List<EvaluationQuery> queries = prepareQueries(dataset.queries(), new Typos(settings.typos()));
        var warnings = new ArrayList<>(dataset.warnings());

        Optional<Side> system = Optional.empty();
        if (!settings.baselineOnly()) {
            try (var retriever = new KnowledgeBaseRetriever(settings.language(), engine)) {
                system = Optional.of(runSide(retriever, dataset, queries));
                if (retriever.truncatedTexts() > 0) {
                    warnings.add(retriever.truncatedTexts() + " document text(s) were cut to the library's field "
                            + "limit for the system run");
                }
            }
        }
        Side baseline;
        try (var retriever = new Bm25Baseline(settings.language())) {
            baseline = runSide(retriever, dataset, queries);
        }
        return new RelevanceReport(
                dataset.name(),
                settings.language(),
                settings.languageSource(),
                settings.typos(),
                dataset.documents().size(),
                system,
                baseline,
                warnings);
    }

    /** Applies the typos, then cuts each text to what a search request accepts. */
    static List<EvaluationQuery> prepareQueries(List<EvaluationQuery> queries, Typos typos) {
        var prepared = new ArrayList<EvaluationQuery>(queries.size());
        for (EvaluationQuery query : queries) {
            String text = typos.apply(query.id(), query.text());
            prepared.add(query.withText(KnowledgeBaseRetriever.truncateAtWord(text, SearchRequest.MAX_TEXT_LENGTH)));
        }
        return prepared;
    }

    private static Side runSide(Retriever retriever, Dataset dataset, List<EvaluationQuery> queries) {
        long start = System.nanoTime();
        retriever.index(dataset.documents());
        long indexed = System.nanoTime();
        Map<String, List<String>> rankings = new LinkedHashMap<>();
        for (EvaluationQuery query : queries) {
            rankings.put(query.id(), query.text().isBlank() ? List.of() : retriever.search(query.text()));
        }
        long searched = System.nanoTime();
        return new Side(
                Evaluation.of(queries, rankings, dataset.qrels()),
                new Side.Timings(indexed - start, searched - indexed, queries.size()));
    }

    /**
     * The outcome of one side.
     *
     * @param evaluation the mean metrics
     * @param timings how long indexing and searching took
     */
    record Side(Evaluation evaluation, Timings timings) {
        /**
         * Wall-clock times; reported, but never part of the JSON (which must be reproducible).
         *
         * @param indexNanos capture (or indexing) until everything is searchable
         * @param searchNanos every query, one after another
         * @param queries how many queries were run
         */
        record Timings(long indexNanos, long searchNanos, int queries) {}
    }
}
