package org.kcskb.browse;

import java.util.Objects;

/**
 * One article in a work queue, with why it is there. Immutable.
 *
 * @param article the article's summary
 * @param reason why the queue lists it, in words for a coach, such as {@code reused 5 times, last on 2026-11-02,
 *     not yet validated (publish after 3)}
 */
public record QueueItem(ArticleSummary article, String reason) {
    public QueueItem {
        Objects.requireNonNull(article, "article");
        Objects.requireNonNull(reason, "reason");
    }
}
