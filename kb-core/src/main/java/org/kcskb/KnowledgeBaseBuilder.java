package org.kcskb;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import org.kcskb.lifecycle.ContentStandard;
import org.kcskb.lifecycle.LifecyclePolicy;
import org.kcskb.lifecycle.VisibilityPolicy;
import org.kcskb.search.spi.SearchEngineContext;
import org.kcskb.search.spi.SearchEngineProvider;
import org.kcskb.store.ArticleStore;
import org.kcskb.store.ArticleStores;

/**
 * Configures and opens a {@link KnowledgeBase}.
 *
 * <p>Each option may be set once; setting it again fails and names the earlier value. {@link #build()} checks
 * the combination, opens the store and the search engine, and does not change the builder. Not thread-safe.
 *
 * <table>
 *   <caption>Options and defaults</caption>
 *   <tr><th>Option</th><th>Default</th></tr>
 *   <tr><td>{@link #directory(Path)}</td><td>none: then {@link #store(ArticleStore)} is required and the index
 *       lives in memory</td></tr>
 *   <tr><td>{@link #store(ArticleStore)}</td><td>H2 in {@code directory/store}</td></tr>
 *   <tr><td>{@link #searchEngine(SearchEngineProvider)}</td><td>the first provider found by
 *       {@link ServiceLoader} ({@code kb-index}); none means searches fail</td></tr>
 *   <tr><td>{@link #refreshInterval(Duration)}</td><td>1 second</td></tr>
 *   <tr><td>{@link #lifecyclePolicy(LifecyclePolicy)}</td><td>{@link LifecyclePolicy#kcsDefault()}</td></tr>
 *   <tr><td>{@link #visibilityPolicy(VisibilityPolicy)}</td><td>{@link VisibilityPolicy#kcsDefault()}</td></tr>
 *   <tr><td>{@link #contentStandard(ContentStandard)}</td><td>{@link ContentStandard#kcsDefault()}</td></tr>
 *   <tr><td>{@link #limits(Limits)}</td><td>{@link Limits#defaults()}</td></tr>
 *   <tr><td>{@link #clock(Clock)}</td><td>{@link Clock#systemUTC()}</td></tr>
 *   <tr><td>{@link #retention(Retention)}</td><td>{@link Retention#defaults()}</td></tr>
 * </table>
 */
public final class KnowledgeBaseBuilder {
    private Path directory;
    private ArticleStore store;
    private SearchEngineProvider searchEngine;
    private boolean searchDisabled;
    private Duration refreshInterval;
    private LifecyclePolicy lifecyclePolicy;
    private VisibilityPolicy visibilityPolicy;
    private ContentStandard contentStandard;
    private Limits limits;
    private Clock clock;
    private Long queryCacheBytes;
    private Boolean recordSearches;
    private Retention retention;

    KnowledgeBaseBuilder() {}

    /** Keeps the embedded store and the index in {@code directory} (created if missing). */
    public KnowledgeBaseBuilder directory(Path directory) {
        requireUnset("directory", this.directory);
        this.directory = Objects.requireNonNull(directory, "directory");
        return this;
    }

    /**
     * Uses {@code store} instead of the embedded H2 store, for example
     * {@code ArticleStores.postgres(url, user, password)}. The knowledge base closes it when it is closed.
     */
    public KnowledgeBaseBuilder store(ArticleStore store) {
        requireUnset("store", this.store);
        this.store = Objects.requireNonNull(store, "store");
        return this;
    }

    /** Uses this search engine instead of the one found on the class path. */
    public KnowledgeBaseBuilder searchEngine(SearchEngineProvider provider) {
        requireUnset("searchEngine", this.searchEngine);
        if (searchDisabled) {
            throw new IllegalStateException("searchEngine cannot be set after withoutSearch()");
        }
        this.searchEngine = Objects.requireNonNull(provider, "provider");
        return this;
    }

    /** Opens the knowledge base without search (store and Solve Loop only); searches then fail. */
    public KnowledgeBaseBuilder withoutSearch() {
        if (searchEngine != null) {
            throw new IllegalStateException("withoutSearch() conflicts with searchEngine set to " + searchEngine);
        }
        this.searchDisabled = true;
        return this;
    }

    /** Sets how soon a write becomes searchable (default 1 second). */
    public KnowledgeBaseBuilder refreshInterval(Duration refreshInterval) {
        requireUnset("refreshInterval", this.refreshInterval);
        Objects.requireNonNull(refreshInterval, "refreshInterval");
        if (refreshInterval.isNegative() || refreshInterval.isZero()) {
            throw new IllegalArgumentException("refreshInterval must be positive, was " + refreshInterval);
        }
        this.refreshInterval = refreshInterval;
        return this;
    }

