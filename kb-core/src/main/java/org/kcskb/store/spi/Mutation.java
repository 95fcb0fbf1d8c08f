package org.kcskb.store.spi;

import java.util.Objects;
import org.kcskb.AuditEntry;
import org.kcskb.article.ArticleId;
import org.kcskb.article.CaseId;
import org.kcskb.article.CaseLink;
import org.kcskb.article.Feedback;
import org.kcskb.article.Flag;
import org.kcskb.article.Revision;

/**
 * One change that an {@link ArticleStore} applies as part of an atomic {@link ArticleStore#commit commit}.
 *
 * <p>Each mutation appends exactly one {@link Change} per article it touches to the change feed, except the
 * precondition {@link ExpectRevision}, which touches nothing. Mutations are accepted changes: the knowledge base
 * has already checked input, the lifecycle policy and the content standard, so a store only enforces what needs
 * the stored state (revision numbers, existence, preconditions), and it checks that under the same lock or
 * transaction that applies the commit, so that no other commit can come in between.
 */
public sealed interface Mutation {
    /** Returns the article this mutation touches first. */
    ArticleId articleId();

    /**
     * Appends a revision. Revision 1 creates the article, which must not exist yet; revision {@code n > 1}
     * requires that the article's current revision is {@code n - 1}, otherwise the commit fails with
     * {@link org.kcskb.RevisionConflictException} (or {@link org.kcskb.NotFoundException} if there is no
     * article). Feed entry: {@link Change.Kind#CONTENT}.
     */
    record AppendRevision(Revision revision) implements Mutation {
        public AppendRevision {
            Objects.requireNonNull(revision, "revision");
        }

        @Override
        public ArticleId articleId() {
            return revision.articleId();
        }
    }

    /**
     * Links an article to a case, replacing an existing link between the two (type and pinned revision are
     * updated). The article must exist. Feed entry: {@link Change.Kind#SIGNALS}.
     */
    record PutLink(CaseLink link) implements Mutation {
        public PutLink {
            Objects.requireNonNull(link, "link");
        }

        @Override
        public ArticleId articleId() {
            return link.articleId();
        }
    }

    /**
     * Removes the link between an article and a case; fails with {@link org.kcskb.NotFoundException} (kind
     * {@code link}) if there is none. Feed entry: {@link Change.Kind#SIGNALS}.
     */
    record RemoveLink(ArticleId articleId, CaseId caseId) implements Mutation {
        public RemoveLink {
            Objects.requireNonNull(articleId, "articleId");
            Objects.requireNonNull(caseId, "caseId");
        }
    }

    /**
     * Moves every case link of {@code articleId} to {@code target} (used when merging a duplicate). Where the
     * target already has a link to the same case, the target's link is kept and the moved one dropped. Both
     * articles must exist. Feed entries: {@link Change.Kind#SIGNALS} for both, source first.
     */
    record MoveLinks(ArticleId articleId, ArticleId target) implements Mutation {
        public MoveLinks {
            Objects.requireNonNull(articleId, "articleId");
            Objects.requireNonNull(target, "target");
        }
    }

    /**
     * Inserts a flag, or replaces the flag with the same id (to resolve it). The article must exist; a flag id
     * that exists for another article fails with {@link IllegalArgumentException}. Feed entry:
     * {@link Change.Kind#SIGNALS}.
     */
    record PutFlag(Flag flag) implements Mutation {
        public PutFlag {
            Objects.requireNonNull(flag, "flag");
        }

        @Override
        public ArticleId articleId() {
            return flag.articleId();
        }
    }

    /** Records self-service feedback. The article must exist. Feed entry: {@link Change.Kind#SIGNALS}. */
    record AddFeedback(Feedback feedback) implements Mutation {
        public AddFeedback {
            Objects.requireNonNull(feedback, "feedback");
        }

        @Override
        public ArticleId articleId() {
            return feedback.articleId();
        }
    }

    /** Adds {@code count} views. The article must exist. Feed entry: {@link Change.Kind#SIGNALS}. */
    record AddViews(ArticleId articleId, int count) implements Mutation {
        public AddViews {
            Objects.requireNonNull(articleId, "articleId");
            if (count < 1) {
                throw new IllegalArgumentException("View count must be positive, was " + count);
            }
        }
    }

    /**
     * A precondition: the commit fails with {@link org.kcskb.RevisionConflictException} (or
     * {@link org.kcskb.NotFoundException}) unless the article's current revision is {@code revision} when the
     * commit is applied. Writes nothing and appends no feed entry. The knowledge base uses it to make what it read
     * before a write part of the write: a merge expects the survivor's revision, so that of two crosswise merges
     * (A into B, B into A) at most one commits.
     */
    record ExpectRevision(ArticleId articleId, int revision) implements Mutation {
        public ExpectRevision {
            Objects.requireNonNull(articleId, "articleId");
            if (revision < 1) {
                throw new IllegalArgumentException("Revision numbers start at 1, was " + revision);
            }
        }
    }

