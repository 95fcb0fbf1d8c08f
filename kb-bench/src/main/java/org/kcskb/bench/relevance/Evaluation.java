package org.kcskb.bench.relevance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Mean metrics of one run over the queries that have at least one relevant document.
 *
 * @param mean the mean of every evaluated query's {@link Metrics.Scores}
 * @param evaluated queries with at least one relevant document
 * @param skipped queries without any relevant document (unjudged, or judged not relevant only)
 */
record Evaluation(Metrics.Scores mean, int evaluated, int skipped) {

    /**
     * Evaluates a run.
     *
     * @param queries every query, in data set order
     * @param rankings per query id the corpus ids found, best first; a missing query found nothing
     */
    static Evaluation of(List<EvaluationQuery> queries, Map<String, List<String>> rankings, Qrels qrels) {
        var scores = new ArrayList<Metrics.Scores>();
        int skipped = 0;
        for (EvaluationQuery query : queries) {
            var relevant = qrels.relevant(query.id());
            if (relevant.isEmpty()) {
                skipped++;
            } else {
                scores.add(Metrics.score(rankings.getOrDefault(query.id(), List.of()), relevant));
            }
        }
        return new Evaluation(Metrics.Scores.mean(scores), scores.size(), skipped);
    }
}
