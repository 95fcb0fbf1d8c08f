package org.kcskb.search;

/**
 * Counters of the search result cache since the knowledge base was opened.
 *
 * <p>A cached result is served only while the index has not changed since it was computed, so every change that
 * becomes searchable invalidates the cache. Immutable and thread-safe.
 *
 * @param hits searches answered from the cache
 * @param misses searches computed (and then cached)
 * @param evictions results dropped to stay within the cache's size
 * @param entries results cached now (an estimate)
 * @param weightBytes the estimated size of the cached results now, in bytes
 * @param maxWeightBytes the cache's bound in bytes; 0 when the cache is disabled
 */
public record QueryCacheStats(
        long hits, long misses, long evictions, long entries, long weightBytes, long maxWeightBytes) {

    /** The statistics of a disabled cache. */
    public static QueryCacheStats disabled() {
        return new QueryCacheStats(0, 0, 0, 0, 0, 0);
    }

    /** Returns the share of searches answered from the cache, or 0 before the first search. */
    public double hitRate() {
        long requests = hits + misses;
        return requests == 0 ? 0 : (double) hits / requests;
    }
}
