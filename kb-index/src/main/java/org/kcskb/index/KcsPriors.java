package org.kcskb.index;

import java.io.IOException;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BulkScorer;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.DoubleValues;
import org.apache.lucene.search.DoubleValuesSource;
import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.FilterLeafCollector;
import org.apache.lucene.search.FilterScorer;
import org.apache.lucene.search.FilterWeight;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.Weight;
import org.kcskb.search.spi.KcsPrior;

/**
 * The {@linkplain KcsPrior KCS ranking prior} as a Lucene values source, read from doc values so that a change of
 * signals never requires re-analysing an article: the signal prior is stored with each article ({@link
 * #SIGNAL_PRIOR}), freshness is applied at query time from the modification time.
 *
 * <p>{@link #boost(Query)} applies the prior to a text query. Thread-safe.
 */
final class KcsPriors extends DoubleValuesSource {
    /**
     * The product of every factor but freshness, as the bits of a double: one doc value read per scored document
     * instead of five. Written with the article, and again whenever its signals change ({@link
     * ArticleDocuments#signalPrior}).
     */
    static final String SIGNAL_PRIOR = "prior.signals";

    /**
     * No prior exceeds this: state 1.0 × reuse 1.12 × votes (below 1.04) × flags 1.0 × freshness 1.0. The bound
     * is what lets a boosted query skip documents: see {@link Boosted}.
     */
    static final double MAX_PRIOR = KcsPrior.MAX;

    private final long now;
    private final AskerContext context;

    KcsPriors(Clock clock) {
        this(clock, AskerContext.NONE);
    }

    /**
     * The prior times the factor of the asker's context ({@link org.kcskb.search.spi.ContextBoost}): the context
     * lifts whatever the prior lifts, the text score and the bonus alike.
     */
    KcsPriors(Clock clock, AskerContext context) {
        // Truncated to the hour: the prior must be stable between refreshes so that equal queries are equal.
        this.now = KcsPrior.now(clock);
        this.context = context;
    }

    /** No factor exceeds this: {@link #MAX_PRIOR} times the largest context factor. */
    double max() {
        return MAX_PRIOR * context.max();
    }

    /**
     * Returns {@code relevance} with each score multiplied by the document's prior.
     *
     * <p>Unlike {@code FunctionScoreQuery.boostByValue}, whose scorer reports an unbounded maximum score, the
     * returned query passes {@link Scorer#getMaxScore} and {@link Scorer#setMinCompetitiveScore} through, scaled
     * by {@link #max()}: a top-k search can then skip documents that cannot enter the top k (block-max
     * WAND/MaxScore) instead of scoring, and computing the prior of, every match. Scores are the same as
     * FunctionScoreQuery's: {@code (float) (score * prior)}.
     */
    Query boost(Query relevance) {
        return new Boosted(relevance, this);
    }

    @Override
    public DoubleValues getValues(LeafReaderContext ctx, DoubleValues scores) throws IOException {
        var reader = ctx.reader();
        NumericDocValues signals = DocValues.getNumeric(reader, SIGNAL_PRIOR);
        NumericDocValues modified = DocValues.getNumeric(reader, ArticleFields.MODIFIED);
        AskerContext.Leaf asker = context.isEmpty() ? null : context.leaf(ctx);
        return new DoubleValues() {
            private double value;

            @Override
            public double doubleValue() {
                return value;
            }

            @Override
            public boolean advanceExact(int doc) throws IOException {
                double signalPrior = signals.advanceExact(doc) ? Double.longBitsToDouble(signals.longValue()) : 1.0;
                value = signalPrior * KcsPrior.freshness(now - read(modified, doc, now));
                if (asker != null) {
                    value *= asker.factor(doc);
                }
                return true;
            }
        };
    }

    /** The text score times the prior of {@code doc}, rounded to float as every scorer's score is. */
    private static float boosted(float text, DoubleValues priors, int doc) throws IOException {
        return priors.advanceExact(doc) ? (float) (text * priors.doubleValue()) : text;
    }

    /**
     * The text score a document needs to reach {@code minScore} after the prior: at least {@code minScore /
     * max()}, with one ulp of slack for the rounding of the boosted score to float.
     */
    private static float minTextScore(float minScore, double max) {
        return Math.max(0f, Math.nextDown((float) (minScore / max)));
    }

    /**
     * Explains the factor of {@code doc}: the prior, and with a context the attributes the article shares with the
     * asker and their factor.
     */
    Explanation explain(LeafReaderContext leaf, int doc) throws IOException {
        DoubleValues values = getValues(leaf, null);
        values.advanceExact(doc);
        float value = (float) values.doubleValue();
        if (context.isEmpty()) {
            return Explanation.match(value, toString());
        }
        AskerContext.Leaf asker = context.leaf(leaf);
        double factor = asker.factor(doc);
        List<String> shared = asker.shared(doc);
        Explanation contextFactor = Explanation.match(
                (float) factor,
                shared.isEmpty()
                        ? "asker's context " + context + ": no attribute shared, no boost"
                        : "asker's context boost x" + String.format(java.util.Locale.ROOT, "%.3f", factor)
                                + ", shared: " + String.join(", ", shared));
        return Explanation.match(
                value,
                "product of:",
                Explanation.match((float) (values.doubleValue() / factor), toString()),
                contextFactor);
    }

    private static long read(NumericDocValues values, int doc, long missing) throws IOException {
        return values.advanceExact(doc) ? values.longValue() : missing;
    }

    @Override
    public boolean needsScores() {
        return false;
    }

