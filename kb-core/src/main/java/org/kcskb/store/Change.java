package org.kcskb.store;

import java.time.Instant;
import java.util.Objects;
import org.kcskb.article.ArticleId;

/**
 * One entry of a store's change feed.
 *
 * <p>Sequence numbers increase strictly in commit order, so a reader that has applied every change up to
 * {@code n} can catch up by asking for the changes after {@code n}. Immutable and thread-safe.
 *
 * @param sequence the position in the feed, starting at 1
 * @param articleId the article that changed
 * @param kind whether the article's content (and state/audience) changed, or only its signals
 * @param at when the change was committed
 */
public record Change(long sequence, ArticleId articleId, Kind kind, Instant at) {
    public Change {
        Objects.requireNonNull(articleId, "articleId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        if (sequence < 1) {
            throw new IllegalArgumentException("Change sequence numbers start at 1, was " + sequence);
        }
    }

    /** What changed. */
    public enum Kind {
        /** A new revision: content, state, audience or merge target may have changed. */
        CONTENT,
        /** Links, flags, feedback or views: only the signals changed. */
        SIGNALS
    }
}
