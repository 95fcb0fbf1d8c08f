package org.kcskb.index;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.SearcherManager;
import org.kcskb.StorageException;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleId;
import org.kcskb.store.ArticleStore;
import org.kcskb.store.Change;

/**
 * Keeps the index in step with the store's change feed, on one background thread.
 *
 * <p>It polls the feed every fifth of the refresh interval, applies new changes (re-indexing an article whose
 * content changed, updating only doc values when only its signals changed), then refreshes the searcher. It
 * commits the index with the last applied sequence number in the commit's user data every few seconds and on
 * close, so that after a crash the index reopens behind the store, never ahead, and catches up from there.
 */
final class IndexFollower implements AutoCloseable {
    static final String SEQUENCE_KEY = "kb.sequence";
    static final String SCHEMA_KEY = "kb.schema";
    /**
     * The version of the document layout ({@link ArticleDocuments}); an index committed with another version is
     * rebuilt on open. Raise it whenever a field's index options change: Lucene refuses documents whose options
     * differ from the index's, so the first re-indexed article would fail, and whenever analysis changes the terms
     * of an existing text. 2: offsets and stored text only on the snippet fields. 3: Snowball German stemming. 4: the
     * field-weighted {@code all} field that search scores with, the signals' prior as one doc value. 5: German word
     * prefixes, "-s" endings, "zu" infinitives, last parts after unknown compound heads. 6: state and
     * audience in one visibility keyword. 7: every language's weighted field in every article (dense norms). 8:
     * segments sorted by article id ({@link TopHits#INDEX_SORT}).
     */
    static final String SCHEMA_VERSION = "8";

    private static final Logger LOG = Logger.getLogger(IndexFollower.class.getName());
    private static final int BATCH = 1_000;
    private static final long COMMIT_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final ArticleStore store;
    private final Predicate<Article> admits;
    /**
     * Whether an article that leaves the index is merged away before the refresh that hides it: a deleted document
     * counts in Lucene's statistics (document frequencies, lengths) until a merge, so without this the scores of what
     * stays would tell that it was there ({@link IndexPartition#open}).
     */
    private final boolean expungeDeletes;
    /** Whether the changes applied since the last refresh deleted an article; guarded by {@link #lock}. */
    private boolean removed;

    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Analysis analysis;
    private final Suggestions suggestions;
    private final ScheduledExecutorService thread;
    private final long period;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition advanced = lock.newCondition();

    /** The newest change written to the index writer; guarded by {@link #lock}. */
    private long applied;
    /** The newest change visible to searches; guarded by {@link #lock}. */
    private volatile long searchable;

    private long committed;
    private long lastCommitNanos = System.nanoTime();
    private volatile RuntimeException failure;

