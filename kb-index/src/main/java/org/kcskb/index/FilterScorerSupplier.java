package org.kcskb.index;

import java.io.IOException;
import java.util.function.UnaryOperator;
import org.apache.lucene.search.BulkScorer;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.util.Bits;

/**
 * A scorer supplier that wraps another one's scorer and bulk scorer (for the queries that refine a wrapped
 * query's hits: {@link KcsPriors} and {@link AnchoredQuery}); its cost and the top-level scoring hint pass
 * through.
 */
abstract class FilterScorerSupplier extends ScorerSupplier {
    protected final ScorerSupplier in;

    FilterScorerSupplier(ScorerSupplier in) {
        this.in = in;
    }

    @Override
    public long cost() {
        return in.cost();
    }

    @Override
    public void setTopLevelScoringClause() throws IOException {
        // The collector's minimum competitive score reaches the wrapped scorer, so it may use the top-level
        // algorithms that rely on it (a WAND disjunction instead of a plain sum).
        in.setTopLevelScoringClause();
    }

    /**
     * Returns {@code in}, the wrapped query's own bulk scorer (for a boolean query, MaxScore or the block-max
     * algorithms that score windows of documents at once), with every collector it is given wrapped by {@code
     * collector}.
     */
    static BulkScorer collectingThrough(BulkScorer in, UnaryOperator<LeafCollector> collector) {
        return new BulkScorer() {
            @Override
            public int score(LeafCollector leafCollector, Bits acceptDocs, int min, int max) throws IOException {
                return in.score(collector.apply(leafCollector), acceptDocs, min, max);
            }

            @Override
            public long cost() {
                return in.cost();
            }
        };
    }
}
