package org.kcskb.lifecycle;

import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.kcskb.actor.Viewer;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;

/**
 * What one viewer may see: a set of (state, audience) grants, some limited to the viewer's own articles.
 *
 * <p>A search engine must enforce this inside its query, never by filtering a page afterwards. Immutable and
 * thread-safe.
 *
 * <p>Own-only grants compare an article's author with the viewer's actor id, so they only ever apply to
 * {@linkplain Viewer.Agent agents}: for the public and partners, whose ids are not actor ids, they are dropped,
 * and a partner named like an agent sees nothing of that agent's own articles.
 *
 * @param viewer who is looking
 * @param grants every (state, audience) combination the viewer may see
 */
public record Visibility(Viewer viewer, Set<Grant> grants) {
    public Visibility {
        Objects.requireNonNull(viewer, "viewer");
        grants = viewer instanceof Viewer.Agent
                ? Set.copyOf(grants)
                : grants.stream().filter(grant -> !grant.ownOnly()).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Returns the actor id that own-only grants compare with an article's author: an agent's actor id, and an
     * empty string (no author's id) for every other viewer.
     */
    public String authorId() {
        return viewer instanceof Viewer.Agent agent ? agent.actor().id() : "";
    }

    /** Returns whether the viewer may see {@code article}. */
    public boolean permits(Article article) {
        return permits(article.state(), article.audience(), article.author());
    }

    /** Returns whether the viewer may see an article in {@code state} and {@code audience} captured by {@code author}. */
    public boolean permits(ArticleState state, Audience audience, String author) {
        for (Grant grant : grants) {
            if (grant.state() == state
                    && grant.audience() == audience
                    && (!grant.ownOnly() || author.equals(authorId()))) {
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
