package org.kcskb.search.spi;

import java.util.Objects;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleId;
import org.kcskb.vocabulary.Vocabulary;

/**
 * The write side of one search index, as the {@link ChangeFeedFollower} drives it: what an engine implements so that
 * the follower keeps its index in step with the store's change feed. (Not to be confused with Lucene's
 * {@code IndexWriter}, which {@code kb-index}'s implementation wraps.)
 *
 * <p>The follower owns the orchestration: which changes to apply, when to refresh and commit, when to roll back,
 * reopen or rebuild, whether the index belongs to the store it follows. The writer only does what it is told, and
 * says through a {@link SearchIndexException} of which {@link SearchIndexException.Kind kind} a failure is.
 *
 * <p><b>Threading.</b> Every call comes from the follower's serialised context: one call at a time, each seeing
 * the effects of the calls before it, never on a caller's thread (a caller's interrupt never reaches the index's
 * files), though not always on the same thread. The one exception: when a follower's work does not finish within
 * its close wait (a store that does not answer), {@link #rollback()} and {@link #close()} are called from the
 * closing thread while that work may still run. The searches an engine serves run concurrently with all of this,
 * on the engine's own terms.
 *
 * <p><b>Life cycle.</b> {@link #open()} once; then any number of writes, {@link #refresh refreshes}, {@link #commit
 * commits} and {@link #beginRebuild rebuilds}. After a failure of kind {@link SearchIndexException.Kind#BROKEN
 * BROKEN} the follower calls {@link #rollback()} and later {@link #reopen()}; after one of kind {@link
 * SearchIndexException.Kind#CORRUPT CORRUPT}, {@link #rollback()}, {@link #recreate()} and a rebuild. {@link
 * #close()} last, once.
 *
 * <p><b>Durability.</b> Nothing needs to be durable before {@link #commit}; a crash may lose what was applied since
 * the last commit, which the follower applies again from the sequence that commit recorded. Every write must be
 * idempotent: applying a change again, or one the index already reflects, leaves the same index.
 *
 * <p><b>Mapping to an engine.</b> {@code kb-index}'s Lucene writer records the sequence and store id in the commit's
 * user data, refreshes a {@code SearcherManager}, and rebuilds in its uncommitted writer (deleting everything,
 * re-adding, committing). A cluster engine would record them in a metadata document or an index setting written
 * with the commit, refresh the index, and rebuild into a new index that an alias swap makes current.
 */
public interface SearchIndexWriter extends AutoCloseable {

    /**
     * What an index's last commit recorded.
     *
     * @param sequence the store sequence of the last change the commit holds; 0 for a new index
     * @param storeId the {@linkplain org.kcskb.store.spi.ArticleStore#storeId() identity} of the store it was built from;
     *     empty when unknown
     * @param compatible false when the index was written in a form this engine no longer reads (another schema):
     *     then it is opened empty, at sequence 0, and the follower rebuilds it
     */
    record Committed(long sequence, String storeId, boolean compatible) {
        public Committed {
            Objects.requireNonNull(storeId, "storeId");
            if (sequence < 0) {
                throw new IllegalArgumentException("sequence must be 0 or more, was " + sequence);
            }
        }
    }

    /**
     * Opens the index, creating it if missing, and checks that its data is intact as far as that is cheap enough
     * to do on every start; what searches see is the last commit.
     *
     * @throws SearchIndexException of kind {@link SearchIndexException.Kind#CORRUPT CORRUPT} if the index is damaged
     *     (the follower then rolls back and {@linkplain #recreate recreates} it); any other exception fails opening
     */
    Committed open();

    /**
     * Reopens the index at its last commit after a {@link #rollback()}; searches go on seeing what they saw until
     * a {@link #refresh refresh} says the reopened index has caught up.
     *
     * @return the sequence the last commit recorded
     */
    long reopen();

    /**
     * Gives up what was applied since the last commit and releases the index's write resources (its lock); never
     * throws, may be called when nothing is open and more than once. Searches go on seeing what they saw. Next
     * comes {@link #reopen()}, {@link #recreate()} or {@link #close()}.
     */
    void rollback();

