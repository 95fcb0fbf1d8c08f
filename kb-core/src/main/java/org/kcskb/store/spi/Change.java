package org.kcskb.store.spi;

import java.time.Instant;
import java.util.Objects;
import org.kcskb.article.ArticleId;

/**
 * One entry of a store's change feed.
 *
 * <p>Sequence numbers increase strictly in commit order, so a reader that has applied every change up to
 * {@code n} can catch up by asking for the changes after {@code n}. Immutable and thread-safe.
 *
 * @param sequence the position in the feed, starting at 1
 * @param articleId the article that changed; {@link #VOCABULARY_SUBJECT} for a {@link Kind#VOCABULARY} change, which
 *     is about no article
 * @param kind whether the article's content (and state/audience) changed, or only its signals, or the vocabulary
 * @param at when the change was committed
 */
public record Change(long sequence, ArticleId articleId, Kind kind, Instant at) {
    /**
     * The subject of {@link Kind#VOCABULARY} changes, which are about no article. Stores assign article ids that never
     * start with {@code _}, so it names no article.
     */
    public static final ArticleId VOCABULARY_SUBJECT = ArticleId.of("_vocabulary");

    /** The subject of {@link Kind#NOTICE} changes, which are about no article (see {@link #VOCABULARY_SUBJECT}). */
    public static final ArticleId NOTICE_SUBJECT = ArticleId.of("_notices");

    public Change {
        Objects.requireNonNull(articleId, "articleId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        if (sequence < 1) {
            throw new IllegalArgumentException("Change sequence numbers start at 1, was " + sequence);
        }
    }

    /** What changed. */
    public enum Kind {
        /** A new revision: content, state, audience or merge target may have changed. */
        CONTENT,
        /** Links, flags, feedback or views: only the signals changed. */
        SIGNALS,
        /**
         * A {@linkplain org.kcskb.vocabulary.VocabularyEntry vocabulary entry} was added or removed; the subject is
         * {@link #VOCABULARY_SUBJECT}. A follower reads {@link ArticleStore#vocabulary()} again.
         */
        VOCABULARY,
        /**
         * A {@linkplain org.kcskb.notice.Notice known-issue notice} was published or ended; the subject is {@link
         * #NOTICE_SUBJECT}. A follower reads {@link ArticleStore#notices()} again; search indexes ignore it.
         */
        NOTICE
    }
}
