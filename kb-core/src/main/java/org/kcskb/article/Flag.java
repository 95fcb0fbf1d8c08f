package org.kcskb.article;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A request to improve an article ("flag it"), open until resolved ("fix it").
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the flag's identifier, unique across the knowledge base
 * @param articleId the flagged article
 * @param reason why it was flagged
 * @param comment what is wrong, possibly empty
 * @param raisedBy the id of the actor who flagged it
 * @param raisedAt when it was flagged
 * @param resolution how it was resolved, or empty while the flag is open
 */
public record Flag(
        String id,
        ArticleId articleId,
        FlagReason reason,
        String comment,
        String raisedBy,
        Instant raisedAt,
        Optional<Resolution> resolution) {

    public Flag {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(articleId, "articleId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(comment, "comment");
        Objects.requireNonNull(raisedBy, "raisedBy");
        Objects.requireNonNull(raisedAt, "raisedAt");
        Objects.requireNonNull(resolution, "resolution");
    }

    /** Returns whether the flag still waits for a fix. */
    public boolean isOpen() {
        return resolution.isEmpty();
    }

    /** Returns this flag resolved by {@code actorId} at {@code at} with a note. */
    public Flag resolve(String actorId, Instant at, String note) {
        return new Flag(
                id, articleId, reason, comment, raisedBy, raisedAt, Optional.of(new Resolution(actorId, at, note)));
    }

    /**
     * How a flag was resolved.
     *
     * @param resolvedBy the id of the actor who resolved it
     * @param resolvedAt when
     * @param note what was done, possibly empty
     */
    public record Resolution(String resolvedBy, Instant resolvedAt, String note) {
        public Resolution {
            Objects.requireNonNull(resolvedBy, "resolvedBy");
            Objects.requireNonNull(resolvedAt, "resolvedAt");
            Objects.requireNonNull(note, "note");
        }
    }
}
