package org.kcskb;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import org.kcskb.actor.Actor;
import org.kcskb.article.ArticleId;
import org.kcskb.article.RevisionField;

/**
 * One entry of the audit trail: who purged or redacted what, when and why. It never holds the text that was
 * removed, so that the trail itself keeps no personal data beyond the administrator's id and reason.
 *
 * <p>Immutable and thread-safe.
 *
 * @param at when the purge or redaction was committed (the knowledge base's clock)
 * @param actor the administrator who did it (id and licence at the time)
 * @param action what was done
 * @param articleId the article
 * @param revision the redacted revision; empty for a purge
 * @param fields the redacted fields; empty for a purge
 * @param reason why, as the administrator wrote it (for example a ticket number), at most 1,000 characters
 */
public record AuditEntry(
        Instant at,
        Actor actor,
        Action action,
        ArticleId articleId,
        OptionalInt revision,
        Set<RevisionField> fields,
        String reason) {

    /** The longest reason, in characters. */
    public static final int MAX_REASON_LENGTH = 1_000;

    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(articleId, "articleId");
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(reason, "reason");
        fields = Set.copyOf(fields);
        if (action == Action.PURGE && (revision.isPresent() || !fields.isEmpty())) {
            throw new IllegalArgumentException("A purge removes the whole article: it names no revision or fields");
        }
        if (action == Action.REDACT && (revision.isEmpty() || revision.getAsInt() < 1 || fields.isEmpty())) {
            throw new IllegalArgumentException(
                    "A redaction names a revision (from 1) and at least one field, got " + revision + " " + fields);
        }
        if (reason.isBlank() || reason.length() > MAX_REASON_LENGTH) {
            throw new InvalidInputException(
                    "reason", reason, "give 1 to " + MAX_REASON_LENGTH + " characters, for example a ticket number");
        }
    }

    /** Returns the entry for purging {@code articleId}. */
    public static AuditEntry purge(Instant at, Actor actor, ArticleId articleId, String reason) {
        return new AuditEntry(at, actor, Action.PURGE, articleId, OptionalInt.empty(), Set.of(), reason);
    }

    /** Returns the entry for redacting {@code fields} of one revision. */
    public static AuditEntry redact(
            Instant at, Actor actor, ArticleId articleId, int revision, Set<RevisionField> fields, String reason) {
        return new AuditEntry(at, actor, Action.REDACT, articleId, OptionalInt.of(revision), fields, reason);
    }

    /** What an administrator did to an article. */
    public enum Action {
        /** Removed the article with everything attached to it. */
        PURGE,
        /** Replaced fields of one revision by {@link RevisionField#MARKER}. */
        REDACT
    }
}
