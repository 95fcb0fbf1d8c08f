package org.kcskb;

import java.util.Objects;
import java.util.Optional;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;

/**
 * A change to an existing article, based on the revision the author saw.
 *
 * <p>Start with {@link #of(int)} and add what changes; parts left empty stay as they are. If the article's
 * current revision is not {@code expectedRevision}, the write fails with {@link RevisionConflictException} and
 * nothing is lost. Immutable and thread-safe.
 *
 * @param expectedRevision the revision the change is based on
 * @param content the new content, or empty to keep it
 * @param state the new state, or empty to keep it
 * @param audience the new audience, or empty to keep it
 * @param comment a note for the history, possibly empty
 */
public record Update(
        int expectedRevision,
        Optional<ArticleContent> content,
        Optional<ArticleState> state,
        Optional<Audience> audience,
        String comment) {
    public Update {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(comment, "comment");
    }

    /** Starts an update based on {@code expectedRevision} that changes nothing yet. */
    public static Update of(int expectedRevision) {
        return new Update(expectedRevision, Optional.empty(), Optional.empty(), Optional.empty(), "");
    }

    public Update content(ArticleContent content) {
        return new Update(expectedRevision, Optional.of(content), state, audience, comment);
    }

    public Update state(ArticleState state) {
        return new Update(expectedRevision, content, Optional.of(state), audience, comment);
    }

    public Update audience(Audience audience) {
        return new Update(expectedRevision, content, state, Optional.of(audience), comment);
    }

    public Update comment(String comment) {
        return new Update(expectedRevision, content, state, audience, comment);
    }
}
