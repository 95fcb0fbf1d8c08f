package org.kcskb.bench.corpus;

import java.util.Locale;

/**
 * How exactly an engine counts the total number of hits: this policy changes the cost of a query more than the
 * choice of engine (counting every match defeats the skipping of non-competitive documents), so every engine in
 * one comparison uses the same.
 *
 * <ul>
 *   <li>{@code top}: only what the page needs; the total is a lower bound (Lucene {@code totalHitsThreshold} =
 *       offset + limit, Solr {@code minExactCount} = offset + limit).
 *   <li>{@code default}: exactly up to {@value #DEFAULT_THRESHOLD}, then a lower bound: Lucene's default and the
 *       library's fixed policy.
 *   <li>{@code exact}: every match is counted (Solr's default).
 * </ul>
 *
 * <p>The library always counts as {@code default}; its rows under {@code top} and {@code exact} measure the
 * same thing, and the ratios under them compare it with what the host would otherwise configure.
 */
public enum HitCount {
    TOP,
    DEFAULT,
    EXACT;

    /** Lucene's default threshold of exact counting, also the library's. */
    public static final int DEFAULT_THRESHOLD = 1_000;

    /** Returns the policy for a JMH parameter value such as {@code top}. */
    public static HitCount of(String name) {
        for (HitCount policy : values()) {
            if (policy.parameter().equals(name)) {
                return policy;
            }
        }
        throw new IllegalArgumentException("Unknown hit count policy '" + name + "'; valid: top, default, exact");
    }

    /** Returns the JMH parameter value, the lower-case name. */
    public String parameter() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Returns up to how many hits are counted exactly when a page needs {@code wanted} hits. */
    public int threshold(int wanted) {
        return switch (this) {
            case TOP -> wanted;
            case DEFAULT -> Math.max(wanted, DEFAULT_THRESHOLD);
            case EXACT -> Integer.MAX_VALUE;
        };
    }
}