    /**
     * Removes an article with everything attached to it: every revision, its links, flags, feedback and view
     * count; afterwards the store behaves as if the article had never existed, except that its id is not handed
     * out again and earlier feed entries still name it (they hold no text). Records {@code audit} in the audit
     * trail. The article must exist. Feed entry: {@link Change.Kind#CONTENT}, after which
     * {@link ArticleStore#article} is empty, so that a search index deletes the article; the article also leaves its
     * translation group as with {@link RemoveTranslation}, whose other members get a {@link Change.Kind#CONTENT}
     * entry each, after the purged article's.
     */
    record Purge(AuditEntry audit) implements Mutation {
        public Purge {
            Objects.requireNonNull(audit, "audit");
            if (audit.action() != AuditEntry.Action.PURGE) {
                throw new IllegalArgumentException("A purge needs a PURGE audit entry, got " + audit.action());
            }
        }

        @Override
        public ArticleId articleId() {
            return audit.articleId();
        }
    }

    /**
     * Replaces one stored revision by {@code redacted}, which has the same article and number (the knowledge base
     * computes it with {@link org.kcskb.article.RevisionField#redact}); the old text is gone from the store. Records
     * {@code audit} in the audit trail. The revision must exist. Feed entry: {@link Change.Kind#CONTENT}, so that
     * a search index re-indexes the article.
     */
    record Redact(Revision redacted, AuditEntry audit) implements Mutation {
        public Redact {
            Objects.requireNonNull(redacted, "redacted");
            Objects.requireNonNull(audit, "audit");
            if (audit.action() != AuditEntry.Action.REDACT
                    || !audit.articleId().equals(redacted.articleId())
                    || audit.revision().getAsInt() != redacted.number()) {
                throw new IllegalArgumentException("The audit entry " + audit + " does not describe redacting revision "
                        + redacted.number() + " of " + redacted.articleId());
            }
        }

        @Override
        public ArticleId articleId() {
            return redacted.articleId();
        }
    }

    /**
     * Links {@code articleId} and {@code translation} as translations of each other: their translation groups
     * (see {@link org.kcskb.article.Article#translations()}) become one, which holds every member of both. Both
     * articles must exist ({@link org.kcskb.NotFoundException}) and be different; linking two articles already in
     * one group changes nothing but still appends the feed entries. The knowledge base has checked the languages
     * (at most one article per language in a group); a store keeps what it is given. Feed entries:
     * {@link Change.Kind#CONTENT} for every member of the joined group, in {@link ArticleId} order, so that a search
     * index re-indexes each with its new group.
     */
    record PutTranslation(ArticleId articleId, ArticleId translation) implements Mutation {
        public PutTranslation {
            Objects.requireNonNull(articleId, "articleId");
            Objects.requireNonNull(translation, "translation");
            if (articleId.equals(translation)) {
                throw new IllegalArgumentException("Article " + articleId + " cannot be its own translation");
            }
        }
    }

    /**
     * Takes an article out of its translation group; a group left with one article is dissolved. The article must
     * exist ({@link org.kcskb.NotFoundException}); one without translations is left as it is, with no feed entry.
     * Feed entries: {@link Change.Kind#CONTENT} for the article and every other member of its former group, in
     * {@link ArticleId} order. {@link Purge} takes the purged article out of its group the same way.
     */
    record RemoveTranslation(ArticleId articleId) implements Mutation {
        public RemoveTranslation {
            Objects.requireNonNull(articleId, "articleId");
        }
    }

    /**
     * Records that {@code articleId} is the import of the record {@code sourceId} of another system (a help desk's
     * article number, say), so that importing the same record again finds the article ({@link
     * ArticleStore#articlesBySourceId}) instead of creating a second one. The article must exist (it may be created
     * earlier in the same commit, which is how an import writes it); mapping it again to its own source id changes
     * nothing, while a source id mapped to another article, or an article mapped to another source id, fails with
     * {@link IllegalArgumentException}. Purging the article forgets its mapping. Feed entry: none, as for {@link
     * ExpectRevision}: the mapping is no searchable content, and the revision that creates the article, committed
     * with it, announces the article.
     */
    record PutSourceId(ArticleId articleId, String sourceId) implements Mutation {
        /** The longest source id, in characters. */
        public static final int MAX_LENGTH = 256;

        public PutSourceId {
            Objects.requireNonNull(articleId, "articleId");
            requireValidSourceId(sourceId);
        }

        /**
         * Checks a source id: 1 to {@value #MAX_LENGTH} characters, not blank, without control characters.
         *
         * @throws org.kcskb.InvalidInputException naming {@code sourceId} otherwise
         */
        public static String requireValidSourceId(String sourceId) {
            Objects.requireNonNull(sourceId, "sourceId");
            if (sourceId.isBlank()
                    || sourceId.length() > MAX_LENGTH
                    || sourceId.chars().anyMatch(Character::isISOControl)) {
                throw new org.kcskb.InvalidInputException(
                        "sourceId",
                        sourceId,
                        "use 1 to " + MAX_LENGTH + " printable characters that are not all blanks, such as the source"
                                + " system's article number 'ZD-1042'");
            }
            return sourceId;
        }
    }
}
