package org.kcskb.search.spi;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.kcskb.store.ArticleStore;

/**
 * What a search engine is opened with.
 *
 * @param store the store to follow
 * @param directory where the engine keeps its files, or empty to keep them in memory (rebuilt on open)
 * @param refreshInterval how soon a committed change must become searchable
 */
public record SearchEngineContext(ArticleStore store, Optional<Path> directory, Duration refreshInterval) {
    public SearchEngineContext {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(refreshInterval, "refreshInterval");
        if (refreshInterval.isNegative() || refreshInterval.isZero()) {
            throw new IllegalArgumentException("refreshInterval must be positive, was " + refreshInterval);
        }
    }
}
