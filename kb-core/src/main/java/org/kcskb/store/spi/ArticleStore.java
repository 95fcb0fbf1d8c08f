package org.kcskb.store.spi;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.kcskb.AuditEntry;
import org.kcskb.actor.Actor;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleId;
import org.kcskb.article.CaseId;
import org.kcskb.article.CaseLink;
import org.kcskb.article.Feedback;
import org.kcskb.article.Flag;
import org.kcskb.article.Revision;
import org.kcskb.browse.ArticleSummary;
import org.kcskb.browse.BrowseCounts;
import org.kcskb.browse.BrowseCursor;
import org.kcskb.browse.BrowseRequest;
import org.kcskb.lifecycle.Visibility;
import org.kcskb.notice.Notice;
import org.kcskb.notice.NoticeChange;
import org.kcskb.notice.NoticeStats;
import org.kcskb.store.ArticleStores;
import org.kcskb.store.internal.Browsing;
import org.kcskb.vocabulary.VocabularyChange;
import org.kcskb.vocabulary.VocabularyEntry;

/**
 * The storage SPI: where articles, revisions, links, flags and feedback live, with a change feed.
 *
 * <p>The store is the source of truth; a search index is a projection that follows the
 * {@link #changesAfter(long, int) change feed}. Implementations must be thread-safe and must satisfy the
 * contract test {@code org.kcskb.store.spi.ArticleStoreContract} in the {@code kb-core} test-jar:
 *
 * <ul>
 *   <li>{@link #commit} is atomic: every mutation and its feed entries are stored, or none is.
 *   <li>Feed sequence numbers increase strictly in commit order with no entry becoming visible before one with a
 *       smaller number: a reader that saw entry {@code n} never later sees a new entry below {@code n}.
 *   <li>Concurrent commits that append the same revision number: exactly one succeeds, the others get
 *       {@link org.kcskb.RevisionConflictException}.
 *   <li>A commit that returned is durable (for persistent stores: survives a process crash), and a commit that
 *       was applied returns: a failure after the transaction committed (such as a flush) is logged, not thrown,
 *       so that a caller never retries a write that happened.
 *   <li>Preconditions ({@link Mutation.ExpectRevision}) are checked under the same lock or transaction that applies
 *       the commit.
 * </ul>
 *
 * <p>Errors: {@link org.kcskb.RevisionConflictException}, {@link org.kcskb.NotFoundException} and
 * {@link org.kcskb.StorageException} (wrapping the underlying {@code SQLException} or {@code IOException}).
 * Calls after {@link #close()} fail with {@link IllegalStateException}. Shipped implementations are in
 * {@link ArticleStores}.
 */
public interface ArticleStore extends AutoCloseable {

    /**
     * Allocates a new, never used article id such as {@code KB-17}. Ids are unique for the store's lifetime,
     * also across restarts; gaps are allowed (an allocated id may never be committed).
     */
    ArticleId allocateId();

    /**
     * Applies mutations atomically and appends their feed entries.
     *
     * @param mutations at least one mutation, applied in order
     * @return the sequence number of the last feed entry written by this commit
     * @throws org.kcskb.RevisionConflictException if a revision is not the successor of the current one
     * @throws org.kcskb.NotFoundException if a mutation names an article, link or flag that does not exist
     */
    long commit(List<Mutation> mutations);

    /** Returns the current state of an article with its signals, or empty if it does not exist. */
    Optional<Article> article(ArticleId id);

    /** Returns every revision of an article, oldest first; empty if it does not exist. */
    List<Revision> revisions(ArticleId id);

    /** Returns one revision, or empty if the article or the revision does not exist. */
    Optional<Revision> revision(ArticleId id, int number);

    /** Returns the current links of an article, ordered by link time. */
    List<CaseLink> links(ArticleId id);

    /** Returns the current links of a case, ordered by link time. */
    List<CaseLink> linksOfCase(CaseId caseId);

    /** Returns every flag of an article, open and resolved, ordered by the time they were raised. */
    List<Flag> flags(ArticleId id);

    /** Returns one flag by id, or empty. */
    Optional<Flag> flag(String flagId);

    /** Returns every feedback entry of an article, ordered by time. */
    List<Feedback> feedback(ArticleId id);

    /**
     * Returns up to {@code limit} feed entries with a sequence number greater than {@code sequence}, in
     * ascending order. {@code changesAfter(0, n)} reads from the start.
     */
    List<Change> changesAfter(long sequence, int limit);

    /** Returns the sequence number of the newest feed entry, or 0 for an empty store. */
    long lastSequence();

