package org.kcskb.index;

import org.kcskb.search.spi.SearchEngine;
import org.kcskb.search.spi.SearchEngineContext;
import org.kcskb.search.spi.SearchEngineProvider;

/**
 * Provides the Lucene search engine; registered for {@link java.util.ServiceLoader}, so that adding
 * {@code kb-index} to the class path is all a host needs to do. To set the Lucene engine's own options, give the
 * knowledge base builder a configured one:
 *
 * <pre>{@code
 * KnowledgeBase.builder()
 *         .directory(directory)
 *         .searchEngine(LuceneSearchEngineProvider.builder().resultCacheBytes(64L << 20).build())
 *         .build();
 * }</pre>
 */
public final class LuceneSearchEngineProvider implements SearchEngineProvider {
    /** The default bound of the search result cache: 32 MiB. */
    public static final long DEFAULT_RESULT_CACHE_BYTES = 32L << 20;

    private final long resultCacheBytes;

    /** Creates the provider with the default options; used by {@link java.util.ServiceLoader}. */
    public LuceneSearchEngineProvider() {
        this(DEFAULT_RESULT_CACHE_BYTES);
    }

    private LuceneSearchEngineProvider(long resultCacheBytes) {
        this.resultCacheBytes = resultCacheBytes;
    }

    /** Returns a builder of a provider with options of the Lucene engine's own. */
    public static Builder builder() {
        return new Builder();
    }

    /** The bound of the search result cache of the engines this provider opens, in (estimated) bytes; 0: none. */
    public long resultCacheBytes() {
        return resultCacheBytes;
    }

    @Override
    public SearchEngine open(SearchEngineContext context) {
        return new LuceneSearchEngine(context, resultCacheBytes);
    }

    @Override
    public String toString() {
        return "Lucene " + org.apache.lucene.util.Version.LATEST
                + (resultCacheBytes == DEFAULT_RESULT_CACHE_BYTES
                        ? ""
                        : ", result cache " + resultCacheBytes + " bytes");
    }

    /** Configures a {@link LuceneSearchEngineProvider}. Not thread-safe. */
    public static final class Builder {
        private long resultCacheBytes = DEFAULT_RESULT_CACHE_BYTES;

        private Builder() {}

        /**
         * Bounds each engine's search result cache to about {@code maxBytes} of results (default 32
         * MiB, {@link LuceneSearchEngineProvider#DEFAULT_RESULT_CACHE_BYTES}); 0 disables it. A cached result is served only until the next
         * change becomes searchable.
         */
        public Builder resultCacheBytes(long maxBytes) {
            if (maxBytes < 0) {
                throw new IllegalArgumentException(
                        "resultCacheBytes must be at least 0 bytes (0 disables the cache), was " + maxBytes);
            }
            this.resultCacheBytes = maxBytes;
            return this;
        }

        /** Returns the provider, to pass to {@link org.kcskb.KnowledgeBaseBuilder#searchEngine}. */
        public LuceneSearchEngineProvider build() {
            return new LuceneSearchEngineProvider(resultCacheBytes);
        }
    }
}
