package org.kcskb.search.spi;

import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.kcskb.StorageException;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleId;
import org.kcskb.store.spi.ArticleStore;
import org.kcskb.store.spi.Change;
import org.kcskb.transfer.TransferListener;
import org.kcskb.transfer.TransferProgress;
import org.kcskb.vocabulary.Vocabulary;

/**
 * Keeps one search index in step with the store's change feed, through the engine's {@link SearchIndexWriter}: the
 * orchestration that every engine shares, so that an engine implements only the writes.
 *
 * <p>It polls the feed every fifth of the refresh interval and applies the changes it finds (re-indexing an article
 * whose content changed, updating only the signals of one whose signals changed, deleting one that is gone or no
 * longer {@linkplain Builder#admits admitted}), then refreshes: at least once per refresh interval, even under a
 * steady stream of writes. It commits with the last applied sequence number and the store's identity every few
 * seconds and on close, so that after a crash the index reopens behind the store, never ahead, and catches up from
 * there. An index that is of another schema, ahead of its store, built from another store, or behind the store's
 * trimmed feed is rebuilt from the store on opening.
 *
 * <p>Failures are contained. A failing store is retried with the writer kept. A failing index ({@link
 * SearchIndexException.Kind#BROKEN}) is rolled back to its last commit and reopened, and the changes since are
 * applied again, while searches keep what they saw until the reopened index has caught up. A corrupt index ({@link
 * SearchIndexException.Kind#CORRUPT}) is rebuilt from the store. Retries back off from the poll period to 5 s. Each
 * episode is logged once as a warning, and once more when it is over.
 *
 * <p>All its work runs on the scheduler its creator passes, serialised: never two tasks at once, even on a pool of
 * many threads, and never on a caller's thread, so that a caller's interrupt never reaches the index. A caller that
 * waits ({@link Builder#open}, {@link #rebuild}, {@link #awaitSearchable}) and is interrupted stops waiting; the work
 * goes on. The follower does not shut the scheduler down. Thread-safe.
 *
 * <pre>{@code
 * ChangeFeedFollower follower = ChangeFeedFollower.builder(store, writer, scheduler)
 *         .description("the search index 'main' in memory")
 *         .refreshInterval(Duration.ofSeconds(1))
 *         .open();
 * follower.awaitSearchable(store.lastSequence(), Duration.ofSeconds(5));
 * follower.close();
 * }</pre>
 */