    /**
     * Returns the sequence number of the oldest feed entry the store still keeps, or {@code lastSequence() + 1}
     * when it keeps none. Entries below it were removed by {@link #trimChanges retention}.
     *
     * <p><b>A follower that has applied every change up to {@code s} can catch up from the feed only if
     * {@code s >= oldestSequence() - 1}</b>; a follower further behind has missed changes for good and must
     * rebuild from the articles ({@link #articleIds}) instead, then continue from the {@link #lastSequence()} it
     * read before the rebuild. Equivalently, since the feed has no gaps: if {@code changesAfter(s, n)} returns a
     * first entry other than {@code s + 1}, rebuild. The default, 1, suits a store that never trims its feed.
     */
    default long oldestSequence() {
        return 1;
    }

    /**
     * Removes the feed entries with a sequence number up to {@code upToSequence} that were committed before
     * {@code olderThan} (both conditions), and returns how many. The newest entry is never removed, so that
     * {@link #lastSequence()} stays. The default removes nothing, for a store that keeps its whole feed.
     */
    default long trimChanges(long upToSequence, Instant olderThan) {
        return 0;
    }

    /**
     * Empties the comments of feedback given before {@code olderThan} and returns how many it changed; the votes
     * (helpful or not, who, when) stay, so the article's counts do not move. Appends no feed entry: signals do not
     * change. The default changes nothing.
     */
    default long forgetFeedbackComments(Instant olderThan) {
        return 0;
    }

    /**
     * Returns the audit trail of {@linkplain Mutation.Purge purges} and {@linkplain Mutation.Redact redactions},
     * oldest first: for one article, or for all when {@code articleId} is empty. The default fails, for a store
     * that supports neither.
     */
    default List<AuditEntry> auditTrail(Optional<ArticleId> articleId) {
        throw new UnsupportedOperationException(getClass().getName() + " keeps no audit trail");
    }

    /**
     * Returns the vocabulary entries managed through the API ({@link #putVocabulary}), oldest first. The default, for
     * a store that keeps none, is empty.
     */
    default List<VocabularyEntry> vocabulary() {
        return List.of();
    }

    /**
     * Stores a new vocabulary entry and appends a {@link Change.Kind#VOCABULARY} feed entry, atomically, and records
     * the addition in the {@linkplain #vocabularyAudit() vocabulary's audit trail}. The entry's id must come from
     * {@link #allocateVocabularyId()}.
     *
     * @return the sequence number of the feed entry
     * @throws IllegalArgumentException if an entry with the same id exists
     */
    default long putVocabulary(VocabularyEntry entry) {
        throw new UnsupportedOperationException(getClass().getName() + " keeps no vocabulary");
    }

    /**
     * Removes a vocabulary entry and appends a {@link Change.Kind#VOCABULARY} feed entry, atomically, recording who
     * removed it and when in the audit trail.
     *
     * @return the sequence number of the feed entry
     * @throws org.kcskb.NotFoundException (kind {@code vocabulary entry}) if there is no entry with that id
     */
    default long removeVocabulary(String entryId, Actor actor, Instant at) {
        throw new UnsupportedOperationException(getClass().getName() + " keeps no vocabulary");
    }

    /** Allocates a new, never used vocabulary entry id such as {@code V-3}, unique for the store's lifetime. */
    default String allocateVocabularyId() {
        throw new UnsupportedOperationException(getClass().getName() + " keeps no vocabulary");
    }

    /** Returns the vocabulary's audit trail, oldest first: every addition and removal, with who and when. */
    default List<VocabularyChange> vocabularyAudit() {
        return List.of();
    }

    /**
     * Returns up to {@code limit} article ids greater than {@code after} in {@link ArticleId} order, for paging
     * through every article (a full index rebuild). Pass an empty optional to start.
     */
    List<ArticleId> articleIds(Optional<ArticleId> after, int limit);

    /**
     * Returns the identity of the stored data: created with it, kept for its life (a backup restored keeps it) and
     * different for every other store. A search index records it, so that an index beside another store is rebuilt
     * rather than silently diverging. The default, an empty string, means unknown: the index cannot check.
     */
    default String storeId() {
        return "";
    }

