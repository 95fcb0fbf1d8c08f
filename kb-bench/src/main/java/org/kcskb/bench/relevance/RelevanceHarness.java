package org.kcskb.bench.relevance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
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
     * @param language the corpus language; in the mixed-language mode, the language of a baseline document that
     *     neither states nor reveals its own
     * @param languageSource {@code given} or {@code detected}, or how the mixed-language mode was chosen
     * @param typos edits per query
     * @param baselineOnly whether to skip the system run
     * @param mixed whether each document and query has its own language instead of {@code language} for all
     * @param ignoreContext whether the system searches without the queries' {@code context} (to measure what the
     *     context adds)
     */
    record Settings(
            Language language,
            String languageSource,
            int typos,
            boolean baselineOnly,
            boolean mixed,
            boolean ignoreContext) {
        Settings {
            Objects.requireNonNull(language, "language");
            Objects.requireNonNull(languageSource, "languageSource");
            if (typos < 0) {
                throw new IllegalArgumentException("typos must be 0 or more, was " + typos);
            }
        }

        /** Searching with the queries' context. */
        Settings(Language language, String languageSource, int typos, boolean baselineOnly, boolean mixed) {
            this(language, languageSource, typos, baselineOnly, mixed, false);
        }

        /** Returns these settings with the queries' context ignored, or used. */
        Settings ignoringContext(boolean ignore) {
            return new Settings(language, languageSource, typos, baselineOnly, mixed, ignore);
        }

        /** One language for the whole data set. */
        Settings(Language language, String languageSource, int typos, boolean baselineOnly) {
            this(language, languageSource, typos, baselineOnly, false);
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
            try (var retriever = settings.mixed()
                    ? KnowledgeBaseRetriever.mixed(engine)
                    : new KnowledgeBaseRetriever(settings.language(), engine)) {
                system = Optional.of(runSide(retriever, dataset, queries, !settings.ignoreContext()));
                if (retriever.truncatedTexts() > 0) {
                    warnings.add(retriever.truncatedTexts() + " document text(s) were cut to the library's field "
                            + "limit for the system run");
                }
            }
        }
        Side baseline;
        try (var retriever = settings.mixed()
                ? Bm25Baseline.mixed(CorpusLanguage.perDocument(settings.language()))
                : new Bm25Baseline(settings.language())) {
            baseline = runSide(retriever, dataset, queries, false);
        }
        return new RelevanceReport(
                dataset.name(),
                settings.language(),
                settings.mixed(),
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

    private static Side runSide(
            Retriever retriever, Dataset dataset, List<EvaluationQuery> queries, boolean withContext) {
        long start = System.nanoTime();
        retriever.index(dataset.documents());
        long indexed = System.nanoTime();
        Map<String, List<String>> rankings = new LinkedHashMap<>();
        for (EvaluationQuery query : queries) {
            rankings.put(
                    query.id(),
                    query.text().isBlank()
                            ? List.of()
                            : retriever.search(
                                    query.text(), query.language(), withContext ? query.context() : Map.of()));
        }
        long searched = System.nanoTime();
        var groups = new LinkedHashMap<String, Evaluation>();
        groups(queries).forEach((name, members) -> groups.put(name, Evaluation.of(members, rankings, dataset.qrels())));
        return new Side(
                Evaluation.of(queries, rankings, dataset.qrels()),
                groups,
                new Side.Timings(indexed - start, searched - indexed, queries.size()));
    }

    /**
     * Returns the query groups that the report breaks the figures down by, in a stable order: {@code split:NAME}
     * when the queries name more than one split (so that tuning on {@code dev} can be checked on {@code test}),
     * {@code lang:TAG} when more than one language, and {@code kind:NAME} whenever queries name a kind. A set with
     * none of these fields, such as the shared single-split sets, has no groups and an unchanged report.
     */
    static Map<String, List<EvaluationQuery>> groups(List<EvaluationQuery> queries) {
        var groups = new LinkedHashMap<String, List<EvaluationQuery>>();
        addGroups(groups, "split", queries, EvaluationQuery::split, 2);
        addGroups(groups, "lang", queries, q -> q.language().map(Language::tag).orElse(""), 2);
        addGroups(groups, "kind", queries, EvaluationQuery::kind, 1);
        return groups;
    }

    private static void addGroups(
            Map<String, List<EvaluationQuery>> groups,
            String prefix,
            List<EvaluationQuery> queries,
            Function<EvaluationQuery, String> key,
            int minimumValues) {
        var byValue = new TreeMap<String, List<EvaluationQuery>>();
        for (EvaluationQuery query : queries) {
            String value = key.apply(query);
            if (!value.isEmpty()) {
                byValue.computeIfAbsent(value, v -> new ArrayList<>()).add(query);
            }
        }
        if (byValue.size() >= minimumValues) {
            byValue.forEach((value, members) -> groups.put(prefix + ":" + value, List.copyOf(members)));
        }
    }

    /**
     * The outcome of one side.
     *
     * @param evaluation the mean metrics
     * @param groups the mean metrics per query group ({@link #groups}), such as {@code split:test}
     * @param timings how long indexing and searching took
     */
    record Side(Evaluation evaluation, Map<String, Evaluation> groups, Timings timings) {
        Side {
            Objects.requireNonNull(evaluation, "evaluation");
            groups = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(groups));
            Objects.requireNonNull(timings, "timings");
        }

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
