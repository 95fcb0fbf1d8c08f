package org.kcskb.search.spi;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.kcskb.lifecycle.VisibilityPolicy;
import org.kcskb.store.ArticleStore;

/**
 * What a search engine is opened with.
 *
 * @param store the store to follow
 * @param directory where the engine keeps its files, or empty to keep them in memory (rebuilt on open)
 * @param refreshInterval how soon a committed change must become searchable
 * @param visibilityPolicy the knowledge base's visibility policy: an engine may keep what the anonymous public may
 *     see apart (its own index, statistics and vocabulary), so that nothing the public may not see changes what the
 *     public is answered; it must still enforce the {@link org.kcskb.lifecycle.Visibility} of every request
 * @param clock the knowledge base's clock ({@link org.kcskb.KnowledgeBaseBuilder#clock}): whatever depends on time
 *     (the freshness of articles in ranking) reads it, never the system clock
 */
public record SearchEngineContext(
        ArticleStore store,
        Optional<Path> directory,
        Duration refreshInterval,
        VisibilityPolicy visibilityPolicy,
        Clock clock) {

    public SearchEngineContext {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(refreshInterval, "refreshInterval");
        Objects.requireNonNull(visibilityPolicy, "visibilityPolicy");
        Objects.requireNonNull(clock, "clock");
        if (refreshInterval.isNegative() || refreshInterval.isZero()) {
            throw new IllegalArgumentException("refreshInterval must be positive, was " + refreshInterval);
        }
    }

    /**
     * Returns a context on the system clock (UTC), under the {@linkplain VisibilityPolicy#kcsDefault() KCS default}
     * visibility policy.
     */
    public SearchEngineContext(ArticleStore store, Optional<Path> directory, Duration refreshInterval) {
        this(store, directory, refreshInterval, VisibilityPolicy.kcsDefault(), Clock.systemUTC());
    }
}
