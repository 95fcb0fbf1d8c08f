package org.kcskb.search.spi;

import java.util.Objects;
import org.kcskb.StorageException;

/**
 * A failure of a {@link SearchIndexWriter}, saying how the {@link ChangeFeedFollower} recovers from it.
 *
 * <p>A writer throws it for every failure of its index (its files, its cluster, its own bugs). A failure of the
 * {@link org.kcskb.store.spi.ArticleStore}, which the follower reads itself, is not one: it arrives as the store's own
 * {@link StorageException}, and the follower retries with the writer kept. Immutable.
 */
public final class SearchIndexException extends StorageException {
    private static final long serialVersionUID = 1L;

    /** What the follower does after the failure. */
    public enum Kind {
        /**
         * The index is intact up to its last commit but the writer cannot go on (disk full, read-only files, an
         * interrupted channel, an unreachable cluster): the follower {@linkplain SearchIndexWriter#rollback rolls it
         * back}, {@linkplain SearchIndexWriter#reopen reopens} it and applies the changes since that commit again.
         */
        BROKEN,
        /**
         * The index's data is damaged or missing: the follower {@linkplain SearchIndexWriter#recreate recreates} it
         * empty and rebuilds it from the store.
         */
        CORRUPT
    }

    private final Kind kind;

    /**
     * @param kind how to recover
     * @param message what failed, for logs and for the callers of {@link ChangeFeedFollower#awaitSearchable}
     * @param cause the engine's own exception
     */
    public SearchIndexException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /** Returns how the follower recovers from this failure. */
    public Kind kind() {
        return kind;
    }
}
