package org.kcskb.transfer;

import java.time.Instant;
import java.util.Objects;
import org.kcskb.article.Feedback;

/**
 * A self-service vote of a {@link TransferArticle} (see {@link Feedback}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the vote's id; an import adds a vote only if the article has none with this id yet, so importing the same
 *     record again does not count its votes twice
 * @param helpful whether the article helped
 * @param comment the reader's comment, possibly empty
 * @param givenBy who gave it: a viewer id, or {@code public} for anonymous visitors
 * @param givenAt when
 */
public record TransferFeedback(String id, boolean helpful, String comment, String givenBy, Instant givenAt) {
    public TransferFeedback {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(comment, "comment");
        Objects.requireNonNull(givenBy, "givenBy");
        Objects.requireNonNull(givenAt, "givenAt");
        if (id.isBlank() || id.length() > 128) {
            throw new IllegalArgumentException(
                    "A feedback id has 1 to 128 characters, not all blanks; got '" + id + "'");
        }
    }
}