    /**
     * Returns up to {@code limit} current articles that {@code visibility} permits and that match the request's
     * filters, in the request's order, starting after {@code after} (keyset paging on the sort key and the id).
     * The request's own {@link BrowseRequest#limit()} and cursor text are not read: the caller passes them decoded.
     *
     * <p>The default pages through {@link #articleIds} and reads each {@link #article}, {@link #links} and
     * {@link #flags}: correct for any store, but a pass over every article per page; a store that holds many
     * articles should push the filters down (the shipped stores do).
     */
    default List<ArticleSummary> browse(
            BrowseRequest request, Visibility visibility, Optional<BrowseCursor> after, int limit) {
        var browsing = new Browsing(request, visibility, after, limit);
        scanForBrowsing(browsing);
        return browsing.page();
    }

    /**
     * Returns how many current articles that {@code visibility} permits match the request's filters, per state and
     * audience. The default makes one pass as {@link #browse} does.
     */
    default BrowseCounts browseCounts(BrowseRequest request, Visibility visibility) {
        var browsing = new Browsing(request, visibility, Optional.empty(), 0);
        scanForBrowsing(browsing);
        return browsing.counts();
    }

    private void scanForBrowsing(Browsing browsing) {
        Optional<ArticleId> from = Optional.empty();
        while (true) {
            List<ArticleId> ids = articleIds(from, 1000);
            for (ArticleId id : ids) {
                article(id)
                        .ifPresent(
                                article -> browsing.offer(article, ArticleSummary.of(article, links(id), flags(id))));
            }
            if (ids.size() < 1000) {
                return;
            }
            from = Optional.of(ids.getLast());
        }
    }

    /** Releases connections and files. Idempotent. */
    @Override
    void close();

    // ---- Known-issue notices --------------------------------------------------------------------------------

    /**
     * Returns every notice stored with {@link #putNotice}, ended ones too, oldest first. The default, for a store
     * that keeps none, is empty.
     */
    default List<Notice> notices() {
        return List.of();
    }

    /**
     * Stores a notice as {@code change} leaves it, records {@code change} in the {@linkplain #noticeAudit() notices'
     * audit trail} and appends a {@link Change.Kind#NOTICE} feed entry, atomically: for {@code PUBLISHED} a new
     * notice, for {@code ENDED} the ended version of a stored one (which it replaces).
     *
     * @return the sequence number of the feed entry
     * @throws IllegalArgumentException if a published notice's id exists already, or {@code change} names another
     *     notice
     * @throws org.kcskb.NotFoundException (kind {@code notice}) if an ended notice is not stored
     * @throws UnsupportedOperationException by default: a custom store that keeps no notices cannot publish any
     */
    default long putNotice(Notice notice, NoticeChange change) {
        throw new UnsupportedOperationException(getClass().getName()
                + " keeps no known-issue notices; implement notices(), putNotice, noticeAudit, noticeStats and"
                + " addNoticeCounts, or use a shipped store");
    }

    /** Returns the notices' audit trail, oldest first: who published or ended which notice, and when. */
    default List<NoticeChange> noticeAudit() {
        return List.of();
    }

    /** Returns the impressions and answers counted for each notice that has any. */
    default List<NoticeStats> noticeStats() {
        return List.of();
    }

    /**
     * Adds the given impressions and answers to the stored counts of their notices; counts of a notice that is not
     * stored are dropped. Not announced on the change feed: the counts are not the notice.
     */
    default void addNoticeCounts(List<NoticeStats> counts) {
        throw new UnsupportedOperationException(getClass().getName() + " keeps no known-issue notices");
    }

    // ---- Content health ------------------------------------------------------------------------------------

    /**
     * Hands every current article with its links, flags and feedback to {@code action}, one at a time in
     * {@link ArticleId} order, for a content health report ({@link org.kcskb.KnowledgeBase#health}). The action must
     * not call back into the store. What the pass sees is not one snapshot unless the store says so: articles
     * committed during it may or may not appear.
     *
     * <p>The default pages through {@link #articleIds} and reads each {@link #article}, {@link #links},
     * {@link #flags} and {@link #feedback}: correct for any store, but four reads per article; the shipped stores
     * read everything in one pass.
     */
    default void scanActivity(java.util.function.Consumer<ArticleActivity> action) {
        Optional<ArticleId> from = Optional.empty();
        while (true) {
            List<ArticleId> ids = articleIds(from, 1000);
            for (ArticleId id : ids) {
                article(id)
                        .ifPresent(article -> action.accept(new ArticleActivity(
                                article.withTranslations(java.util.Map.of()), links(id), flags(id), feedback(id))));
            }
            if (ids.size() < 1000) {
                return;
            }
            from = Optional.of(ids.getLast());
        }
    }

