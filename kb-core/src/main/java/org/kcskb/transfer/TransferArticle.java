package org.kcskb.transfer;

import java.util.HashSet;
import java.util.List;
import org.kcskb.InvalidInputException;
import org.kcskb.store.spi.Mutation;

/**
 * One article as it is imported or exported: its id in the system it comes from, every revision, its case links,
 * flags, translations, self-service feedback and view count.
 *
 * <p>Immutable and thread-safe.
 *
 * @param sourceId the article's id in the system it comes from (1 to {@value Mutation.PutSourceId#MAX_LENGTH}
 *     printable characters, compared exactly); what makes an import idempotent. An export writes the source id of an
 *     imported article, and the article's own id (such as {@code KB-17}) for one created in this knowledge base
 * @param revisions every revision, oldest first, at least one; the last is the article's current state
 * @param links the case links
 * @param flags the flags, each id once
 * @param translations the source ids of the other articles of its translation group
 * @param feedback the self-service votes, oldest first, each id once
 * @param views how often the article was viewed, at least 0
 */
public record TransferArticle(
        String sourceId,
        List<TransferRevision> revisions,
        List<TransferLink> links,
        List<TransferFlag> flags,
        List<String> translations,
        List<TransferFeedback> feedback,
        long views) {
    public TransferArticle {
        Mutation.PutSourceId.requireValidSourceId(sourceId);
        revisions = List.copyOf(revisions);
        links = List.copyOf(links);
        flags = List.copyOf(flags);
        translations = List.copyOf(translations);
        feedback = List.copyOf(feedback);
        if (revisions.isEmpty()) {
            throw new InvalidInputException(
                    "revisions", "[]", "an article needs at least one revision, its first (captured) version");
        }
        for (TransferLink link : links) {
            if (link.pinnedRevision() > revisions.size()) {
                throw new InvalidInputException(
                        "links",
                        link.caseId().value(),
                        "the link pins revision " + link.pinnedRevision() + ", but the article has revisions 1 to "
                                + revisions.size());
            }
        }
        var ids = new HashSet<String>();
        for (TransferFlag flag : flags) {
            if (!ids.add(flag.id())) {
                throw new InvalidInputException("flags", flag.id(), "each flag id may appear once per article");
            }
        }
        var feedbackIds = new HashSet<String>();
        for (TransferFeedback vote : feedback) {
            if (!feedbackIds.add(vote.id())) {
                throw new InvalidInputException("feedback", vote.id(), "each feedback id may appear once per article");
            }
        }
        if (views < 0) {
            throw new InvalidInputException("views", Long.toString(views), "a view count is 0 or more");
        }
        for (String translation : translations) {
            Mutation.PutSourceId.requireValidSourceId(translation);
            if (translation.equals(sourceId)) {
                throw new InvalidInputException("translations", translation, "an article is not its own translation");
            }
        }
    }

    /** An article without feedback and views. */
    public TransferArticle(
            String sourceId,
            List<TransferRevision> revisions,
            List<TransferLink> links,
            List<TransferFlag> flags,
            List<String> translations) {
        this(sourceId, revisions, links, flags, translations, List.of(), 0);
    }

    /** Returns the latest revision: the article's current state. */
    public TransferRevision latest() {
        return revisions.getLast();
    }
}
