package org.kcskb.store.internal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.browse.ArticleSummary;
import org.kcskb.browse.BrowseCounts;
import org.kcskb.browse.BrowseCursor;
import org.kcskb.browse.BrowseRequest;
import org.kcskb.lifecycle.Visibility;

/**
 * Browsing in memory: collects the articles a viewer may see that match a request, keeps the first page after the
 * cursor (a bounded heap, so a page costs one pass and no full sort) and counts per state and audience. Used by the
 * storage SPI's default and by the in-memory store. Not thread-safe; one instance per call.
 */
public final class Browsing {
    private final BrowseRequest request;
    private final Visibility visibility;
    private final Optional<BrowseCursor> after;
    private final int limit;
    private final PriorityQueue<ArticleSummary> page;
    private final EnumMap<ArticleState, Long> byState = new EnumMap<>(ArticleState.class);
    private final EnumMap<Audience, Long> byAudience = new EnumMap<>(Audience.class);
    private long total;

    public Browsing(BrowseRequest request, Visibility visibility, Optional<BrowseCursor> after, int limit) {
        this.request = request;
        this.visibility = visibility;
        this.after = after;
        this.limit = limit;
        // The heap's head is the worst of the best `limit` so far: reversed order.
        this.page =
                new PriorityQueue<>(Math.max(1, limit + 1), request.comparator().reversed());
    }

    /**
     * Returns whether an article in this state and audience, captured by {@code author}, can be offered at all: a
     * cheap test before a store builds the summary. {@link #offer} decides.
     */
    public boolean mayMatch(ArticleState state, Audience audience, String author) {
        if (!request.states().isEmpty() && !request.states().contains(state)) {
            return false;
        }
        if (!request.audiences().isEmpty() && !request.audiences().contains(audience)) {
            return false;
        }
        if (request.author().isPresent() && !request.author().get().equals(author)) {
            return false;
        }
        return visibility.permits(state, audience, author);
    }

    /** Considers one article: counts it and keeps it for the page when the viewer may see it and it matches. */
    public void offer(Article article, ArticleSummary summary) {
        if (!visibility.permits(article) || !request.matches(summary, article.content())) {
            return;
        }
        total++;
        byState.merge(summary.state(), 1L, Long::sum);
        byAudience.merge(summary.audience(), 1L, Long::sum);
        if (limit == 0 || after.isPresent() && !BrowseRequest.isAfter(summary, after.get())) {
            return;
        }
        page.add(summary);
        if (page.size() > limit) {
            page.poll();
        }
    }

    /** Returns the page, in the request's order. */
    public List<ArticleSummary> page() {
        var items = new ArrayList<>(page);
        items.sort(request.comparator());
        return items;
    }

    /** Returns the counts of every article offered that the viewer may see and that matches. */
    public BrowseCounts counts() {
        return new BrowseCounts(total, byState, byAudience);
    }
}
