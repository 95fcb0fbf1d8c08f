package org.kcskb.article;

import java.time.Instant;
import java.util.Objects;

/**
 * A helpful / not helpful vote from self-service, with an optional comment.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the feedback's identifier
 * @param articleId the article voted on
 * @param helpful whether the article helped
 * @param comment the reader's comment, possibly empty
 * @param givenBy who gave it: a viewer id, or {@code public} for anonymous visitors
 * @param givenAt when
 */
public record Feedback(
        String id, ArticleId articleId, boolean helpful, String comment, String givenBy, Instant givenAt) {
    public Feedback {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(articleId, "articleId");
        Objects.requireNonNull(comment, "comment");
        Objects.requireNonNull(givenBy, "givenBy");
        Objects.requireNonNull(givenAt, "givenAt");
    }
}