    @Override
    public DoubleValuesSource rewrite(IndexSearcher searcher) {
        return this;
    }

    @Override
    public boolean isCacheable(LeafReaderContext ctx) {
        return DocValues.isCacheable(ctx, SIGNAL_PRIOR, ArticleFields.MODIFIED) && context.isCacheable(ctx);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KcsPriors other && other.now == now && other.context.equals(context);
    }

    @Override
    public int hashCode() {
        return Objects.hash(KcsPriors.class, now, context);
    }

    @Override
    public String toString() {
        return "kcs-priors(state, reuse, votes, flags, freshness)";
    }

    /** A query whose scores are the wrapped query's scores times the prior. */
    private static final class Boosted extends Query {
        private final Query in;
        private final KcsPriors priors;

        Boosted(Query in, KcsPriors priors) {
            this.in = in;
            this.priors = priors;
        }

        @Override
        public Query rewrite(IndexSearcher searcher) throws IOException {
            Query rewritten = in.rewrite(searcher);
            return rewritten == in ? this : new Boosted(rewritten, priors);
        }

        @Override
        public void visit(QueryVisitor visitor) {
            in.visit(visitor.getSubVisitor(BooleanClause.Occur.MUST, this));
        }

        @Override
        public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) throws IOException {
            Weight inner = in.createWeight(searcher, scoreMode, boost);
            return scoreMode.needsScores() ? new BoostedWeight(this, inner, priors) : inner;
        }

        @Override
        public String toString(String field) {
            return "prior(" + in.toString(field) + ")";
        }

        @Override
        public boolean equals(Object other) {
            return sameClassAs(other) && in.equals(((Boosted) other).in) && priors.equals(((Boosted) other).priors);
        }

        @Override
        public int hashCode() {
            return Objects.hash(classHash(), in, priors);
        }
    }

    /** The wrapped weight with the prior on its scores; what matches, and how many, pass through. */
    private static final class BoostedWeight extends FilterWeight {
        private final KcsPriors priors;

        BoostedWeight(Query query, Weight inner, KcsPriors priors) {
            super(query, inner);
            this.priors = priors;
        }

        @Override
        public ScorerSupplier scorerSupplier(LeafReaderContext context) throws IOException {
            ScorerSupplier supplier = in.scorerSupplier(context);
            if (supplier == null) {
                return null;
            }
            return new FilterScorerSupplier(supplier) {
                @Override
                public Scorer get(long leadCost) throws IOException {
                    return new BoostedScorer(in.get(leadCost), priors.getValues(context, null), priors.max());
                }

                @Override
                public BulkScorer bulkScorer() throws IOException {
                    // The prior applied as each hit is collected, the minimum competitive score scaled back.
                    DoubleValues values = priors.getValues(context, null);
                    return collectingThrough(
                            in.bulkScorer(), collector -> new BoostedCollector(collector, values, priors.max()));
                }
            };
        }

        @Override
        public Explanation explain(LeafReaderContext context, int doc) throws IOException {
            Explanation text = in.explain(context, doc);
            if (!text.isMatch()) {
                return text;
            }
            DoubleValues values = priors.getValues(context, null);
            values.advanceExact(doc);
            double prior = values.doubleValue();
            return Explanation.match(
                    (float) (text.getValue().doubleValue() * prior), "product of:", text, priors.explain(context, doc));
        }

        @Override
        public boolean isCacheable(LeafReaderContext ctx) {
            return in.isCacheable(ctx) && priors.isCacheable(ctx);
        }
    }

    /**
     * Hands the collector a scorable whose score is the text score times the prior of the document being
     * collected, and whose minimum competitive score reaches the text scorer scaled by {@link #max()}.
     */
    private static final class BoostedCollector extends FilterLeafCollector {
        private final DoubleValues priors;
        private final double max;
        private int doc = -1;

        BoostedCollector(LeafCollector in, DoubleValues priors, double max) {
            super(in);
            this.priors = priors;
            this.max = max;
        }

        @Override
        public void setScorer(Scorable scorer) throws IOException {
            in.setScorer(new Scorable() {
                @Override
                public float score() throws IOException {
                    return boosted(scorer.score(), priors, doc);
                }

                @Override
                public void setMinCompetitiveScore(float minScore) throws IOException {
                    scorer.setMinCompetitiveScore(minTextScore(minScore, max));
                }

                @Override
                public Collection<ChildScorable> getChildren() {
                    return List.of(new ChildScorable(scorer, "TEXT"));
                }
            });
        }

        @Override
        public void collect(int doc) throws IOException {
            this.doc = doc;
            in.collect(doc);
        }

        @Override
        public DocIdSetIterator competitiveIterator() throws IOException {
            return in.competitiveIterator();
        }
    }

    private static final class BoostedScorer extends FilterScorer {
        private final DoubleValues priors;
        private final double max;

        BoostedScorer(Scorer in, DoubleValues priors, double max) {
            super(in);
            this.priors = priors;
            this.max = max;
        }

        @Override
        public float score() throws IOException {
            return boosted(in.score(), priors, in.docID());
        }

        @Override
        public float getMaxScore(int upTo) throws IOException {
            return Math.nextUp((float) (in.getMaxScore(upTo) * max));
        }

        @Override
        public int advanceShallow(int target) throws IOException {
            return in.advanceShallow(target);
        }

        @Override
        public void setMinCompetitiveScore(float minScore) throws IOException {
            in.setMinCompetitiveScore(minTextScore(minScore, max));
        }
    }
}
