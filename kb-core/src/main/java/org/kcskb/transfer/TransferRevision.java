package org.kcskb.transfer;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.kcskb.actor.Actor;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.article.RevisionKind;

/**
 * One revision of a {@link TransferArticle}: the full snapshot after a change, who made it and when. Its number is its
 * position in {@link TransferArticle#revisions()}, from 1.
 *
 * <p>Immutable and thread-safe.
 *
 * @param content the KCS content after the change
 * @param state the state after the change
 * @param audience the audience after the change
 * @param mergedInto the source id of the article this one was merged into, as the same transfer names it
 * @param author who made the change, with the licence they had
 * @param at when; an import keeps microseconds, as the stores do
 * @param kind what kind of change it was
 * @param comment the author's note, possibly empty
 */
public record TransferRevision(
        ArticleContent content,
        ArticleState state,
        Audience audience,
        Optional<String> mergedInto,
        Actor author,
        Instant at,
        RevisionKind kind,
        String comment) {
    public TransferRevision {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(mergedInto, "mergedInto");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(comment, "comment");
    }
}
