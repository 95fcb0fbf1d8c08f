package org.kcskb.lifecycle;

import java.util.Objects;
import java.util.Optional;
import org.kcskb.actor.Actor;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;

/**
 * A write that an actor proposes, as the lifecycle policy sees it: the article before (empty for a capture)
 * and the state, audience and content after.
 *
 * @param actor who proposes it
 * @param action what kind of write it is
 * @param before the article before the write, empty when capturing
 * @param content the content after the write
 * @param state the state after the write
 * @param audience the audience after the write
 */
public record Proposal(
        Actor actor,
        Action action,
        Optional<Article> before,
        ArticleContent content,
        ArticleState state,
        Audience audience) {
    public Proposal {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(audience, "audience");
    }

    /** Returns a proposal that leaves the article as it is (links, flags, merges). */
    public static Proposal unchanged(Actor actor, Action action, Article article) {
        return new Proposal(
                actor, action, Optional.of(article), article.content(), article.state(), article.audience());
    }

    /** Returns whether the state changes. */
    public boolean changesState() {
        return before.map(a -> a.state() != state).orElse(true);
    }

    /** Returns whether the audience changes. */
    public boolean changesAudience() {
        return before.map(a -> a.audience() != audience).orElse(true);
    }

    /** Returns whether the content changes. */
    public boolean changesContent() {
        return before.map(a -> !a.content().equals(content)).orElse(true);
    }
}
