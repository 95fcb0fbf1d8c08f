package org.kcskb.index;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.FixedBitSet;
import org.apache.lucene.util.IOSupplier;

/**
 * The documents of a segment that a filter matches, as a bit set, cached per segment core and filter.
 *
 * <p>A filter over indexed terms and points (what the viewer may see, the request's own filters) matches the same
 * documents of a segment core for the core's whole life; deletions are the searcher's live documents, applied
 * apart. So one bit set per core and filter serves every search until a merge retires the core, when its entries
 * are dropped. Bounded by the bytes the bit sets hold; Caffeine's admission keeps one-off filters (an unusual date
 * range) from pushing out the few that every search repeats. Thread-safe.
 */
final class FilterBits {
    /** A segment of at most 1M documents holds a bit set of 125 KiB, so this keeps about 500 of those. */
    static final long DEFAULT_MAX_BYTES = 64L << 20;

    private record Key(IndexReader.CacheKey core, Query filter) {}

    /**
     * The documents of one segment that a filter matches, and how many they are (counted once, where every search
     * needs it to choose how to apply them).
     */
    record Matches(FixedBitSet docs, int count) {}

    private final Cache<Key, Matches> cache;
    private final Set<IndexReader.CacheKey> watched = ConcurrentHashMap.newKeySet();

    FilterBits(long maxBytes) {
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .<Key, Matches>weigher((key, matches) ->
                        (int) Math.min(Integer.MAX_VALUE, matches.docs().ramBytesUsed()))
                .build();
    }

    /**
     * Returns the documents of {@code leaf} that {@code filter} matches, deleted ones included.
     *
     * @param filter the filter, compared by value (equal filters share an entry)
     * @param weight the filter's weight over the reader of {@code leaf}, asked for only when the bits are not cached
     */
    Matches get(LeafReaderContext leaf, Query filter, IOSupplier<Weight> weight) throws IOException {
        IndexReader.CacheHelper helper = leaf.reader().getCoreCacheHelper();
        if (helper == null) {
            return compute(leaf, weight.get());
        }
        IndexReader.CacheKey core = helper.getKey();
        if (watched.add(core)) {
            helper.addClosedListener(closed -> {
                watched.remove(closed);
                cache.asMap().keySet().removeIf(key -> key.core() == closed);
            });
        }
        try {
            return cache.get(new Key(core, filter), key -> {
                try {
                    return compute(leaf, weight.get());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static Matches compute(LeafReaderContext leaf, Weight weight) throws IOException {
        var docs = new FixedBitSet(leaf.reader().maxDoc());
        Scorer scorer = weight.scorer(leaf);
        if (scorer != null) {
            // The scorer's iterator runs a two-phase filter's second phase itself.
            docs.or(scorer.iterator());
        }
        return new Matches(docs, docs.cardinality());
    }

    /** How many bit sets are cached, for tests. */
    long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }
}