    public KnowledgeBaseBuilder lifecyclePolicy(LifecyclePolicy policy) {
        requireUnset("lifecyclePolicy", this.lifecyclePolicy);
        this.lifecyclePolicy = Objects.requireNonNull(policy, "policy");
        return this;
    }

    public KnowledgeBaseBuilder visibilityPolicy(VisibilityPolicy policy) {
        requireUnset("visibilityPolicy", this.visibilityPolicy);
        this.visibilityPolicy = Objects.requireNonNull(policy, "policy");
        return this;
    }

    public KnowledgeBaseBuilder contentStandard(ContentStandard standard) {
        requireUnset("contentStandard", this.contentStandard);
        this.contentStandard = Objects.requireNonNull(standard, "standard");
        return this;
    }

    public KnowledgeBaseBuilder limits(Limits limits) {
        requireUnset("limits", this.limits);
        this.limits = Objects.requireNonNull(limits, "limits");
        return this;
    }

    /**
     * Bounds the search result cache to about {@code maxBytes} of results (default 32 MiB); 0 disables it. A cached
     * result is served only until the next change becomes searchable.
     */
    public KnowledgeBaseBuilder queryCache(long maxBytes) {
        requireUnset("queryCache", this.queryCacheBytes);
        if (maxBytes < 0) {
            throw new IllegalArgumentException(
                    "queryCache must be at least 0 bytes (0 disables the cache), was " + maxBytes);
        }
        this.queryCacheBytes = maxBytes;
        return this;
    }

    /**
     * Sets whether searches, clicks, suggestion picks and case links from a search are recorded for the
     * {@linkplain KnowledgeBase#analytics() search analytics} (default: recorded). Off, nothing is recorded, the
     * reports show only what was recorded before, and query suggestions learn no new queries; for hosts that may
     * not keep what people typed.
     */
    public KnowledgeBaseBuilder recordSearches(boolean record) {
        requireUnset("recordSearches", this.recordSearches);
        this.recordSearches = record;
        return this;
    }

    /**
     * Sets how long the change feed and feedback comments are kept (default {@link Retention#defaults()}); the
     * knowledge base enforces it in the background against its {@link #clock(Clock)}.
     */
    public KnowledgeBaseBuilder retention(Retention retention) {
        requireUnset("retention", this.retention);
        this.retention = Objects.requireNonNull(retention, "retention");
        return this;
    }

    /** Sets the clock for revision and link times (tests use a fixed clock). */
    public KnowledgeBaseBuilder clock(Clock clock) {
        requireUnset("clock", this.clock);
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * Opens the knowledge base: the store, then the search engine, which catches up on changes it missed.
     *
     * @throws IllegalStateException if neither a directory nor a store was given
     * @throws StorageException if the store cannot be opened
     */
    public KnowledgeBase build() {
        if (directory == null && store == null) {
            throw new IllegalStateException("Give a directory(Path) for the embedded store, or a store(ArticleStore)"
                    + ", for example KnowledgeBase.builder().directory(Path.of(\"kb\")).build()");
        }
        ArticleStore opened = store != null ? store : ArticleStores.h2(directory.resolve("store"));
        Optional<SearchEngineProvider> provider = searchDisabled
                ? Optional.empty()
                : Optional.ofNullable(searchEngine)
                        .or(() -> ServiceLoader.load(SearchEngineProvider.class).findFirst());
        try {
            return new StoreBackedKnowledgeBase(
                    opened,
                    provider,
                    Optional.ofNullable(directory).map(d -> d.resolve("index")),
                    refreshInterval != null ? refreshInterval : Duration.ofSeconds(1),
                    queryCacheBytes != null ? queryCacheBytes : SearchEngineContext.DEFAULT_QUERY_CACHE_BYTES,
                    recordSearches == null || recordSearches,
                    lifecyclePolicy != null ? lifecyclePolicy : LifecyclePolicy.kcsDefault(),
                    visibilityPolicy != null ? visibilityPolicy : VisibilityPolicy.kcsDefault(),
                    contentStandard != null ? contentStandard : ContentStandard.kcsDefault(),
                    limits != null ? limits : Limits.defaults(),
                    clock != null ? clock : Clock.systemUTC(),
                    retention != null ? retention : Retention.defaults());
        } catch (RuntimeException e) {
            if (store == null) {
                opened.close();
            }
            throw e;
        }
    }

    private static void requireUnset(String option, Object current) {
        if (current != null) {
            throw new IllegalStateException(option + " was already set to " + current + "; set each option once");
        }
    }
}
