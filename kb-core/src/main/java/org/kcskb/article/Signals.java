package org.kcskb.article;

/**
 * The usage signals of an article, read by ranking and by the Evolve Loop.
 *
 * <p>Immutable and thread-safe.
 *
 * @param reuseCount the number of cases the article is currently linked to
 * @param viewCount how often the article was viewed
 * @param helpfulCount helpful votes from self-service feedback
 * @param unhelpfulCount not-helpful votes from self-service feedback
 * @param openFlagCount flags raised and not yet resolved
 */
public record Signals(int reuseCount, long viewCount, int helpfulCount, int unhelpfulCount, int openFlagCount) {
    private static final Signals NONE = new Signals(0, 0, 0, 0, 0);

    public Signals {
        if (reuseCount < 0 || viewCount < 0 || helpfulCount < 0 || unhelpfulCount < 0 || openFlagCount < 0) {
            throw new IllegalArgumentException("Signal counts cannot be negative: " + reuseCount + ", " + viewCount
                    + ", " + helpfulCount + ", " + unhelpfulCount + ", " + openFlagCount);
        }
    }

    /** Returns the signals of an article nobody has used yet. */
    public static Signals none() {
        return NONE;
    }
}
