package org.kcskb;

import java.util.Objects;
import java.util.Optional;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.article.CaseId;

/**
 * A new article as an agent captures it during a case.
 *
 * <p>{@link #of(ArticleContent)} starts {@code WORK_IN_PROGRESS} without a resolution and
 * {@code NOT_VALIDATED} with one, for the {@code INTERNAL} audience. Immutable and thread-safe.
 *
 * @param content the KCS content, in the customer's words
 * @param state the initial state
 * @param audience the initial audience
 * @param fromCase the case it was captured from; the article is linked to it
 * @param comment a note for the history, possibly empty
 */
public record Draft(
        ArticleContent content, ArticleState state, Audience audience, Optional<CaseId> fromCase, String comment) {
    public Draft {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(fromCase, "fromCase");
        Objects.requireNonNull(comment, "comment");
    }

    /** Returns an internal draft whose state follows from whether it has a resolution. */
    public static Draft of(ArticleContent content) {
        Objects.requireNonNull(content, "content");
        ArticleState state = content.hasResolution() ? ArticleState.NOT_VALIDATED : ArticleState.WORK_IN_PROGRESS;
        return new Draft(content, state, Audience.INTERNAL, Optional.empty(), "");
    }

    public Draft withState(ArticleState state) {
        return new Draft(content, state, audience, fromCase, comment);
    }

    public Draft withAudience(Audience audience) {
        return new Draft(content, state, audience, fromCase, comment);
    }

    /** Returns a draft captured from {@code caseId}: the new article is linked to that case. */
    public Draft fromCase(CaseId caseId) {
        return new Draft(content, state, audience, Optional.of(caseId), comment);
    }

    public Draft withComment(String comment) {
        return new Draft(content, state, audience, fromCase, comment);
    }
}