    /**
     * Replaces a corrupt index with an empty one at sequence 0 and opens it; the follower rebuilds it next.
     * Searches go on seeing what they saw, if anything, until that rebuild is {@linkplain Rebuild#swap swapped} in.
     */
    void recreate();

    /**
     * Gives the engine every article the index is to hold, as the store held them at sequence {@code upTo}, before
     * changes after it are applied: on opening an index that is kept, and before each rebuild. For state an engine
     * derives from all its articles and does not keep in the index (kb-index: the vocabulary that splits compounds,
     * the title suggestions); it replaces what earlier calls gave. The default does nothing.
     *
     * @param admitted the articles, read from the store page by page as they are iterated; iterating may throw the
     *     store's exceptions, which must propagate
     */
    default void load(Iterable<Article> admitted, long upTo) {}

    /**
     * Gives the engine the vocabulary the store holds ({@link org.kcskb.store.spi.ArticleStore#vocabulary()}), to apply
     * at query time together with the base vocabulary of its {@link SearchEngineContext}: on opening, after every
     * rebuild or reopening, and whenever the feed announces a {@link org.kcskb.store.spi.Change.Kind#VOCABULARY} change
     * (then before the {@link #refresh} that makes the changes up to it searchable). It replaces what earlier calls
     * gave. The default does nothing, for an engine that applies no vocabulary.
     */
    default void vocabulary(Vocabulary stored) {}

    /**
     * Indexes an article, replacing its earlier version if the index holds one.
     *
     * @param sequence the newest change of the article that this call applies; an engine may compare it with a
     *     {@link #load} sequence, or record it as the document's version
     */
    void index(Article article, long sequence);

    /**
     * Updates the signals of an article (reuse, votes, views, flags) whose content has not changed since it was
     * {@link #index indexed}; the engine may do this without re-analysing its text.
     */
    void updateSignals(Article article, long sequence);

    /**
     * Removes an article from the index, if it holds it.
     *
     * @param purged true when the article is gone from the store; false when it is still there but the index no
     *     longer {@linkplain ChangeFeedFollower.Builder#admits admits} it (what the engine derived from it, such as
     *     answered queries, may come back with it)
     */
    void delete(ArticleId id, boolean purged, long sequence);

    /**
     * Makes what was applied searchable.
     *
     * @param caughtUp false while a reopened index is still behind what searches saw before the failure that made
     *     the follower reopen it: then the engine should keep serving the searches it served (so that recovering
     *     never takes back what was searchable) and make the reopened index searchable only on a later call with
     *     true; an engine that cannot keep them makes it searchable anyway
     */
    void refresh(boolean caughtUp);

    /**
     * Makes everything applied durable, recording {@code sequence} and {@code storeId} so that {@link #open()} reads
     * them back. May skip the write when the last commit already records both and nothing was applied since.
     */
    void commit(long sequence, String storeId);

    /**
     * Starts building a replacement of the index aside, while searches go on seeing the index as it is: the follower
     * then {@linkplain Rebuild#add adds} every admitted article and either {@linkplain Rebuild#swap swaps} the
     * replacement in or {@linkplain Rebuild#abort aborts}. No other call comes in between.
     */
    Rebuild beginRebuild();

    /** A replacement of the index being built aside; see {@link #beginRebuild()}. */
    interface Rebuild {
        /** Adds an article to the replacement. */
        void add(Article article);

        /**
         * Commits the replacement with {@code sequence} and {@code storeId}, atomically: after it the index is the
         * replacement (also for {@link #open()} after a crash), before it the index as it was. Searches see it at
         * the latest after the next {@link SearchIndexWriter#refresh refresh(true)}; then the old index's space is
         * released.
         */
        void swap(long sequence, String storeId);

        /**
         * Discards the replacement after a failure, never throwing: the index and what searches see are as before
         * {@link #beginRebuild()}. Changes applied but not committed before it may be lost too: the follower
         * {@linkplain SearchIndexWriter#reopen reopens} the index before writing again.
         */
        void abort();
    }

    /**
     * Releases everything the writer holds (the follower has committed or rolled back before); never throws.
     * Searches the engine serves from this index must not be started after it.
     */
    @Override
    void close();
}
