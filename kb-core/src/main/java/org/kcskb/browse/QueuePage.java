package org.kcskb.browse;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a work queue. Immutable.
 *
 * @param queue the queue
 * @param items the articles with their reasons, in the request's order
 * @param nextCursor the cursor for the next page ({@link BrowseRequest.Builder#after(String)} on the same request),
 *     or empty on the last page
 */
public record QueuePage(WorkQueue queue, List<QueueItem> items, Optional<String> nextCursor) {
    public QueuePage {
        Objects.requireNonNull(queue, "queue");
        items = List.copyOf(items);
        Objects.requireNonNull(nextCursor, "nextCursor");
    }
}