public final class ChangeFeedFollower implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ChangeFeedFollower.class.getName());
    /** How many feed entries and article ids are read per call to the store. */
    private static final int BATCH = 1_000;

    private static final long COMMIT_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** After a failure, the next attempt waits at most this long (doubling from the poll period). */
    private static final long MAX_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** How long {@link #close} waits for the follower's work to finish and commit, then to give up. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private static final Duration ABANDON_WAIT = Duration.ofSeconds(5);

    private final String description;
    private final ArticleStore store;
    private final Predicate<Article> admits;
    private final SearchIndexWriter writer;
    private final ScheduledExecutorService scheduler;
    private final SerialTasks tasks;
    private final long periodMillis;
    private final long refreshNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition advanced = lock.newCondition();
    /** Whether a poll is queued and has not started: nudges and the period coalesce into it. */
    private final AtomicBoolean pollQueued = new AtomicBoolean();

    // The fields below without volatile are read and written by the follower's tasks only.
    private String storeId = "";
    /** Whether the writer is open: false after a rollback, until it is reopened or recreated. */
    private boolean writerOpen;
    /**
     * Whether the writer was reopened behind what searches see and has not been refreshed with {@code caughtUp}
     * since: it is refreshed on every poll until it has.
     */
    private boolean stale;
    /** The newest change written to the index. */
    private long applied;

    private long committed;
    private long lastCommitNanos = System.nanoTime();
    /** Set when the index was found corrupt while following: it is rebuilt from the store on the next attempt. */
    private boolean rebuildNeeded;
    /** Hears the rebuild in progress ({@link #rebuild(TransferListener)}); only on the tasks. */
    private TransferListener rebuildListener;

    private int failures;
    private long retryAtNanos = System.nanoTime();
    private volatile ScheduledFuture<?> polling;

    /** The newest change visible to searches. */
    private volatile long searchable;
    /** The failure of the current episode, null when the last attempt succeeded. */
    private volatile RuntimeException failure;

    private volatile boolean closing;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ChangeFeedFollower(
            String description,
            ArticleStore store,
            Predicate<Article> admits,
            SearchIndexWriter writer,
            ScheduledExecutorService scheduler,
            Duration refreshInterval) {
        this.description = description;
        this.store = store;
        this.admits = admits;
        this.writer = writer;
        this.scheduler = scheduler;
        this.tasks = new SerialTasks(scheduler);
        this.periodMillis = Math.max(10, refreshInterval.toMillis() / 5);
        this.refreshNanos = refreshInterval.toNanos();
    }

    /**
     * Starts describing a follower.
     *
     * @param store the store whose change feed the index follows
     * @param writer the index's writer; the follower owns it from {@link Builder#open()} on, and closes it
     * @param scheduler where the follower's work runs, serialised; a single thread or a pool shared with others
     *     (the follower never blocks it for longer than one poll, one refresh interval of applying at most, or one
     *     rebuild)
     */
    public static Builder builder(ArticleStore store, SearchIndexWriter writer, ScheduledExecutorService scheduler) {
        return new Builder(store, writer, scheduler);
    }

    /** Describes a follower; each option may be set once. Not thread-safe. */
    public static final class Builder {
        private final ArticleStore store;
        private final SearchIndexWriter writer;
        private final ScheduledExecutorService scheduler;
        private String description;
        private Predicate<Article> admits;
        private Duration refreshInterval;
        private boolean opened;

        private Builder(ArticleStore store, SearchIndexWriter writer, ScheduledExecutorService scheduler) {
            this.store = Objects.requireNonNull(store, "store");
            this.writer = Objects.requireNonNull(writer, "writer");
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        }

        /** Names the index in messages and logs, e.g. "the search index 'main' at /var/kb"; default "the search index". */
        public Builder description(String description) {
            Objects.requireNonNull(description, "description");
            if (this.description != null) {
                throw new IllegalStateException("description was already set to '" + this.description + "'");
            }
            if (description.isBlank()) {
                throw new IllegalArgumentException("description must not be blank");
            }
            this.description = description;
            return this;
        }

        /**
         * Which articles the index holds (e.g. only what the anonymous public may see); default all. An article it
         * does not admit (any more) is {@linkplain SearchIndexWriter#delete deleted} from the index, and never given
         * to the writer. It must be a pure function of the article.
         */
        public Builder admits(Predicate<Article> admits) {
            Objects.requireNonNull(admits, "admits");
            if (this.admits != null) {
                throw new IllegalStateException("admits was already set");
            }
            this.admits = admits;
            return this;
        }

        /** How soon a committed change must become searchable; positive, default 1 s. */
        public Builder refreshInterval(Duration refreshInterval) {
            Objects.requireNonNull(refreshInterval, "refreshInterval");
            if (this.refreshInterval != null) {
                throw new IllegalStateException("refreshInterval was already set to " + this.refreshInterval);
            }
            if (refreshInterval.isNegative() || refreshInterval.isZero()) {
                throw new IllegalArgumentException("refreshInterval must be positive, was " + refreshInterval);
            }
            this.refreshInterval = refreshInterval;
            return this;
        }

        /**
         * Opens the index on the scheduler, waiting for it: rebuilds it from the store if it is corrupt, of another
         * schema, ahead of the store, of another store or behind the store's trimmed feed, or else {@linkplain
         * SearchIndexWriter#load loads} the store's articles into the writer; then makes it searchable and starts
         * following the feed. May be called once. On any failure the writer is rolled back and closed before the
         * exception is thrown.
         *
         * @throws StorageException if the index cannot be opened, or the caller was interrupted meanwhile
         * @throws IllegalStateException if this builder opened a follower already
         */
        public ChangeFeedFollower open() {
            if (opened) {
                throw new IllegalStateException("This builder opened a follower already; the writer belongs to it");
            }
            opened = true;
            var follower = new ChangeFeedFollower(
                    Objects.requireNonNullElse(description, "the search index"),
                    store,
                    Objects.requireNonNullElse(admits, article -> true),
                    writer,
                    scheduler,
                    Objects.requireNonNullElse(refreshInterval, Duration.ofSeconds(1)));
            follower.start();
            return follower;
        }
    }

    // ---- Opening ---------------------------------------------------------------------------------------------

    private void start() {
        try {
            await(tasks.submit(() -> {
                openNow();
                return null;
            }));
        } catch (RuntimeException e) {
            closing = true;
            // Queued behind the opening, so that it runs after it even if the caller was interrupted meanwhile.
            CompletableFuture<Void> released = tasks.closeWith(() -> {
                writer.rollback();
                writer.close();
                return null;
            });
            awaitQuietly(released, CLOSE_WAIT);
            closed.set(true);
            throw e;
        }
        polling =
                scheduler.scheduleWithFixedDelay(this::requestPoll, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    private void openNow() {
        try {
            storeId = store.storeId();
            boolean rebuild;
            try {
                SearchIndexWriter.Committed state = writer.open();
                writerOpen = true;
                giveVocabulary();
                long indexed = state.sequence();
                applied = indexed;
                committed = indexed;
                lastCommitNanos = System.nanoTime();
                long storeSequence = store.lastSequence();
                String recordedStore = state.storeId();
                rebuild = !state.compatible() || indexed > storeSequence || behindTheFeed(indexed);
                if (!recordedStore.isEmpty() && !storeId.isEmpty() && !recordedStore.equals(storeId)) {
                    LOG.log(
                            System.Logger.Level.WARNING,
                            () -> description + " was built from the store " + recordedStore
                                    + ", not from the store it now follows (" + storeId
                                    + "); rebuilding it from the store");
                    rebuild = true;
                } else if (indexed > storeSequence) {
                    LOG.log(
                            System.Logger.Level.WARNING,
                            () -> description + " is ahead of its store (sequence " + indexed + " > " + storeSequence
                                    + ": a restored or another store); rebuilding it from the store");
                }
            } catch (SearchIndexException e) {
                if (e.kind() != SearchIndexException.Kind.CORRUPT) {
                    throw e;
                }
                LOG.log(
                        System.Logger.Level.WARNING,
                        description + " is corrupt (" + e.getMessage() + "); rebuilding it from the store",
                        e);
                rollback();
                recreate();
                rebuild = true;
            }
            if (rebuild) {
                rebuildNow();
            } else {
                if (applied > 0) {
                    writer.load(admitted(), store.lastSequence());
                }
                publish();
            }
        } catch (RuntimeException | Error e) {
            rollback();
            throw e;
        }
    }

    /**
     * Whether the store's retention removed feed entries after {@code sequence}: then the changes they carried can
     * only be had by rebuilding from the articles ({@link ArticleStore#oldestSequence()}).
     */
    private boolean behindTheFeed(long sequence) {
        long oldest = store.oldestSequence();
        if (sequence >= oldest - 1) {
            return false;
        }
        LOG.log(
                System.Logger.Level.WARNING,
                () -> description + " has applied the change feed up to " + sequence + ", but the store keeps it"
                        + " only from " + oldest + " on (retention removed the rest); rebuilding it from the store");
        return true;
    }

    // ---- Following -------------------------------------------------------------------------------------------

    /** Returns the sequence number of the newest store change that searches see. */
    public long searchableSequence() {
        return searchable;
    }

    /**
     * Waits until the changes up to {@code sequence} are searchable, nudging the follower instead of waiting for its
     * next poll.
     *
     * @return whether they became searchable within {@code timeout}; false also when the caller was interrupted
     *     (its interrupt status is kept) or the follower is closed
     * @throws StorageException the failure of the current episode, when the follower is failing
     */
    public boolean awaitSearchable(long sequence, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        long deadline = System.nanoTime() + timeout.toNanos();
        if (searchable >= sequence) {
            return true;
        }
        requestPoll();
        lock.lock();
        try {
            while (searchable < sequence) {
                RuntimeException current = failure;
                if (current != null) {
                    throw current;
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

    /** Queues a poll unless one is queued already. */
    private void requestPoll() {
        if (!pollQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            tasks.execute(() -> {
                pollQueued.set(false);
                pollSafely();
            });
        } catch (RejectedExecutionException e) {
            // Closing: the answer is whatever has been reached.
            pollQueued.set(false);
        }
    }

    private void pollSafely() {
        if (closing || System.nanoTime() - retryAtNanos < 0) {
            return;
        }
        try {
            if (!writerOpen || rebuildNeeded) {
                recover();
            }
            poll();
            if (failure != null) {
                LOG.log(
                        System.Logger.Level.INFO,
                        () -> description + " follows the store again, after: " + failure.getMessage());
            }
            failure = null;
            failures = 0;
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    /** Records a failure: logged once per episode, the writer given up if the index failed, and a back-off. */
    private void failed(RuntimeException e) {
        boolean first = failure == null;
        failure = e instanceof StorageException s && !(e instanceof SearchIndexException)
                ? s
                : new StorageException(description + " could not apply the store's changes: " + e.getMessage(), e);
        // A store's failure is a StorageException; anything else the writer threw, or a writer that is not open,
        // means that it may hold changes it could not write: it is rolled back.
        boolean indexFailed = !(e instanceof StorageException) || e instanceof SearchIndexException || !writerOpen;
        if (corrupt(e)) {
            rebuildNeeded = true;
        }
        if (first) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    description + (indexFailed ? " failed writing the index" : " could not read the store's changes")
                            + " (" + e + "); retrying, searches see the index as it was"
                            + (rebuildNeeded ? ", and it is rebuilt from the store" : ""),
                    e);
        } else {
            LOG.log(System.Logger.Level.DEBUG, description + " still failing", e);
        }
        if (indexFailed) {
            rollback();
        }
        failures = Math.min(failures + 1, 20);
        long backoff = Math.min(MAX_BACKOFF_NANOS, TimeUnit.MILLISECONDS.toNanos(periodMillis) << (failures - 1));
        retryAtNanos = System.nanoTime() + backoff;
    }

    private static boolean corrupt(Throwable failure) {
        return failure instanceof SearchIndexException e && e.kind() == SearchIndexException.Kind.CORRUPT;
    }

    /**
     * Reopens the writer at its last commit after a failure (the changes since are applied again), or rebuilds the
     * index from the store when it is corrupt.
     *
     * @return whether it rebuilt the index
     */
    private boolean recover() {
        rollback();
        if (!rebuildNeeded) {
            try {
                long sequence = writer.reopen();
                writerOpen = true;
                giveVocabulary();
                applied = sequence;
                committed = sequence;
                lastCommitNanos = System.nanoTime();
                stale = true;
                return false;
            } catch (SearchIndexException e) {
                if (e.kind() != SearchIndexException.Kind.CORRUPT) {
                    throw e;
                }
                rollback();
                // Within an episode already logged, once is enough.
                LOG.log(
                        failure == null ? System.Logger.Level.WARNING : System.Logger.Level.DEBUG,
                        description + " is corrupt (" + e.getMessage() + "); rebuilding it from the store",
                        e);
                rebuildNeeded = true;
            }
        }
        recreate();
        rebuildNow();
        rebuildNeeded = false;
        return true;
    }

    private void recreate() {
        writer.recreate();
        writerOpen = true;
        applied = 0;
        committed = 0;
        lastCommitNanos = System.nanoTime();
        stale = true;
    }

    /** Rolls the writer back to its last commit; never throws. */
    private void rollback() {
        writerOpen = false;
        writer.rollback();
    }

    private void poll() {
        // Up to the changes there were when the poll began, and for one refresh interval at most: under a steady
        // stream of writes (views, votes) the feed is never drained, and what was applied must still become
        // searchable and be committed.
        long target = store.lastSequence();
        long deadline = System.nanoTime() + refreshNanos;
        boolean changed = false;
        List<Change> changes;
        while (applied < target
                && System.nanoTime() - deadline < 0
                && !(changes = store.changesAfter(applied, BATCH)).isEmpty()) {
            if (changes.getFirst().sequence() != applied + 1 && behindTheFeed(applied)) {
                rebuildNow();
                return;
            }
            apply(changes);
            applied = changes.getLast().sequence();
            changed = true;
        }
        if (changed || stale) {
            publish();
        }
        if (applied > committed && System.nanoTime() - lastCommitNanos > COMMIT_INTERVAL_NANOS) {
            commit();
        }
    }

    private void apply(List<Change> changes) {
        // Collapse the batch per article: a content change re-indexes (with current signals), a signal-only change
        // updates the signals in place.
        Map<ArticleId, Boolean> contentChanged = new LinkedHashMap<>();
        Map<ArticleId, Long> lastSequence = new HashMap<>();
        boolean vocabularyChanged = false;
        for (Change change : changes) {
            if (change.kind() == Change.Kind.VOCABULARY) {
                vocabularyChanged = true;
                continue;
            }
            if (change.kind() == Change.Kind.NOTICE) {
                continue; // Notices are the knowledge base's, not the index's.
            }
            contentChanged.merge(change.articleId(), change.kind() == Change.Kind.CONTENT, Boolean::logicalOr);
            lastSequence.merge(change.articleId(), change.sequence(), Math::max);
        }
        for (var entry : contentChanged.entrySet()) {
            ArticleId id = entry.getKey();
            long sequence = lastSequence.get(id);
            Optional<Article> stored = store.article(id);
            // An article the index does not admit (any more) is gone from it, as a deleted one is.
            Optional<Article> article = stored.filter(admits);
            if (article.isEmpty()) {
                writer.delete(id, stored.isEmpty(), sequence);
            } else if (entry.getValue()) {
                writer.index(article.get(), sequence);
            } else {
                writer.updateSignals(article.get(), sequence);
            }
        }
        if (vocabularyChanged) {
            giveVocabulary();
        }
    }

    /** Gives the writer the vocabulary the store holds now (query-time state, not part of the index). */
    private void giveVocabulary() {
        writer.vocabulary(new Vocabulary(store.vocabulary()));
    }

    /**
     * Makes what was applied searchable. A reopened index replaces what searches see only once it has caught up
     * with it, so that recovering never takes back what was searchable.
     */
    private void publish() {
        boolean caughtUp = applied >= searchable;
        writer.refresh(caughtUp);
        if (!caughtUp) {
            return;
        }
        stale = false;
        lock.lock();
        try {
            searchable = applied;
            advanced.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void commit() {
        writer.commit(applied, storeId);
        committed = applied;
        lastCommitNanos = System.nanoTime();
    }

    // ---- Rebuilding ------------------------------------------------------------------------------------------

    /**
     * Replaces the whole index with the store's admitted articles, waiting for it; searches see the old index until
     * the new one is complete and committed.
     *
     * @throws StorageException if the rebuild failed (the index stays as it was and goes on following the store),
     *     or the caller was interrupted while waiting (the rebuild goes on)
     * @throws IllegalStateException if the follower is closed
     */
    public void rebuild() {
        submitRebuild(null);
    }

    /**
     * Rebuilds as {@link #rebuild()} does, reporting to {@code listener} on the follower's thread: first the number of
     * the store's articles as the total with none done (before the engine {@linkplain SearchIndexWriter#load loads}
     * them), then, every {@value #BATCH} articles of the indexing pass, how many were read (admitted or not), and
     * last every article done, just before the new index is swapped in. An exception the listener throws stops the
     * rebuild: the index stays as it was.
     *
     * @throws StorageException if the rebuild failed or the listener threw, or the caller was interrupted while
     *     waiting (the rebuild goes on)
     * @throws IllegalStateException if the follower is closed
     */
    public void rebuild(TransferListener listener) {
        submitRebuild(Objects.requireNonNull(listener, "listener"));
    }

    /** Rebuilds on the tasks and waits; {@code listener} is null for none (then the articles are not counted). */
    private void submitRebuild(TransferListener listener) {
        CompletableFuture<Void> work;
        try {
            work = tasks.submit(() -> {
                rebuildListener = listener;
                try {
                    boolean rebuilt = false;
                    if (!writerOpen || rebuildNeeded) {
                        rebuilt = recover();
                    }
                    if (!rebuilt) {
                        rebuildNow();
                    }
                    return null;
                } catch (RuntimeException e) {
                    // The index is rolled back to its last commit and reopened by the next poll. The caller is told
                    // why; no warning besides.
                    rollback();
                    if (corrupt(e)) {
                        rebuildNeeded = true;
                    }
                    throw new StorageException(
                            "Rebuilding " + description + " failed (" + e.getMessage() + "); searches see the index"
                                    + " as it was, and it goes on following the store. Fix the cause and rebuild"
                                    + " again",
                            e);
                } finally {
                    rebuildListener = null;
                }
            });
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException(description + " is closed", e);
        }
        await(work);
    }

    /**
     * Gives the writer's load the store's articles, then builds the replacement aside and swaps it in. A failure
     * half-way aborts the replacement: the index and searches are as they were.
     */
    private void rebuildNow() {
        long upTo = store.lastSequence();
        RebuildProgress progress =
                rebuildListener == null ? null : new RebuildProgress(rebuildListener, countArticles());
        writer.load(admitted(), upTo);
        giveVocabulary();
        SearchIndexWriter.Rebuild replacement = writer.beginRebuild();
        boolean swapped = false;
        try {
            for (Article article : admitted(progress)) {
                replacement.add(article);
            }
            if (progress != null) {
                progress.finish();
            }
            replacement.swap(upTo, storeId);
            swapped = true;
        } finally {
            if (!swapped) {
                writerOpen = false;
                replacement.abort();
            }
        }
        // Changes after upTo are applied again by the next poll, which is harmless: applying is idempotent.
        applied = upTo;
        committed = upTo;
        lastCommitNanos = System.nanoTime();
        publish();
    }

    /** The store's admitted articles in id order, read page by page as they are iterated. */
    private Iterable<Article> admitted() {
        return admitted(null);
    }

    /** As {@link #admitted()}, telling {@code progress} (if not null) of every article read. */
    private Iterable<Article> admitted(RebuildProgress progress) {
        return () -> new Iterator<>() {
            private Optional<ArticleId> after = Optional.empty();
            private List<ArticleId> page = List.of();
            private int next;
            private boolean exhausted;
            private Article ahead;

            @Override
            public boolean hasNext() {
                while (ahead == null && !exhausted) {
                    if (next == page.size()) {
                        page = store.articleIds(after, BATCH);
                        next = 0;
                        if (page.isEmpty()) {
                            exhausted = true;
                            break;
                        }
                        after = Optional.of(page.getLast());
                    }
                    ahead = store.article(page.get(next++)).filter(admits).orElse(null);
                    if (progress != null) {
                        progress.read();
                    }
                }
                return ahead != null;
            }

            @Override
            public Article next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Article article = ahead;
                ahead = null;
                return article;
            }
        };
    }

    /** How many articles the store holds, counted page by page from their ids. */
    private long countArticles() {
        long count = 0;
        Optional<ArticleId> after = Optional.empty();
        while (true) {
            List<ArticleId> page = store.articleIds(after, BATCH);
            count += page.size();
            if (page.size() < BATCH) {
                return count;
            }
            after = Optional.of(page.getLast());
        }
    }

    /** A rebuild's progress: articles read in the indexing pass, of those the store held when it began. */
    private static final class RebuildProgress {
        private final TransferListener listener;
        private final long total;
        private long done;

        RebuildProgress(TransferListener listener, long total) {
            this.listener = listener;
            this.total = total;
            report(total);
        }

        void read() {
            done++;
            if (done % BATCH == 0) {
                // Articles captured meanwhile may be read too: the total grows with them.
                report(Math.max(total, done));
            }
        }

        /** Reports every article done: the total is what was read, as articles may have come or gone meanwhile. */
        void finish() {
            report(done);
        }

        private void report(long outOf) {
            listener.progress(new TransferProgress(done, OptionalLong.of(outOf), 0));
        }
    }

    // ---- Waiting and closing ---------------------------------------------------------------------------------

    /**
     * Waits for the follower's work. An interrupted caller stops waiting and gets an exception, while the work goes
     * on: the interrupt never reaches the index.
     */
    private <T> T await(CompletableFuture<T> work) {
        try {
            return work.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("Interrupted while waiting for " + description
                    + "; the work goes on in the background, the index is not harmed");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new StorageException(description + " failed: " + cause.getMessage(), cause);
        }
    }

    /** Waits for work at most {@code timeout}; whether it finished (failed or not). */
    private static boolean awaitQuietly(CompletableFuture<?> work, Duration timeout) {
        try {
            work.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return work.isDone();
        } catch (ExecutionException e) {
            return true;
        } catch (TimeoutException e) {
            return false;
        }
    }

    /**
     * Stops following, commits what was applied and closes the writer. Always returns, in bounded time (15 s at
     * most): if the follower's work does not finish (a store that does not answer), it is interrupted, the writer
     * is rolled back to its last commit without it, and the index catches up on the next open. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closing = true;
        if (polling != null) {
            polling.cancel(false);
        }
        CompletableFuture<Void> last = tasks.closeWith(() -> {
            closeWriter();
            return null;
        });
        if (!awaitQuietly(last, CLOSE_WAIT)) {
            tasks.interruptRunning();
            if (!awaitQuietly(last, ABANDON_WAIT)) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        () -> description + " did not stop within "
                                + CLOSE_WAIT.plus(ABANDON_WAIT).toSeconds()
                                + " s (does the store answer?); closed without a final commit, it catches up on the next"
                                + " open");
            }
            writer.rollback();
        }
        writer.close();
    }

    private void closeWriter() {
        if (!writerOpen) {
            return;
        }
        try {
            commit();
        } catch (RuntimeException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "Final commit of " + description + " failed; it catches up on the next open",
                    e);
        }
        rollback();
    }

    @Override
    public String toString() {
        return description;
    }
}
