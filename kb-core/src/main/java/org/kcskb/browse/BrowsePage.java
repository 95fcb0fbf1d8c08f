package org.kcskb.browse;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a browse listing. Immutable.
 *
 * @param items the articles of the page, in the request's order
 * @param nextCursor the cursor for {@link BrowseRequest.Builder#after(String)} that reads the next page, or empty
 *     on the last page
 */
public record BrowsePage(List<ArticleSummary> items, Optional<String> nextCursor) {
    public BrowsePage {
        items = List.copyOf(items);
        Objects.requireNonNull(nextCursor, "nextCursor");
    }
}
