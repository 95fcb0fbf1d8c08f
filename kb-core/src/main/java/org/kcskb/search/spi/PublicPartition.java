package org.kcskb.search.spi;

import java.util.Objects;
import org.kcskb.actor.Viewer;
import org.kcskb.article.Article;
import org.kcskb.lifecycle.Visibility;
import org.kcskb.lifecycle.VisibilityPolicy;

/**
 * What the anonymous public may see, for an engine that keeps it apart in an index of its own (see {@link
 * SearchEngineContext#visibilityPolicy()}): which articles that index holds, and which requests it answers. One rule
 * for every engine that does so ({@code kb-index}'s public partition, {@code kb-opensearch}'s public index), since
 * answering a request from the wrong index is a leak.
 *
 * @param visibility what the anonymous public may see, archived articles not asked for
 */
public record PublicPartition(Visibility visibility) {
    public PublicPartition {
        Objects.requireNonNull(visibility, "visibility");
    }

    /** The public partition of a knowledge base under {@code policy}. */
    public static PublicPartition of(VisibilityPolicy policy) {
        return new PublicPartition(policy.visibleTo(Viewer.anonymous(), false));
    }

    /** Whether the policy shows the public anything at all: if not, an engine keeps no public index. */
    public boolean exists() {
        return !visibility.grants().isEmpty();
    }

    /** Whether the public index holds {@code article}. */
    public boolean admits(Article article) {
        return visibility.permits(article);
    }

    /**
     * Whether the public index answers a request that may see {@code request}: one of the anonymous public that
     * asks for nothing the index does not hold (a policy may show the public archived articles on request, which
     * it does not hold). Every other request is answered from the index of all articles, under its filter.
     */
    public boolean answers(Visibility request) {
        return exists()
                && request.viewer() instanceof Viewer.Public
                && visibility.grants().containsAll(request.grants());
    }

    /** Whether a request that {@link #answers} sees everything the public index holds, so it needs no filter. */
    public boolean seesAll(Visibility request) {
        return request.grants().equals(visibility.grants());
    }
}