    IndexFollower(
            ArticleStore store,
            Predicate<Article> admits,
            IndexWriter writer,
            SearcherManager searchers,
            Analysis analysis,
            Suggestions suggestions,
            long startSequence,
            Duration refreshInterval,
            boolean expungeDeletes) {
        this.expungeDeletes = expungeDeletes;
        this.store = store;
        this.admits = admits;
        this.writer = writer;
        this.searchers = searchers;
        this.analysis = analysis;
        this.suggestions = suggestions;
        this.applied = startSequence;
        this.searchable = startSequence;
        this.committed = startSequence;
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            var t = new Thread(runnable, "kb-index-follower");
            t.setDaemon(true);
            return t;
        });
        this.period = Math.max(10, refreshInterval.toMillis() / 5);
    }

    /**
     * Starts following the feed. Called once the engine has opened the index, rebuilt it or learned the
     * vocabulary: a poll before that would index articles into an index about to be replaced (and fail if its
     * schema changed), or analyse German articles without the learned compounds.
     */
    void start() {
        thread.scheduleWithFixedDelay(this::pollSafely, 0, period, TimeUnit.MILLISECONDS);
    }

    long searchableSequence() {
        return searchable;
    }

    /** Waits until {@code sequence} is searchable, nudging the follower instead of waiting for its next poll. */
    boolean awaitSearchable(long sequence, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        if (searchable >= sequence) {
            return true;
        }
        thread.execute(this::pollSafely);
        lock.lock();
        try {
            while (searchable < sequence) {
                if (failure != null) {
                    throw failure;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                advanced.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    private void pollSafely() {
        try {
            poll();
            failure = null;
        } catch (RuntimeException | IOException e) {
            // The store may be briefly unavailable; keep the thread alive and retry on the next tick.
            failure = e instanceof RuntimeException r ? r : new StorageException("Indexing failed", e);
            LOG.log(Level.WARNING, "Index follower could not apply changes; retrying", e);
        }
    }

    private void poll() throws IOException {
        lock.lock();
        try {
            boolean changed = false;
            List<Change> changes;
            while (!(changes = store.changesAfter(applied, BATCH)).isEmpty()) {
                apply(changes);
                applied = changes.getLast().sequence();
                changed = true;
            }
            if (changed) {
                if (expungeDeletes && removed) {
                    writer.forceMergeDeletes(true);
                }
                removed = false;
                searchers.maybeRefreshBlocking();
                searchable = applied;
                advanced.signalAll();
            }
            if (applied > committed && System.nanoTime() - lastCommitNanos > COMMIT_INTERVAL_NANOS) {
                commit();
            }
        } finally {
            lock.unlock();
        }
    }

    private void apply(List<Change> changes) throws IOException {
        // Collapse the batch per article: a content change re-indexes (with current signals), a signal-only
        // change updates doc values in place.
        Map<ArticleId, Boolean> contentChanged = new LinkedHashMap<>();
        for (Change change : changes) {
            contentChanged.merge(change.articleId(), change.kind() == Change.Kind.CONTENT, Boolean::logicalOr);
        }
        for (var entry : contentChanged.entrySet()) {
            Term id = new Term(ArticleFields.ID, entry.getKey().value());
            // An article the partition does not admit (any more) is gone from it, as a deleted one is.
            Optional<Article> article = store.article(entry.getKey()).filter(admits);
            if (article.isEmpty()) {
                writer.deleteDocuments(id);
                removed = true;
                suggestions.remove(entry.getKey());
            } else if (entry.getValue()) {
                index(article.get());
                suggestions.put(article.get());
            } else {
                writer.updateDocValues(id, ArticleDocuments.signalPrior(article.get()));
                suggestions.put(article.get());
            }
        }
        // A failure above is retried with the whole batch, suggestions included: skipping one could leave a title
        // visible to viewers who may no longer see its article.
        suggestions.refresh();
    }

    private void index(Article article) throws IOException {
        String key = ArticleDocuments.languageKey(article);
        analysis.learn(key, article.title() + "\n" + article.issue() + "\n" + article.resolution());
        writer.updateDocument(
                new Term(ArticleFields.ID, article.id().value()),
                ArticleDocuments.toDocument(article, analysis.indexAnalyzer()));
    }

    /**
     * Replaces the whole index with the store's articles, merged into one segment; searches see the old index until
     * it is done.
     *
     * <p>A rebuild indexes every article at once, which flushes a segment per indexing buffer (four segments at
     * 100k articles), and each search pays per segment: term look-ups, scorers, the visible documents'
     * bits. One segment made a search at 100k articles about 30 % faster in the probe, for a merge that added 3 s
     * to the 25 s of loading and rebuilding them. Later changes add small segments that the merge policy folds in.
     */
    void rebuild() {
        lock.lock();
        try {
            long upTo = store.lastSequence();
            learnAll();
            writer.deleteAll();
            Optional<ArticleId> after = Optional.empty();
            List<ArticleId> page;
            while (!(page = store.articleIds(after, BATCH)).isEmpty()) {
                for (ArticleId id : page) {
                    store.article(id).filter(admits).ifPresent(a -> {
                        try {
                            index(a);
                        } catch (IOException e) {
                            throw new StorageException("Rebuilding the index failed at " + id, e);
                        }
                    });
                }
                after = Optional.of(page.getLast());
            }
            // Changes after upTo are applied again by the next poll, which is harmless: applying is idempotent.
            applied = upTo;
            writer.forceMerge(1);
            commit();
            searchers.maybeRefreshBlocking();
            searchable = applied;
            advanced.signalAll();
        } catch (IOException e) {
            throw new StorageException("Rebuilding the index failed", e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Feeds every article's words to the analysis vocabulary (after a restart the vocabulary is empty), and every
     * title to the suggestions, which are split with the complete vocabulary.
     */
    void learnAll() {
        Suggestions.Reload titles = suggestions.reload();
        Optional<ArticleId> after = Optional.empty();
        List<ArticleId> page;
        while (!(page = store.articleIds(after, BATCH)).isEmpty()) {
            for (ArticleId id : page) {
                store.article(id).filter(admits).ifPresent(a -> {
                    analysis.learn(
                            ArticleDocuments.languageKey(a), a.title() + "\n" + a.issue() + "\n" + a.resolution());
                    titles.add(a);
                });
            }
            after = Optional.of(page.getLast());
        }
        analysis.publishVocabulary();
        titles.finish();
    }

    private void commit() throws IOException {
        writer.setLiveCommitData(Map.of(SEQUENCE_KEY, Long.toString(applied), SCHEMA_KEY, SCHEMA_VERSION)
                .entrySet());
        writer.commit();
        committed = applied;
        lastCommitNanos = System.nanoTime();
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(30, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
        lock.lock();
        try {
            commit();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Final index commit failed; the index catches up on the next open", e);
        } finally {
            lock.unlock();
        }
    }
}
