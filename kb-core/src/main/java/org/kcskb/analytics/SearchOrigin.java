package org.kcskb.analytics;

import java.util.Objects;

/**
 * Where a person chose an article from: a search and the article's position in its result.
 *
 * <p>Pass it to {@link org.kcskb.KnowledgeBase#recordClick} or
 * {@link org.kcskb.KnowledgeBase#link(org.kcskb.actor.Actor, org.kcskb.article.ArticleId, org.kcskb.article.CaseId,
 * org.kcskb.article.LinkType, SearchOrigin) link}, so that the search counts as answered. Immutable and
 * thread-safe.
 *
 * @param searchId the {@link org.kcskb.search.SearchResult#searchId() id of the search} that showed the article
 * @param position the 1-based rank of the article in the whole result (on page two with ten hits per page, the
 *     first hit is position 11)
 */
public record SearchOrigin(SearchId searchId, int position) {
    public SearchOrigin {
        Objects.requireNonNull(searchId, "searchId");
        if (position < 1) {
            throw new IllegalArgumentException(
                    "position is the 1-based rank of the chosen hit (the first hit is 1), was " + position);
        }
    }

    /** Returns the origin of the hit at 1-based {@code position} of search {@code searchId}. */
    public static SearchOrigin of(SearchId searchId, int position) {
        return new SearchOrigin(searchId, position);
    }
}
