package org.kcskb.metrics;

import org.kcskb.KnowledgeBase;

/**
 * Receives the timings of a knowledge base's searches, suggestions and store commits, for a metrics library: the
 * observation hook in the manner of Caffeine's {@code StatsCounter}, with no metrics types in {@code kb-core}.
 * {@code kb-micrometer}'s {@code KnowledgeBaseMetrics} implements it with Micrometer timers and counters; a host
 * may implement it for another library. Install it with {@link org.kcskb.KnowledgeBaseBuilder#metrics}; without one
 * the knowledge base neither reads the clock nor calls anything.
 *
 * <p>The knowledge base calls the timing methods on the thread that made the call, after it ended, so an
 * implementation must be thread-safe, fast and must not throw (what they throw is logged and dropped; the caller's
 * result stands). What {@link #opened} throws fails {@code build()}, which then closes the knowledge base. Every
 * method does nothing by default, so an implementation overrides what it measures.
 */
public interface MetricsListener {

    /** The listener that does nothing: the knowledge base skips timing altogether when it is given this one. */
    static MetricsListener none() {
        return NoMetrics.INSTANCE;
    }

    /**
     * Called once by {@link org.kcskb.KnowledgeBaseBuilder#build()} with the knowledge base just opened, before the
     * builder returns it: the moment to register gauges that poll {@link KnowledgeBase#indexStatus()} and {@link
     * KnowledgeBase#queryCacheStats()}. Hold it weakly or drop it when the knowledge base is closed.
     */
    default void opened(KnowledgeBase knowledgeBase) {}

    /**
     * A {@link KnowledgeBase#search search} ended.
     *
     * @param nanos how long it took, from the call to the result, in nanoseconds
     * @param outcome how it ended
     * @param totalHits the hits the viewer was shown in total (0 when it failed)
     * @param relaxed whether nothing matched as typed and the hits come from a relaxed form of the query
     */
    default void search(long nanos, Outcome outcome, long totalHits, boolean relaxed) {}

    /**
     * A {@link KnowledgeBase#suggest suggest} call ended.
     *
     * @param suggestions how many suggestions it returned (0 when it failed)
     */
    default void suggest(long nanos, Outcome outcome, int suggestions) {}

    /**
     * A write was committed to the store (one transaction with its change-feed entry), or failed to commit; the
     * time covers the store's work only, not the checks before it.
     */
    default void storeCommit(long nanos, Outcome outcome) {}
}
