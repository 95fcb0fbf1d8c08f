package org.kcskb.index;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BulkScorer;
import org.apache.lucene.search.ConjunctionUtils;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Matches;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BitSetIterator;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.FixedBitSet;

/**
 * A query restricted to the documents of a filter, the filter applied as the documents the query's bulk scorer may
 * accept rather than as a required clause.
 *
 * <p>A top-k disjunction with a required filter clause is scored by Lucene's MaxScore one document at a time,
 * moving each term's postings to each of the filter's documents through a priority queue, where without one it
 * scores windows of documents term by term into a bit set. What the viewer may see is a filter of most of the
 * articles, so most searches paid the slow path for a filter that excludes little. Here the filter's documents are
 * a cached bit set per segment ({@link FilterBits}), and where they are dense the query runs the fast path with
 * them as accepted documents. Where they are sparse (a few articles of one tag) leaping from filter document to
 * filter document costs less than scoring the query's postings, so the bits lead a conjunction instead. Scores
 * are the wrapped query's; hits, counts and facets are those of the query with the filter as a clause.
 */
final class FilteredByBits extends Query {
    /**
     * Below this share of a segment's documents the filter leads a conjunction: the query's postings would then be
     * mostly decoded only to be refused.
     */
    static final int SPARSE_DIVISOR = 16;

    private final Query in;
    private final Query filter;
    private final FilterBits bits;

    FilteredByBits(Query in, Query filter, FilterBits bits) {
        this.in = Objects.requireNonNull(in, "in");
        this.filter = Objects.requireNonNull(filter, "filter");
        this.bits = Objects.requireNonNull(bits, "bits");
    }

    @Override
    public Query rewrite(IndexSearcher searcher) throws IOException {
        Query rewritten = in.rewrite(searcher);
        return rewritten == in ? this : new FilteredByBits(rewritten, filter, bits);
    }

    @Override
    public void visit(QueryVisitor visitor) {
        in.visit(visitor.getSubVisitor(BooleanClause.Occur.MUST, this));
        filter.visit(visitor.getSubVisitor(BooleanClause.Occur.FILTER, this));
    }

    @Override
    public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) throws IOException {
        return new FilteredWeight(this, searcher, in.createWeight(searcher, scoreMode, boost));
    }

    @Override
    public String toString(String field) {
        return "+" + in.toString(field) + " #" + filter.toString(field);
    }

    @Override
    public boolean equals(Object other) {
        return sameClassAs(other)
                && in.equals(((FilteredByBits) other).in)
                && filter.equals(((FilteredByBits) other).filter);
    }

    @Override
    public int hashCode() {
        return Objects.hash(classHash(), in, filter);
    }

    private final class FilteredWeight extends Weight {
        private final IndexSearcher searcher;
        private final Weight inner;
        private volatile Weight filterWeight;

        FilteredWeight(Query query, IndexSearcher searcher, Weight inner) {
            super(query);
            this.searcher = searcher;
            this.inner = inner;
        }

        /**
         * The filter's weight, made once per search and only when a segment's bits are not cached. Through a
         * searcher without Lucene's query cache: the bits are the cache, and the query cache would hold the same
         * documents a second time.
         */
        private Weight filterWeight() throws IOException {
            Weight weight = filterWeight;
            if (weight == null) {
                synchronized (this) {
                    weight = filterWeight;
                    if (weight == null) {
                        var uncached = new IndexSearcher(searcher.getTopReaderContext());
                        uncached.setQueryCache(null);
                        weight = uncached.createWeight(uncached.rewrite(filter), ScoreMode.COMPLETE_NO_SCORES, 1);
                        filterWeight = weight;
                    }
                }
            }
            return weight;
        }

        private FilterBits.Matches accepted(LeafReaderContext context) throws IOException {
            return bits.get(context, filter, this::filterWeight);
        }

        @Override
        public ScorerSupplier scorerSupplier(LeafReaderContext context) throws IOException {
            FilterBits.Matches matches = accepted(context);
            FixedBitSet accepted = matches.docs();
            int cardinality = matches.count();
            if (cardinality == 0) {
                return null;
            }
            ScorerSupplier supplier = inner.scorerSupplier(context);
            if (supplier == null) {
                return null;
            }
            boolean sparse =
                    (long) cardinality * SPARSE_DIVISOR < context.reader().maxDoc();
            return new FilterScorerSupplier(supplier) {
                @Override
                public Scorer get(long leadCost) throws IOException {
                    Scorer scorer = in.get(Math.min(leadCost, cardinality));
                    DocIdSetIterator both = ConjunctionUtils.intersectIterators(
                            List.of(new BitSetIterator(accepted, cardinality), scorer.iterator()));
                    return new CheckedScorer(scorer, both);
                }

                @Override
                public BulkScorer bulkScorer() throws IOException {
                    if (sparse) {
                        return new DefaultBulkScorer(get(cardinality));
                    }
                    BulkScorer bulk = in.bulkScorer();
                    return new BulkScorer() {
                        @Override
                        public int score(LeafCollector collector, Bits acceptDocs, int min, int max)
                                throws IOException {
                            return bulk.score(
                                    collector, acceptDocs == null ? accepted : both(accepted, acceptDocs), min, max);
                        }

                        @Override
                        public long cost() {
                            return Math.min(bulk.cost(), cardinality);
                        }
                    };
                }

                @Override
                public long cost() {
                    return Math.min(in.cost(), cardinality);
                }
            };
        }

        @Override
        public Explanation explain(LeafReaderContext context, int doc) throws IOException {
            if (!accepted(context).docs().get(doc)) {
                return Explanation.noMatch("not matched by the filter " + filter);
            }
            return inner.explain(context, doc);
        }

        @Override
        public Matches matches(LeafReaderContext context, int doc) throws IOException {
            return accepted(context).docs().get(doc) ? inner.matches(context, doc) : null;
        }

        @Override
        public boolean isCacheable(LeafReaderContext ctx) {
            return inner.isCacheable(ctx);
        }
    }

    private static Bits both(Bits a, Bits b) {
        return new Bits() {
            @Override
            public boolean get(int index) {
                return a.get(index) && b.get(index);
            }

            @Override
            public int length() {
                return a.length();
            }
        };
    }
}
