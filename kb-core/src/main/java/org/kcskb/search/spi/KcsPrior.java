package org.kcskb.search.spi;

import java.time.Clock;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Signals;

/**
 * The KCS ranking prior: a multiplicative factor on an article's text score from its state and signals, the same in
 * every engine so that each ranks articles of similar text relevance alike.
 *
 * <p>Every factor is damped and bounded, and their product stays within about [0.71, 1.17]: a prior can reorder
 * articles of similar text relevance, but popularity can never bury a clearly better text match.
 *
 * <ul>
 *   <li>state: VALIDATED 1.0, NOT_VALIDATED 0.92, WORK_IN_PROGRESS 0.85, ARCHIVED 0.8
 *   <li>reuse: {@code 1 + 0.04 · ln(1 + links)}, at most 1.12
 *   <li>votes: {@code 0.96 + 0.08 · (helpful + 1) / (helpful + unhelpful + 2)} (Laplace-smoothed)
 *   <li>open flags: 0.97 when any flag is open
 *   <li>freshness: from 1.0 for articles modified now down to {@value #MIN_FRESHNESS} for articles {@linkplain
 *       #FRESHNESS_SPAN_MILLIS two years} old or older, linearly
 * </ul>
 *
 * <p>An engine stores the {@linkplain #signalPrior signal prior} with each article (it changes with the signals, not
 * with time) and applies freshness at query time against {@link #now(Clock)}.
 */
public final class KcsPrior {
    /** The freshness of an article as old as {@link #FRESHNESS_SPAN_MILLIS} or older. */
    public static final double MIN_FRESHNESS = 0.95;

    /** Over how long freshness falls from 1.0 to {@link #MIN_FRESHNESS}: two years of 365.25 days. */
    public static final double FRESHNESS_SPAN_MILLIS = 2 * 365.25 * 24 * 3600 * 1000;

    /** No prior exceeds this: state 1.0 × reuse 1.12 × votes (below 1.04) × flags 1.0 × freshness 1.0. */
    public static final double MAX = 1.12 * 1.04;

    private KcsPrior() {}

    /** The prior of an article in {@code state} with {@code signals}, modified {@code ageMillis} ago. */
    public static double prior(ArticleState state, Signals signals, long ageMillis) {
        return signalPrior(state, signals) * freshness(ageMillis);
    }

    /** Every factor of the prior but freshness. */
    public static double signalPrior(ArticleState state, Signals signals) {
        return signalPrior(
                state, signals.reuseCount(), signals.helpfulCount(), signals.unhelpfulCount(), signals.openFlagCount());
    }

    /** Every factor of the prior but freshness, from the counts. */
    public static double signalPrior(ArticleState state, long reuse, long helpful, long unhelpful, long openFlags) {
        double stateFactor =
                switch (state) {
                    case WORK_IN_PROGRESS -> 0.85;
                    case NOT_VALIDATED -> 0.92;
                    case VALIDATED -> 1.0;
                    case ARCHIVED -> 0.8;
                };
        double reuseFactor = Math.min(1.12, 1 + 0.04 * Math.log1p(Math.max(0, reuse)));
        double votes = 0.96 + 0.08 * (helpful + 1.0) / (helpful + unhelpful + 2.0);
        double flags = openFlags > 0 ? 0.97 : 1.0;
        return stateFactor * reuseFactor * votes * flags;
    }

    /** The freshness factor of an article modified {@code ageMillis} ago (a negative age counts as 0). */
    public static double freshness(long ageMillis) {
        double age = Math.min(1.0, Math.max(0, ageMillis) / FRESHNESS_SPAN_MILLIS);
        return 1.0 - (1.0 - MIN_FRESHNESS) * age;
    }

    /**
     * The instant freshness is measured from: the clock's time truncated to the hour, so that the prior stays
     * stable between refreshes and equal queries rank alike.
     */
    public static long now(Clock clock) {
        return clock.millis() / 3_600_000L * 3_600_000L;
    }
}
