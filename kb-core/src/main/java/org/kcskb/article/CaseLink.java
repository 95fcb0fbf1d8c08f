package org.kcskb.article;

import java.time.Instant;
import java.util.Objects;

/**
 * A link between an article and a case: one reuse in KCS terms.
 *
 * <p>Immutable and thread-safe.
 *
 * @param articleId the linked article
 * @param caseId the host's case
 * @param type whether the article resolved the case or was a reference
 * @param pinnedRevision the article revision that was delivered to the customer
 * @param linkedBy the id of the actor who linked it
 * @param linkedAt when it was linked
 */
public record CaseLink(
        ArticleId articleId, CaseId caseId, LinkType type, int pinnedRevision, String linkedBy, Instant linkedAt) {
    public CaseLink {
        Objects.requireNonNull(articleId, "articleId");
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(linkedBy, "linkedBy");
        Objects.requireNonNull(linkedAt, "linkedAt");
        if (pinnedRevision < 1) {
            throw new IllegalArgumentException("pinnedRevision must be at least 1, was " + pinnedRevision);
        }
    }
}
