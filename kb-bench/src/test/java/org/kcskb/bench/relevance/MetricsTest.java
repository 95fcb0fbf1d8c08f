package org.kcskb.bench.relevance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsTest {
    private static final double EPS = 1e-12;

    @Test
    void score_gradedGains_matchHandComputedValues() {
        // DCG  = 0/log2(2) + 2/log2(3) + 1/log2(4)            = 1.7618595071429148
        // IDCG = 2/log2(2) + 1/log2(3) + 1/log2(4) (d2, d3, d4) = 3.1309297535714574
        var scores = Metrics.score(List.of("d1", "d2", "d3", "x"), Map.of("d2", 2, "d3", 1, "d4", 1));

        assertThat(scores.ndcg10()).isCloseTo(0.5627272554209044, within(EPS));
        assertThat(scores.mrr10()).isCloseTo(0.5, within(EPS));
        assertThat(scores.recall10()).isCloseTo(2.0 / 3, within(EPS));
        assertThat(scores.recall100()).isCloseTo(2.0 / 3, within(EPS));
    }

    @Test
    void score_relevantDocumentAtRank11_countsOnlyForRecall100() {
        var ranking = new ArrayList<String>();
        for (int i = 1; i <= 10; i++) {
            ranking.add("n" + i);
        }
        ranking.add("r");

        var scores = Metrics.score(ranking, Map.of("r", 1));

        assertThat(scores).isEqualTo(new Metrics.Scores(0, 0, 0, 1));
    }

    @Test
    void score_moreRelevantThanTen_idealDcgIsCutAtTen() {
        var relevant = new LinkedHashMap<String, Integer>();
        var ranking = new ArrayList<String>();
        for (int i = 1; i <= 12; i++) {
            relevant.put("r" + i, 1);
            ranking.add("r" + i);
        }

        var scores = Metrics.score(ranking, relevant);

        assertThat(scores.ndcg10()).isCloseTo(1.0, within(EPS));
        assertThat(scores.mrr10()).isCloseTo(1.0, within(EPS));
        assertThat(scores.recall10()).isCloseTo(10.0 / 12, within(EPS));
        assertThat(scores.recall100()).isCloseTo(1.0, within(EPS));
    }

    @Test
    void score_duplicateInRanking_countsOnceAtItsFirstRank() {
        // b is at rank 2 once the repeated a is dropped: DCG = 1/log2(3), IDCG = 1.
        var scores = Metrics.score(List.of("a", "a", "b", "b"), Map.of("b", 1));

        assertThat(scores.ndcg10()).isCloseTo(0.6309297535714575, within(EPS));
        assertThat(scores.mrr10()).isCloseTo(0.5, within(EPS));
        assertThat(scores.recall10()).isCloseTo(1.0, within(EPS));
    }

    @Test
    void score_emptyRanking_isZero() {
        assertThat(Metrics.score(List.of(), Map.of("a", 3))).isEqualTo(new Metrics.Scores(0, 0, 0, 0));
    }

    @Test
    void score_withoutRelevantDocuments_isRejected() {
        assertThatThrownBy(() -> Metrics.score(List.of("a"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("skip");
    }

    @Test
    void evaluation_averagesOverQueriesWithRelevantDocuments_andCountsSkipped() {
        var queries = List.of(
                new EvaluationQuery("q1", "first"),
                new EvaluationQuery("q2", "second"),
                new EvaluationQuery("q3", "only judged not relevant"),
                new EvaluationQuery("q4", "not judged at all"));
        var qrels = new Qrels(Map.of("q1", Map.of("a", 1), "q2", Map.of("b", 1), "q3", Map.of("a", 0)));
        // q1 finds a first; q2 is missing from the run (found nothing).
        var rankings = Map.of("q1", List.of("a", "b"), "q3", List.of("a"), "q4", List.of("b"));

        var evaluation = Evaluation.of(queries, rankings, qrels);

        assertThat(evaluation.evaluated()).isEqualTo(2);
        assertThat(evaluation.skipped()).isEqualTo(2);
        assertThat(evaluation.mean()).isEqualTo(new Metrics.Scores(0.5, 0.5, 0.5, 0.5));
    }
}
