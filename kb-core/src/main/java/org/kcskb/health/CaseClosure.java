package org.kcskb.health;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.kcskb.article.ArticleId;
import org.kcskb.article.CaseId;

/**
 * A case the host closed, as {@link org.kcskb.KnowledgeBase#caseClosed} recorded it: who closed it, when it was open
 * and which articles were linked to it when it closed. Immutable.
 *
 * <p>KCS measures the Solve Loop at case closure: a case closed with a linked article is a <em>linked</em> case
 * (the link rate); a linked case is <em>new</em> when an article was captured for it, and <em>known</em> when every
 * article linked to it existed before it opened (knowledge reused). Here an article counts as captured for the case
 * when it was created at or after {@link #opened()} and at or before {@link #closed()}: while the case was open.
 *
 * @param caseId the host's case
 * @param closedBy the id of the actor who closed it (the agent who handled the case)
 * @param opened when the case was opened, as the host reported it
 * @param closed when it was closed, on the knowledge base's clock
 * @param linked the articles linked to the case when it closed, in link order; empty for a case closed without a
 *     link
 * @param captured the linked articles captured while the case was open: a subset of {@code linked}
 */
public record CaseClosure(
        CaseId caseId,
        String closedBy,
        Instant opened,
        Instant closed,
        List<ArticleId> linked,
        List<ArticleId> captured) {

    public CaseClosure {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(closedBy, "closedBy");
        Objects.requireNonNull(opened, "opened");
        Objects.requireNonNull(closed, "closed");
        linked = List.copyOf(linked);
        captured = List.copyOf(captured);
        if (opened.isAfter(closed)) {
            throw new IllegalArgumentException(
                    "Case " + caseId + " cannot open (" + opened + ") after it closed (" + closed + ")");
        }
        if (!linked.containsAll(captured)) {
            throw new IllegalArgumentException("The captured articles " + captured + " of case " + caseId
                    + " must be among its linked articles " + linked);
        }
    }

    /** Returns whether the case was closed with at least one linked article. */
    public boolean isLinked() {
        return !linked.isEmpty();
    }

    /** Returns whether an article was captured for the case: KCS "new" (otherwise, when linked, "known"). */
    public boolean isNew() {
        return !captured.isEmpty();
    }
}
