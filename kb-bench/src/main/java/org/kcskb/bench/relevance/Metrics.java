package org.kcskb.bench.relevance;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * The per-query ranking metrics: nDCG@10, MRR@10, Recall@10 and Recall@100.
 *
 * <p>nDCG is graded: the gain of a document is its qrels grade, discounted by {@code log2(rank + 1)}; the ideal
 * DCG ranks every relevant document of the query by grade. A document that appears twice in a ranking counts
 * once, at its first rank. Stateless.
 */
final class Metrics {
    static final int CUTOFF = 10;
    static final int DEEP_CUTOFF = 100;

    private Metrics() {}

    /**
     * Scores one ranking.
     *
     * @param ranking corpus ids, best first
     * @param relevant the relevant corpus ids of the query with their gains (all above 0); not empty
     */
    static Scores score(List<String> ranking, Map<String, Integer> relevant) {
        if (relevant.isEmpty()) {
            throw new IllegalArgumentException("A query without relevant documents cannot be scored; skip it");
        }
        double dcg = 0;
        double reciprocalRank = 0;
        int foundAt10 = 0;
        int foundAt100 = 0;
        var seen = new HashSet<String>();
        int rank = 0;
        for (String document : ranking) {
            if (rank == DEEP_CUTOFF) {
                break;
            }
            if (!seen.add(document)) {
                continue;
            }
            rank++;
            Integer gain = relevant.get(document);
            if (gain == null || gain <= 0) {
                continue;
            }
            foundAt100++;
            if (rank <= CUTOFF) {
                foundAt10++;
                dcg += gain / log2(rank + 1);
                if (reciprocalRank == 0) {
                    reciprocalRank = 1.0 / rank;
                }
            }
        }
        return new Scores(
                dcg / idealDcg(relevant),
                reciprocalRank,
                (double) foundAt10 / relevant.size(),
                (double) foundAt100 / relevant.size());
    }

    private static double idealDcg(Map<String, Integer> relevant) {
        List<Integer> gains = new ArrayList<>(relevant.values());
        gains.sort(Comparator.reverseOrder());
        double ideal = 0;
        for (int i = 0; i < Math.min(CUTOFF, gains.size()); i++) {
            ideal += gains.get(i) / log2(i + 2);
        }
        return ideal;
    }

    private static double log2(int x) {
        return Math.log(x) / Math.log(2);
    }

    /**
     * The four metrics of one query, or their mean over queries.
     *
     * @param ndcg10 normalised discounted cumulative gain of the top 10
     * @param mrr10 reciprocal rank of the first relevant document in the top 10, else 0
     * @param recall10 share of the relevant documents in the top 10
     * @param recall100 share of the relevant documents in the top 100
     */
    record Scores(double ndcg10, double mrr10, double recall10, double recall100) {
        /** Returns the mean of {@code scores}, summed in list order so that the result is reproducible. */
        static Scores mean(List<Scores> scores) {
            if (scores.isEmpty()) {
                return new Scores(0, 0, 0, 0);
            }
            double ndcg = 0;
            double mrr = 0;
            double r10 = 0;
            double r100 = 0;
            for (Scores s : scores) {
                ndcg += s.ndcg10;
                mrr += s.mrr10;
                r10 += s.recall10;
                r100 += s.recall100;
            }
            int n = scores.size();
            return new Scores(ndcg / n, mrr / n, r10 / n, r100 / n);
        }
    }
}
