package org.kcskb.article;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.kcskb.actor.Actor;

/**
 * One immutable revision of an article: the full snapshot after a change, and who made it when.
 *
 * <p>Revisions are numbered from 1 without gaps; the highest is the article's current state. Immutable and
 * thread-safe.
 *
 * @param articleId the article
 * @param number the revision number, starting at 1
 * @param content the KCS content after the change
 * @param state the state after the change
 * @param audience the audience after the change
 * @param mergedInto the surviving article if this article was merged into it
 * @param author the actor who made the change (id and licence at the time)
 * @param at when the change was made
 * @param kind what kind of change it was
 * @param comment the actor's note on the change, possibly empty
 */
public record Revision(
        ArticleId articleId,
        int number,
        ArticleContent content,
        ArticleState state,
        Audience audience,
        Optional<ArticleId> mergedInto,
        Actor author,
        Instant at,
        RevisionKind kind,
        String comment) {

    public Revision {
        Objects.requireNonNull(articleId, "articleId");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(mergedInto, "mergedInto");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(comment, "comment");
        if (number < 1) {
            throw new IllegalArgumentException("Revision numbers start at 1, was " + number);
        }
    }
}
