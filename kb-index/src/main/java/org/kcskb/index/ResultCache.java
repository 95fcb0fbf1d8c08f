package org.kcskb.index;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.kcskb.lifecycle.Visibility;
import org.kcskb.search.FacetCount;
import org.kcskb.search.QueryCacheStats;
import org.kcskb.search.SearchHit;
import org.kcskb.search.SearchRequest;
import org.kcskb.search.SearchResult;

/**
 * The search result cache: a Caffeine cache bounded by the estimated size of the results it holds.
 *
 * <p>Keys include the generation of the index reader that computed the result, so a result is served only while
 * that reader is current; once a change becomes searchable, every key of the old generation misses and its entries
 * age out. Two requests share an entry when they differ only in letter case and white space of the text, or in
 * the viewer when the viewer's visibility is the same (as it is for every public visitor). Results also expire
 * after {@link #TIME_TO_LIVE}, so that time-dependent ranking (freshness) moves on in an index that does not
 * change. Thread-safe.
 */
final class ResultCache {
    static final Duration TIME_TO_LIVE = Duration.ofMinutes(10);

    /**
     * What the cache is keyed by; build it with {@link #Key(SearchRequest, Visibility, long)}.
     *
     * @param text the request's text, normalised
     * @param settings every setting of the request that can change its result: not the text (above), the viewer
     *     (replaced by {@code grants} and {@code owner}), the visitor or whether it is recorded
     * @param requestBytes an estimate of the memory the caller's part of the key holds (see {@link #weigh})
     */
    record Key(
            String text,
            List<Object> settings,
            long requestBytes,
            Set<Visibility.Grant> grants,
            String owner,
            long generation,
            long vocabulary) {
        /** Returns the key of a request searched with the vocabulary of version {@code vocabulary}. */
        Key(SearchRequest request, Visibility visibility, long generation, long vocabulary) {
            this(
                    normalize(request.text()),
                    settings(request),
                    bytes(request),
                    visibility.grants(),
                    visibility.grants().stream().anyMatch(Visibility.Grant::ownOnly) ? visibility.authorId() : "",
                    generation,
                    vocabulary);
        }

        /**
         * Returns the key of a request: its text normalised, the viewer replaced by what the viewer may see (the
         * grants, and the viewer's id only when a grant is limited to the viewer's own articles).
         */
        Key(SearchRequest request, Visibility visibility, long generation) {
            this(request, visibility, generation, 0);
        }

        private static String normalize(String text) {
            return String.join(" ", text.strip().toLowerCase(Locale.ROOT).split("\\s+"));
        }

        private static List<Object> settings(SearchRequest request) {
            return List.of(
                    request.language(),
                    request.environment(),
                    request.tags(),
                    request.languages(),
                    request.states(),
                    request.includeArchived(),
                    request.modifiedFrom(),
                    request.modifiedTo(),
                    request.limit(),
                    request.offset(),
                    request.after(),
                    request.facets(),
                    request.explain(),
                    request.context());
        }

        private static long bytes(SearchRequest request) {
            long bytes =
                    request.after().map(cursor -> 48 + 2L * cursor.length()).orElse(0L);
            for (String tag : request.tags()) {
                bytes += 48 + 2L * tag.length();
            }
            for (var attribute : request.environment().entrySet()) {
                bytes += 64
                        + 2L
                                * (attribute.getKey().length()
                                        + attribute.getValue().length());
            }
            for (var attribute : request.context().entrySet()) {
                bytes += 64
                        + 2L
                                * (attribute.getKey().length()
                                        + attribute.getValue().length());
            }
            return bytes + 32L * (request.languages().size() + request.states().size());
        }
    }

    /** Computes a result; may fail with an {@link IOException}. */
    @FunctionalInterface
    interface Search {
        SearchResult run() throws IOException;
    }

    private final long maxBytes;
    private final Cache<Key, SearchResult> cache;

    ResultCache(long maxBytes) {
        this.maxBytes = maxBytes;
        this.cache = maxBytes == 0
                ? null
                : Caffeine.newBuilder()
                        .maximumWeight(maxBytes)
                        .weigher((Key key, SearchResult result) -> weigh(key, result))
                        .expireAfterWrite(TIME_TO_LIVE)
                        .recordStats()
                        .build();
    }

    /** Returns the cached result of {@code key}, or computes, caches and returns it. */
    SearchResult get(Key key, Search search) throws IOException {
        if (cache == null) {
            return search.run();
        }
        try {
            return cache.get(key, k -> {
                try {
                    return search.run();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    QueryCacheStats stats() {
        if (cache == null) {
            return QueryCacheStats.disabled();
        }
        // Caffeine applies writes to its size and weight asynchronously; settle them, so the figures are current.
        cache.cleanUp();
        CacheStats stats = cache.stats();
        long weight =
                cache.policy().eviction().map(e -> e.weightedSize().orElse(0L)).orElse(0L);
        return new QueryCacheStats(
                stats.hitCount(), stats.missCount(), stats.evictionCount(), cache.estimatedSize(), weight, maxBytes);
    }

    /**
     * An estimate of the bytes a cached entry holds (strings at two bytes a character, plus object overhead): the
     * result and its key, whose cursor, tags and environment filters come from the caller and can be far longer than
     * the result itself.
     */
    static int weigh(Key key, SearchResult result) {
        long bytes = 256 + 2L * key.text().length() + key.requestBytes();
        for (SearchHit hit : result.hits()) {
            bytes += 160 + 2L * (hit.title().length() + hit.snippet().length());
            bytes += hit.explanation().map(e -> 2L * e.length()).orElse(0L);
        }
        for (var facet : result.facets().entrySet()) {
            bytes += 64;
            for (FacetCount count : facet.getValue()) {
                bytes += 48 + 2L * count.value().length();
            }
        }
        bytes += 2L
                * (result.didYouMean().map(String::length).orElse(0)
                        + result.nextPage().map(String::length).orElse(0)
                        + result.relaxation().map(r -> r.query().length()).orElse(0));
        return (int) Math.min(Integer.MAX_VALUE, bytes);
    }
}
