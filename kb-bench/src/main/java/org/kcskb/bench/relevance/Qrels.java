package org.kcskb.bench.relevance;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Relevance judgments: per query, the judged corpus ids with their grade (0 = judged not relevant, above 0 =
 * relevant with that gain). Immutable; iteration follows the order of {@code qrels.tsv}.
 *
 * @param byQuery query id to (corpus id to grade)
 */
record Qrels(Map<String, Map<String, Integer>> byQuery) {
    Qrels {
        var copy = new LinkedHashMap<String, Map<String, Integer>>();
        byQuery.forEach((query, judged) -> copy.put(query, Collections.unmodifiableMap(new LinkedHashMap<>(judged))));
        byQuery = Collections.unmodifiableMap(copy);
    }

    /** Returns every judgment of a query, including grade 0; empty for an unjudged query. */
    Map<String, Integer> judged(String queryId) {
        return byQuery.getOrDefault(queryId, Map.of());
    }

    /** Returns the relevant documents of a query (grade above 0) with their gains. */
    Map<String, Integer> relevant(String queryId) {
        var relevant = new LinkedHashMap<String, Integer>();
        judged(queryId).forEach((doc, grade) -> {
            if (grade > 0) {
                relevant.put(doc, grade);
            }
        });
        return relevant;
    }

    /** Returns the number of judgments (lines) in total. */
    int size() {
        return byQuery.values().stream().mapToInt(Map::size).sum();
    }

    /**
     * Keeps only judgments whose query and document exist, so that data errors cannot silently count as
     * unretrievable relevant documents.
     */
    Restricted restrictTo(Set<String> queryIds, Set<String> documentIds) {
        var kept = new LinkedHashMap<String, Map<String, Integer>>();
        int unknownQueries = 0;
        int unknownDocuments = 0;
        for (var entry : byQuery.entrySet()) {
            if (!queryIds.contains(entry.getKey())) {
                unknownQueries += entry.getValue().size();
                continue;
            }
            var judged = new LinkedHashMap<String, Integer>();
            for (var judgment : entry.getValue().entrySet()) {
                if (documentIds.contains(judgment.getKey())) {
                    judged.put(judgment.getKey(), judgment.getValue());
                } else {
                    unknownDocuments++;
                }
            }
            if (!judged.isEmpty()) {
                kept.put(entry.getKey(), judged);
            }
        }
        return new Restricted(new Qrels(kept), unknownQueries, unknownDocuments);
    }

    /**
     * The outcome of {@link #restrictTo}.
     *
     * @param qrels the judgments that were kept
     * @param unknownQueryJudgments judgments dropped because their query id is not in the queries
     * @param unknownDocumentJudgments judgments dropped because their corpus id is not in the corpus
     */
    record Restricted(Qrels qrels, int unknownQueryJudgments, int unknownDocumentJudgments) {}
}
