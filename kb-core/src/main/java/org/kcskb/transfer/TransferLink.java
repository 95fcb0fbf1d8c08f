package org.kcskb.transfer;

import java.time.Instant;
import java.util.Objects;
import org.kcskb.article.CaseId;
import org.kcskb.article.LinkType;

/**
 * A case link of a {@link TransferArticle} (see {@link org.kcskb.article.CaseLink}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param caseId the host's case
 * @param type whether the article resolved the case or was a reference
 * @param pinnedRevision the revision delivered to the customer, from 1 up to the article's number of revisions
 * @param linkedBy the id of the actor who linked it
 * @param linkedAt when
 */
public record TransferLink(CaseId caseId, LinkType type, int pinnedRevision, String linkedBy, Instant linkedAt) {
    public TransferLink {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(linkedBy, "linkedBy");
        Objects.requireNonNull(linkedAt, "linkedAt");
        if (pinnedRevision < 1) {
            throw new IllegalArgumentException("pinnedRevision must be at least 1, was " + pinnedRevision);
        }
    }
}