    /**
     * Records that a case was closed ({@link org.kcskb.KnowledgeBase#caseClosed}), replacing an earlier closure of
     * the same case (a case reopened and closed again counts once, at its latest closure). Durable like a commit;
     * appends no feed entry (articles do not change). The default refuses, for a store that keeps no case events.
     *
     * @throws UnsupportedOperationException if the store keeps no case events
     */
    default void putCaseClosure(org.kcskb.health.CaseClosure closure) {
        throw new UnsupportedOperationException(getClass().getName()
                + " keeps no case events: implement ArticleStore.putCaseClosure and caseClosures (every shipped store"
                + " does)");
    }

    /**
     * Returns the case closures whose {@link org.kcskb.health.CaseClosure#closed()} instant lies in
     * {@code closedIn}, ordered by that instant and then case id. The default, for a store that keeps none, is
     * empty.
     */
    default List<org.kcskb.health.CaseClosure> caseClosures(org.kcskb.browse.TimeRange closedIn) {
        return List.of();
    }

    // ---- Emerging issues -----------------------------------------------------------------------------------

    /**
     * Returns the flags of current articles whose {@link Flag#raisedAt()} lies in {@code raisedIn}, resolved ones
     * too, ordered by that instant, then article id, then flag id: what emerging-issue detection ({@link
     * org.kcskb.KnowledgeBase#emergingIssues}) counts as flags raised per article in a window and its baseline.
     *
     * <p>The default pages through {@link #articleIds} and reads each article's {@link #flags}: correct for any
     * store, but a read per article; the shipped stores read the range directly.
     */
    default List<Flag> flagsRaised(org.kcskb.browse.TimeRange raisedIn) {
        java.util.Objects.requireNonNull(raisedIn, "raisedIn");
        var raised = new java.util.ArrayList<Flag>();
        Optional<ArticleId> from = Optional.empty();
        while (true) {
            List<ArticleId> ids = articleIds(from, 1000);
            for (ArticleId id : ids) {
                for (Flag flag : flags(id)) {
                    if (raisedIn.contains(flag.raisedAt())) {
                        raised.add(flag);
                    }
                }
            }
            if (ids.size() < 1000) {
                break;
            }
            from = Optional.of(ids.getLast());
        }
        raised.sort(FLAGS_RAISED_ORDER);
        return List.copyOf(raised);
    }

    /** The order of {@link #flagsRaised}: raised instant, then article id, then flag id (in Java string order). */
    java.util.Comparator<Flag> FLAGS_RAISED_ORDER = java.util.Comparator.comparing(Flag::raisedAt)
            .thenComparing(flag -> flag.articleId().value())
            .thenComparing(Flag::id);

    // ---- Source ids (bulk import) --------------------------------------------------------------------------

    /**
     * Returns the articles imported from the given source records ({@link Mutation.PutSourceId}), by source id;
     * source ids that name no article are left out. An import asks for a batch at a time, so that idempotence costs
     * one read per batch, not per record. The default refuses, for a store that keeps no source ids (an import over
     * it could not recognise a record it imported before).
     *
     * @throws UnsupportedOperationException if the store keeps no source ids
     */
    default java.util.Map<String, ArticleId> articlesBySourceId(java.util.Collection<String> sourceIds) {
        throw new UnsupportedOperationException(getClass().getName()
                + " keeps no source ids: implement ArticleStore.articlesBySourceId and sourceIds, and apply"
                + " Mutation.PutSourceId in commit (every shipped store does)");
    }

    /**
     * Returns the source ids of the given articles, for those that were imported ({@link Mutation.PutSourceId});
     * articles created in this knowledge base are left out. The default, for a store that keeps none, is empty.
     */
    default java.util.Map<ArticleId, String> sourceIds(java.util.Collection<ArticleId> articleIds) {
        return java.util.Map.of();
    }

    /**
     * Returns the current articles of those of {@code ids} that exist, each as {@link #article} returns it but with
     * its {@link Article#translations()} left empty, keyed by id (ids that name no article are left out): for callers
     * that check many articles at once, such as emerging-issue detection over every flagged article.
     *
     * <p>The default reads article by article; the JDBC stores read a few hundred ids per statement.
     */
    default java.util.Map<ArticleId, Article> articles(java.util.Collection<ArticleId> ids) {
        java.util.Objects.requireNonNull(ids, "ids");
        var articles = new java.util.LinkedHashMap<ArticleId, Article>();
        for (ArticleId id : ids) {
            if (!articles.containsKey(java.util.Objects.requireNonNull(id, "id"))) {
                article(id).ifPresent(a -> articles.put(id, a.withTranslations(java.util.Map.of())));
            }
        }
        return articles;
    }
}
