package org.kcskb.transfer;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.kcskb.article.Flag;
import org.kcskb.article.FlagReason;

/**
 * A flag of a {@link TransferArticle} (see {@link Flag}), open or resolved.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the flag's id, unique across the knowledge base; importing the same id again replaces the flag (to
 *     resolve it), so a source system's own flag ids keep a re-run from duplicating flags
 * @param reason why it was flagged
 * @param comment what is wrong, possibly empty
 * @param raisedBy the id of the actor who flagged it
 * @param raisedAt when
 * @param resolution how it was resolved, or empty while open
 */
public record TransferFlag(
        String id,
        FlagReason reason,
        String comment,
        String raisedBy,
        Instant raisedAt,
        Optional<Flag.Resolution> resolution) {
    public TransferFlag {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(comment, "comment");
        Objects.requireNonNull(raisedBy, "raisedBy");
        Objects.requireNonNull(raisedAt, "raisedAt");
        Objects.requireNonNull(resolution, "resolution");
        if (id.isBlank() || id.length() > 128) {
            throw new IllegalArgumentException("A flag id has 1 to 128 characters, not all blanks; got '" + id + "'");
        }
    }
}
