package org.kcskb.index;

import java.io.IOException;
import java.time.Clock;
import java.util.Objects;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.DoubleValues;
import org.apache.lucene.search.DoubleValuesSource;
import org.apache.lucene.search.IndexSearcher;
import org.kcskb.article.ArticleState;

/**
 * A multiplicative ranking prior from KCS signals, read from doc values so that a change of signals never
 * requires re-analysing an article.
 *
 * <p>Every factor is damped and bounded, and their product stays within about [0.72, 1.21]: a prior can reorder
 * articles of similar text relevance, but popularity can never bury a clearly better text match.
 *
 * <ul>
 *   <li>state: VALIDATED 1.0, NOT_VALIDATED 0.92, WORK_IN_PROGRESS 0.85, ARCHIVED 0.8
 *   <li>reuse: {@code 1 + 0.04 · ln(1 + links)}, at most 1.12
 *   <li>votes: {@code 0.96 + 0.08 · (helpful + 1) / (helpful + unhelpful + 2)} (Laplace-smoothed)
 *   <li>open flags: 0.97 when any flag is open
 *   <li>freshness: from 1.0 for articles modified today down to 0.95 for articles two years old or older
 * </ul>
 */
final class KcsPriors extends DoubleValuesSource {
    static final String STATE_RANK = "state.rank";
    private static final double TWO_YEARS_MILLIS = 2 * 365.25 * 24 * 3600 * 1000;

    private final long now;

    KcsPriors(Clock clock) {
        // Truncated to the hour: the prior must be stable between refreshes so that equal queries are equal.
        this.now = clock.millis() / 3_600_000L * 3_600_000L;
    }

    static long stateRank(ArticleState state) {
        return state.ordinal();
    }

    private static double stateFactor(long rank) {
        return switch ((int) rank) {
            case 0 -> 0.85; // WORK_IN_PROGRESS
            case 1 -> 0.92; // NOT_VALIDATED
            case 2 -> 1.0; // VALIDATED
            default -> 0.8; // ARCHIVED
        };
    }

    static double prior(long stateRank, long reuse, long helpful, long unhelpful, long openFlags, long ageMillis) {
        double state = stateFactor(stateRank);
        double reuseFactor = Math.min(1.12, 1 + 0.04 * Math.log1p(Math.max(0, reuse)));
        double votes = 0.96 + 0.08 * (helpful + 1.0) / (helpful + unhelpful + 2.0);
        double flags = openFlags > 0 ? 0.97 : 1.0;
        double age = Math.min(1.0, Math.max(0, ageMillis) / TWO_YEARS_MILLIS);
        double freshness = 1.0 - 0.05 * age;
        return state * reuseFactor * votes * flags * freshness;
    }

    @Override
    public DoubleValues getValues(LeafReaderContext ctx, DoubleValues scores) throws IOException {
        var reader = ctx.reader();
        NumericDocValues state = DocValues.getNumeric(reader, STATE_RANK);
        NumericDocValues reuse = DocValues.getNumeric(reader, ArticleFields.REUSE);
        NumericDocValues helpful = DocValues.getNumeric(reader, ArticleFields.HELPFUL);
        NumericDocValues unhelpful = DocValues.getNumeric(reader, ArticleFields.UNHELPFUL);
        NumericDocValues flags = DocValues.getNumeric(reader, ArticleFields.OPEN_FLAGS);
        NumericDocValues modified = DocValues.getNumeric(reader, ArticleFields.MODIFIED);
        return new DoubleValues() {
            private double value;

            @Override
            public double doubleValue() {
                return value;
            }

            @Override
            public boolean advanceExact(int doc) throws IOException {
                value = prior(
                        read(state, doc, 2),
                        read(reuse, doc, 0),
                        read(helpful, doc, 0),
                        read(unhelpful, doc, 0),
                        read(flags, doc, 0),
                        now - read(modified, doc, now));
                return true;
            }
        };
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
        return DocValues.isCacheable(
                ctx,
                STATE_RANK,
                ArticleFields.REUSE,
                ArticleFields.HELPFUL,
                ArticleFields.UNHELPFUL,
                ArticleFields.OPEN_FLAGS,
                ArticleFields.MODIFIED);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KcsPriors other && other.now == now;
    }

    @Override
    public int hashCode() {
        return Objects.hash(KcsPriors.class, now);
    }

    @Override
    public String toString() {
        return "kcs-priors(state, reuse, votes, flags, freshness)";
    }
}
