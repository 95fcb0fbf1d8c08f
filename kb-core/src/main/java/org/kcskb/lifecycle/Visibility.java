package org.kcskb.lifecycle;

import java.util.Objects;
import java.util.Set;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;

/**
 * What one viewer may see: a set of (state, audience) grants, some limited to the viewer's own articles.
 *
 * <p>A search engine must enforce this inside its query, never by filtering a page afterwards. Immutable and
 * thread-safe.
 *
 * @param viewerId the viewer's id, compared with an article's author for {@link Grant#ownOnly()} grants
 * @param grants every (state, audience) combination the viewer may see
 */
public record Visibility(String viewerId, Set<Grant> grants) {
    public Visibility {
        Objects.requireNonNull(viewerId, "viewerId");
        grants = Set.copyOf(grants);
    }

    /** Returns whether the viewer may see {@code article}. */
    public boolean permits(Article article) {
        for (Grant grant : grants) {
            if (grant.state() == article.state()
                    && grant.audience() == article.audience()
                    && (!grant.ownOnly() || grant.ownOnly() && article.author().equals(viewerId))) {
                return true;
            }
        }
        return false;
    }

    /**
     * One combination of state and audience that may be seen.
     *
     * @param state the article state
     * @param audience the article audience
     * @param ownOnly whether only articles captured by the viewer qualify
     */
    public record Grant(ArticleState state, Audience audience, boolean ownOnly) {
        public Grant {
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(audience, "audience");
        }
    }
}
