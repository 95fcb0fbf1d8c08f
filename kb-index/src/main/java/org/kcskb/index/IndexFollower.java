package org.kcskb.index;

import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexFileNames;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.SerialMergeScheduler;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.LockObtainFailedException;
import org.kcskb.StorageException;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleId;
import org.kcskb.index.codec.KnowledgeBaseCodec;
import org.kcskb.store.ArticleStore;
import org.kcskb.store.Change;

/**
 * Keeps one index in step with the store's change feed, on the partition's own thread: every write to the index
 * (opening, applying changes, committing, rebuilding, closing) happens on that thread, so that a caller's
 * interrupt never reaches Lucene's file channels (which close on interrupt and leave the writer dead).
 *
 * <p>It polls the feed every fifth of the refresh interval and applies the changes it finds (re-indexing an
 * article whose content changed, updating only doc values when only its signals changed), then refreshes the
 * searcher: at least once per refresh interval, even under a steady stream of writes. It commits with the last
 * applied sequence number and the store's identity in the commit's user data every few seconds and on close, so
 * that after a crash the index reopens behind the store, never ahead, and catches up from there.
 *
 * <p>Failures are contained. A failing store is retried with the writer kept. A failing index (disk full, a
 * read-only folder, an interrupted channel) loses its writer: it is rolled back to its last commit and reopened,
 * and the changes since are applied again, while searches keep the searcher they had until the reopened writer
 * has caught up with it. A corrupt index is rebuilt from the store. Each episode is logged once as a warning, and
 * once more when it is over.
 */
final class IndexFollower implements AutoCloseable {
    static final String SEQUENCE_KEY = "kb.sequence";
    static final String SCHEMA_KEY = "kb.schema";
    /** The {@link ArticleStore#storeId() identity} of the store the index follows; empty when unknown. */
    static final String STORE_KEY = "kb.store";
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
    /** After a failure, the next attempt waits at most this long (doubling from the poll period). */
    private static final long MAX_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** How long {@link #close} waits for the thread to finish its work and commit, then to give up. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private static final Duration ABANDON_WAIT = Duration.ofSeconds(5);

    private final String description;
    private final ArticleStore store;
    private final Predicate<Article> admits;
    private final Directory directory;
    private final Analysis analysis;
    private final Suggestions suggestions;
    private final ScheduledExecutorService thread;
    private final long periodMillis;
    private final long refreshNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition advanced = lock.newCondition();
    /**
     * Whether an article that leaves the index is merged away before the refresh that hides it: a deleted document
     * counts in Lucene's statistics (document frequencies, lengths) until a merge, so without this the scores of what
     * stays would tell that it was there ({@link IndexPartition#open}).
     */
    private final boolean expungeDeletes;
    /** Whether the changes applied since the last refresh deleted an article the index held; follower thread only. */
    private boolean removed;
    /** Whether an article that left the index took words out of the vocabulary since the last refresh. */
    private boolean unlearned;
    /**
     * The articles written since the last refresh, which the writer's searchers cannot see yet: whether the index
     * holds each now, and the text it taught the vocabulary. Follower thread only.
     */
    private final Map<ArticleId, Held> sinceRefresh = new HashMap<>();
    /**
     * The vocabulary was learned from the store's articles as they were at this change (on opening, on rebuilding):
     * applying a change up to it again must neither learn nor unlearn.
     */
    private long learnedUpTo;

    // Written on the follower's thread only; volatile for close(), which takes over when the thread hangs.
    private volatile IndexWriter writer;
    private volatile SearcherManager writerSearchers;
    private String storeId = "";
    /** The newest change written to the index writer. */
    private long applied;

    private long committed;
    private long lastCommitNanos = System.nanoTime();
    /** Set when the index was found corrupt while following: it is rebuilt from the store on the next attempt. */
    private boolean rebuildNeeded;

    /** The newest reader version searches have seen. */
    private long servedVersion;

    private int failures;
    private long retryAtNanos;

    /** The searchers searches use: the writer's, or, while a reopened writer catches up, the ones before. */
    private volatile SearcherManager served;
    /** The newest change visible to searches. */
    private volatile long searchable;
    /** The failure of the current episode, null when the last attempt succeeded. */
    private volatile RuntimeException failure;

    private volatile boolean closing;

    IndexFollower(
            String description,
            ArticleStore store,
            Predicate<Article> admits,
            Directory directory,
            Analysis analysis,
            Suggestions suggestions,
            Duration refreshInterval,
            boolean expungeDeletes) {
        this.description = description;
        this.expungeDeletes = expungeDeletes;
        this.store = store;
        this.admits = admits;
        this.directory = directory;
        this.analysis = analysis;
        this.suggestions = suggestions;
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            var t = new Thread(runnable, "kb-index-follower");
            t.setDaemon(true);
            return t;
        });
        this.periodMillis = Math.max(10, refreshInterval.toMillis() / 5);
        this.refreshNanos = refreshInterval.toNanos();
        this.retryAtNanos = System.nanoTime();
    }

    // ---- Opening ---------------------------------------------------------------------------------------------

    /**
     * Opens the index on the follower's thread, rebuilds it if it is corrupt, of another schema or of another
     * store, or else learns the vocabulary from the store, then starts following the feed. On any failure
     * everything is released (the writer and its lock, the thread) before the exception is thrown.
     *
     * @throws StorageException if the index cannot be opened, or the caller was interrupted meanwhile
     */
    void open() {
        try {
            await(thread.submit(() -> {
                openNow();
                return null;
            }));
        } catch (RuntimeException e) {
            // Queued behind the opening, so that it runs after it even if the caller was interrupted meanwhile.
            thread.execute(() -> {
                discardWriter();
                closeQuietly(served);
            });
            thread.shutdown();
            awaitTermination(CLOSE_WAIT);
            throw e;
        }
        thread.scheduleWithFixedDelay(this::pollSafely, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    private void openNow() throws IOException {
        try {
            storeId = store.storeId();
            boolean rebuild;
            try {
                Map<String, String> commitData = DirectoryReader.indexExists(directory)
                        ? SegmentInfos.readLatestCommit(directory).getUserData()
                        : Map.of();
                boolean schemaMatches = SCHEMA_VERSION.equals(commitData.getOrDefault(SCHEMA_KEY, SCHEMA_VERSION));
                // An index of another schema is replaced, not appended to: Lucene refuses to append to segments
                // of another index sort (and to fields of other options), and it is rebuilt anyway.
                long indexed = openWriter(
                        schemaMatches
                                ? IndexWriterConfig.OpenMode.CREATE_OR_APPEND
                                : IndexWriterConfig.OpenMode.CREATE);
                checkIntegrity();
                long storeSequence = store.lastSequence();
                String recordedStore = commitData.getOrDefault(STORE_KEY, "");
                rebuild = !schemaMatches || indexed > storeSequence || behindTheFeed(indexed);
                if (!recordedStore.isEmpty() && !storeId.isEmpty() && !recordedStore.equals(storeId)) {
                    LOG.warning(() -> description + " was built from the store " + recordedStore
                            + ", not from the store it now follows (" + storeId + "); rebuilding it from the store");
                    rebuild = true;
                } else if (indexed > storeSequence) {
                    LOG.warning(() -> description + " is ahead of its store (sequence " + indexed + " > "
                            + storeSequence + ": a restored or another store); rebuilding it from the store");
                }
            } catch (IOException | RuntimeException e) {
                if (!corrupt(e)) {
                    throw e;
                }
                LOG.log(Level.WARNING, description + " is corrupt (" + e + "); rebuilding it from the store", e);
                discardWriter();
                createEmpty();
                rebuild = true;
            }
            served = writerSearchers;
            if (rebuild) {
                rebuildNow();
            } else {
                if (applied > 0) {
                    learnAll(store.lastSequence());
                }
                publish();
            }
        } catch (IOException | RuntimeException | Error e) {
            discardWriter();
            if (e instanceof LockObtainFailedException locked) {
                throw new StorageException(
                        description + " is locked by another knowledge base; close it first, or use another directory",
                        locked);
            }
            throw e;
        }
    }

    /**
     * Opens a writer and its searchers on the directory; applied and committed are the sequence of its commit.
     *
     * @return the sequence recorded in the index's last commit (0 for a new index)
     */
    private long openWriter(IndexWriterConfig.OpenMode mode) throws IOException {
        var config = new IndexWriterConfig(analysis.indexAnalyzer())
                .setSimilarity(LuceneSearchEngine.SIMILARITY)
                .setCodec(new KnowledgeBaseCodec())
                // Segments in article id order: ties in score are decided by doc id (TopHits).
                .setIndexSort(TopHits.INDEX_SORT)
                .setOpenMode(mode)
                .setCommitOnClose(false);
        if (expungeDeletes) {
            var merges = new TieredMergePolicy();
            // Every deleted document is merged away when deletes are expunged, not only above 10 % per segment.
            merges.setForceMergeDeletesPctAllowed(0);
            config.setMergePolicy(merges);
            // Merges on the follower's thread: with concurrent merges, forceMergeDeletes returns at once when a
            // merge that a flush started already holds the segment, and the refresh after it still sees the
            // deleted document (measured: 1 of 2 documents still counted).
            config.setMergeScheduler(new SerialMergeScheduler());
        }
        var opened = new IndexWriter(directory, config);
        try {
            // Readers of a reopened or recreated index must not repeat a version that searches have seen: the
            // result cache is keyed by it, and would answer from the index as it was.
            if (servedVersion > 0) {
                opened.advanceSegmentInfosVersion(servedVersion + 1);
            }
            writerSearchers = new SearcherManager(opened, new SearcherFactory() {
                @Override
                public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) {
                    var searcher = new IndexSearcher(reader);
                    searcher.setSimilarity(LuceneSearchEngine.SIMILARITY);
                    return searcher;
                }
            });
        } catch (IOException | RuntimeException e) {
            opened.rollback();
            throw e;
        }
        writer = opened;
        long sequence = mode == IndexWriterConfig.OpenMode.CREATE
                ? 0
                : Long.parseLong(Optional.ofNullable(opened.getLiveCommitData())
                        .map(data -> {
                            for (var entry : data) {
                                if (entry.getKey().equals(SEQUENCE_KEY)) {
                                    return entry.getValue();
                                }
                            }
                            return "0";
                        })
                        .orElse("0"));
        applied = sequence;
        committed = sequence;
        lastCommitNanos = System.nanoTime();
        return sequence;
    }

    /**
     * Reads every file of the opened index against its checksum: a file garbled in the middle is otherwise found
     * only when a search or a merge reads that part, long after the store could have rebuilt it.
     */
    private void checkIntegrity() throws IOException {
        IndexSearcher searcher = writerSearchers.acquire();
        try {
            for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
                leaf.reader().checkIntegrity();
            }
        } finally {
            writerSearchers.release(searcher);
        }
    }

    /**
     * Opens a new, empty index in place of a corrupt one. Its files are deleted first: Lucene reads the last commit
     * even to replace it, and fails deleting the files of a commit that are missing.
     */
    private void createEmpty() throws IOException {
        for (String file : directory.listAll()) {
            if (file.startsWith(IndexFileNames.SEGMENTS)
                    || file.startsWith(IndexFileNames.PENDING_SEGMENTS)
                    || IndexFileNames.CODEC_FILE_PATTERN.matcher(file).matches()) {
                try {
                    directory.deleteFile(file);
                } catch (NoSuchFileException | FileNotFoundException e) {
                    // Deleted meanwhile: what we wanted.
                }
            }
        }
        openWriter(IndexWriterConfig.OpenMode.CREATE);
    }

    /** Whether a failure says that the index's files are damaged or missing, rather than unreadable for now. */
    static boolean corrupt(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CorruptIndexException
                    || t instanceof IndexFormatTooOldException
                    || t instanceof IndexFormatTooNewException
                    || t instanceof NoSuchFileException
                    || t instanceof FileNotFoundException
                    || t instanceof EOFException) {
                return true;
            }
        }
        return false;
    }

    // ---- Following -------------------------------------------------------------------------------------------

    long searchableSequence() {
        return searchable;
    }

    /** Returns a searcher over what is searchable; release it by decrementing its reader's reference. */
    IndexSearcher acquire() throws IOException {
        while (true) {
            SearcherManager current = served;
            try {
                return current.acquire();
            } catch (AlreadyClosedException e) {
                // Replaced by a reopened writer's searchers meanwhile: take those.
                if (current == served) {
                    throw e;
                }
            }
        }
    }

    /** Waits until {@code sequence} is searchable, nudging the follower instead of waiting for its next poll. */
    boolean awaitSearchable(long sequence, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        if (searchable >= sequence) {
            return true;
        }
        try {
            thread.execute(this::pollSafely);
        } catch (RejectedExecutionException e) {
            // Closing: the answer is whatever has been reached.
        }
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

    private void pollSafely() {
        if (closing || System.nanoTime() - retryAtNanos < 0) {
            return;
        }
        try {
            if (writer == null || rebuildNeeded) {
                recover();
            }
            poll();
            if (failure != null) {
                LOG.info(() -> description + " follows the store again, after: " + failure.getMessage());
            }
            failure = null;
            failures = 0;
        } catch (IOException | RuntimeException e) {
            failed(e);
        }
    }

    /** Records a failure: logged once per episode, the writer given up if the index failed, and a back-off. */
    private void failed(Exception e) {
        boolean first = failure == null;
        failure = e instanceof StorageException s
                ? s
                : new StorageException(description + " could not apply the store's changes: " + e, e);
        boolean indexFailed = indexFailure(e);
        if (corrupt(e)) {
            rebuildNeeded = true;
        }
        if (first) {
            LOG.log(
                    Level.WARNING,
                    description + (indexFailed ? " failed writing the index" : " could not read the store's changes")
                            + " (" + e + "); retrying, searches see the index as it was"
                            + (rebuildNeeded ? ", and it is rebuilt from the store" : ""),
                    e);
        } else {
            LOG.log(Level.FINE, description + " still failing", e);
        }
        if (indexFailed) {
            discardWriter();
        }
        failures = Math.min(failures + 1, 20);
        long backoff = Math.min(MAX_BACKOFF_NANOS, TimeUnit.MILLISECONDS.toNanos(periodMillis) << (failures - 1));
        retryAtNanos = System.nanoTime() + backoff;
    }

    /**
     * Whether a failure came from the index rather than from the store, whose failures are {@link
     * StorageException}s: the writer may be dead or hold changes it could not write, so it is rolled back.
     */
    private boolean indexFailure(Exception e) {
        IndexWriter current = writer;
        return !(e instanceof StorageException)
                || current == null
                || !current.isOpen()
                || current.getTragicException() != null;
    }

    /**
     * Reopens the writer at its last commit after a failure (the changes since are applied again), or rebuilds
     * the index from the store when it is corrupt.
     */
    private void recover() throws IOException {
        discardWriter();
        if (!rebuildNeeded) {
            try {
                openWriter(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
                return;
            } catch (IOException | RuntimeException e) {
                if (!corrupt(e)) {
                    throw e;
                }
                discardWriter();
                // Within an episode already logged, once is enough.
                LOG.log(
                        failure == null ? Level.WARNING : Level.FINE,
                        description + " is corrupt (" + e + "); rebuilding it from the store",
                        e);
                rebuildNeeded = true;
            }
        }
        createEmpty();
        rebuildNow();
        rebuildNeeded = false;
    }

    /** Rolls the writer back to its last commit and closes it, releasing its lock; never throws. */
    private void discardWriter() {
        IndexWriter current = writer;
        SearcherManager searchers = writerSearchers;
        writer = null;
        writerSearchers = null;
        sinceRefresh.clear();
        if (searchers != null && searchers != served) {
            closeQuietly(searchers);
        }
        if (current != null) {
            try {
                current.rollback();
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.FINE, "Rolling back the writer of " + description + " failed", e);
            }
        }
    }

    private void poll() throws IOException {
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
        if (changed || served != writerSearchers) {
            publish();
        }
        if (applied > committed && System.nanoTime() - lastCommitNanos > COMMIT_INTERVAL_NANOS) {
            commit();
        }
    }

    /**
     * Makes what was applied searchable. A reopened writer's searchers replace the ones searches use only once
     * they have caught up with them, so that recovering never takes back what was searchable.
     */
    private void publish() throws IOException {
        if (expungeDeletes && removed) {
            writer.forceMergeDeletes(true);
        }
        removed = false;
        if (unlearned) {
            // Queries are split with the vocabulary's snapshot, which follows learning within a second: the words
            // of an article that left must be gone from it by the time searches no longer find the article.
            analysis.publishVocabulary();
            unlearned = false;
        }
        writerSearchers.maybeRefreshBlocking();
        sinceRefresh.clear();
        if (served != writerSearchers) {
            if (applied < searchable) {
                return;
            }
            SearcherManager old = served;
            served = writerSearchers;
            closeQuietly(old);
        }
        IndexSearcher current = served.acquire();
        try {
            servedVersion = Math.max(servedVersion, ((DirectoryReader) current.getIndexReader()).getVersion());
        } finally {
            served.release(current);
        }
        lock.lock();
        try {
            searchable = applied;
            advanced.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void apply(List<Change> changes) throws IOException {
        // Collapse the batch per article: a content change re-indexes (with current signals), a signal-only
        // change updates doc values in place.
        Map<ArticleId, Boolean> contentChanged = new LinkedHashMap<>();
        Map<ArticleId, Long> lastSequence = new HashMap<>();
        for (Change change : changes) {
            contentChanged.merge(change.articleId(), change.kind() == Change.Kind.CONTENT, Boolean::logicalOr);
            lastSequence.merge(change.articleId(), change.sequence(), Math::max);
        }
        for (var entry : contentChanged.entrySet()) {
            ArticleId articleId = entry.getKey();
            Term id = new Term(ArticleFields.ID, articleId.value());
            // Learned from the store as it was after this change already (opened or rebuilt since).
            boolean learn = lastSequence.get(articleId) > learnedUpTo;
            // An article the partition does not admit (any more) is gone from it, as a deleted one is.
            Optional<Article> stored = store.article(articleId);
            Optional<Article> article = stored.filter(admits);
            if (article.isEmpty()) {
                Held held = held(articleId, id);
                if (held.present()) {
                    writer.deleteDocuments(id);
                    removed = true;
                    if (learn && !held.learned().isEmpty()) {
                        analysis.unlearn(held.learned());
                        unlearned = true;
                    }
                }
                sinceRefresh.put(articleId, Held.ABSENT);
                if (stored.isEmpty()) {
                    suggestions.remove(articleId);
                } else {
                    // Still in the store: the answers it gave come back with it (purged articles are deleted).
                    suggestions.leave(articleId);
                }
            } else if (entry.getValue()) {
                if (learn) {
                    // What the article's previous version taught the vocabulary goes with it: words of an article
                    // that left (or of a revision that is gone) must not go on splitting others.
                    analysis.unlearn(held(articleId, id).learned());
                    String text = learnedText(article.get());
                    analysis.learn(ArticleDocuments.languageKey(article.get()), text);
                }
                index(article.get());
                sinceRefresh.put(articleId, new Held(true, learnedBy(article.get())));
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

    /** Writes the article's document; its words were learned before (analysis splits with them). */
    private void index(Article article) throws IOException {
        writer.updateDocument(
                new Term(ArticleFields.ID, article.id().value()),
                ArticleDocuments.toDocument(article, analysis.indexAnalyzer()));
    }

    /** The text an article teaches the vocabulary. */
    private static String learnedText(Article article) {
        return article.title() + "\n" + article.issue() + "\n" + article.resolution();
    }

    /** The text an article taught the vocabulary: its {@link #learnedText}, when it is German; else empty. */
    private static String learnedBy(Article article) {
        return ArticleFields.GERMAN.equals(ArticleDocuments.languageKey(article)) ? learnedText(article) : "";
    }

    /**
     * Whether the index holds the article now, and what its document taught the vocabulary (read back from the
     * document's stored text; empty when it is not German).
     */
    private Held held(ArticleId articleId, Term id) throws IOException {
        Held held = sinceRefresh.get(articleId);
        if (held != null) {
            return held;
        }
        IndexSearcher searcher = writerSearchers.acquire();
        try {
            TopDocs top = searcher.search(new TermQuery(id), 1);
            if (top.scoreDocs.length == 0) {
                return Held.ABSENT;
            }
            Document doc = searcher.storedFields().document(top.scoreDocs[0].doc);
            String key = ArticleFields.languageKey(Locale.forLanguageTag(doc.get(ArticleFields.LANGUAGE)));
            if (!ArticleFields.GERMAN.equals(key)) {
                return new Held(true, "");
            }
            return new Held(
                    true,
                    Objects.toString(doc.get(ArticleFields.STORED_TITLE), "") + "\n"
                            + Objects.toString(doc.get(ArticleFields.field(ArticleFields.ISSUE, key)), "") + "\n"
                            + Objects.toString(doc.get(ArticleFields.field(ArticleFields.RESOLUTION, key)), ""));
        } finally {
            writerSearchers.release(searcher);
        }
    }

    /** Whether the index holds an article, and the text its document taught the vocabulary. */
    private record Held(boolean present, String learned) {
        static final Held ABSENT = new Held(false, "");
    }

    // ---- Rebuilding ------------------------------------------------------------------------------------------

    /**
     * Replaces the whole index with the store's admitted articles, on the follower's thread; searches see the old
     * index until the new one is complete and committed.
     *
     * @throws StorageException if the rebuild failed (the index stays as it was and goes on following the
     *     store), or the caller was interrupted while waiting (the rebuild goes on)
     */
    void rebuild() {
        await(thread.submit(() -> {
            try {
                if (writer == null || rebuildNeeded) {
                    recover();
                }
                if (!rebuildNeeded) {
                    rebuildNow();
                }
                return null;
            } catch (IOException | RuntimeException e) {
                // The writer is rolled back to its last commit: the articles deleted for the rebuild come back, and
                // the next poll reopens it. The caller is told why; no warning besides.
                discardWriter();
                if (corrupt(e)) {
                    rebuildNeeded = true;
                }
                throw new StorageException(
                        "Rebuilding " + description + " failed (" + e.getMessage() + "); searches see the index as"
                                + " it was, and it goes on following the store. Fix the cause and rebuild again",
                        e);
            }
        }));
    }

    /**
     * Deletes everything from the writer and indexes the store's articles, merged into one segment, then commits
     * and publishes. Until the commit, the last commit on disk and the searchers are untouched; a failure half-way
     * is undone by rolling the writer back.
     *
     * <p>A rebuild indexes every article at once, which flushes a segment per indexing buffer (four segments at
     * 100k articles), and each search pays per segment: term look-ups, scorers, the visible documents'
     * bits. One segment made a search at 100k articles about 30 % faster in the probe, for a merge that added 3 s
     * to the 25 s of loading and rebuilding them. Later changes add small segments that the merge policy folds in.
     */
    private void rebuildNow() throws IOException {
        long upTo = store.lastSequence();
        // Learned afresh from the admitted articles: what articles that left the index taught it is forgotten.
        analysis.forgetLearned();
        learnAll(upTo);
        writer.deleteAll();
        Optional<ArticleId> after = Optional.empty();
        List<ArticleId> page;
        while (!(page = store.articleIds(after, BATCH)).isEmpty()) {
            for (ArticleId id : page) {
                Optional<Article> article = store.article(id).filter(admits);
                if (article.isPresent()) {
                    index(article.get());
                }
            }
            after = Optional.of(page.getLast());
        }
        // Changes after upTo are applied again by the next poll, which is harmless: applying is idempotent.
        applied = upTo;
        writer.forceMerge(1);
        commit();
        publish();
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
        LOG.warning(() -> description + " has applied the change feed up to " + sequence + ", but the store keeps it"
                + " only from " + oldest + " on (retention removed the rest); rebuilding it from the store");
        return true;
    }

    /**
     * Feeds every admitted article's words to the analysis vocabulary (after a restart the vocabulary is empty),
     * and every title to the suggestions, which are split with the complete vocabulary.
     */
    private void learnAll(long upTo) {
        learnedUpTo = upTo;
        Suggestions.Reload titles = suggestions.reload();
        Optional<ArticleId> after = Optional.empty();
        List<ArticleId> page;
        while (!(page = store.articleIds(after, BATCH)).isEmpty()) {
            for (ArticleId id : page) {
                store.article(id).filter(admits).ifPresent(a -> {
                    analysis.learn(ArticleDocuments.languageKey(a), learnedText(a));
                    titles.add(a);
                });
            }
            after = Optional.of(page.getLast());
        }
        analysis.publishVocabulary();
        titles.finish();
    }

    private void commit() throws IOException {
        writer.setLiveCommitData(
                Map.of(SEQUENCE_KEY, Long.toString(applied), SCHEMA_KEY, SCHEMA_VERSION, STORE_KEY, storeId)
                        .entrySet());
        writer.commit();
        committed = applied;
        lastCommitNanos = System.nanoTime();
    }

    // ---- Threading -------------------------------------------------------------------------------------------

    /**
     * Waits for work on the follower's thread. An interrupted caller stops waiting and gets an exception, while
     * the work goes on: the interrupt never reaches the index's files.
     */
    private <T> T await(Future<T> work) {
        try {
            return work.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("Interrupted while waiting for " + description
                    + "; the work goes on in the background, the index is not harmed");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof StorageException s) {
                throw s;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new StorageException(description + " failed: " + cause.getMessage(), cause);
        }
    }

    private boolean awaitTermination(Duration timeout) {
        try {
            return thread.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return thread.isTerminated();
        }
    }

    private static void closeQuietly(SearcherManager searchers) {
        if (searchers == null) {
            return;
        }
        try {
            searchers.close();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "Closing searchers failed", e);
        }
    }

    /**
     * Commits what was applied and releases the writer, its lock and the searchers. Always returns, in bounded
     * time: if the thread does not finish (a store that does not answer), the writer is rolled back to its last
     * commit without it, and the index catches up on the next open.
     */
    @Override
    public void close() {
        closing = true;
        try {
            thread.execute(this::closeWriter);
        } catch (RejectedExecutionException e) {
            // Already shut down: the writer was released.
        }
        thread.shutdown();
        if (!awaitTermination(CLOSE_WAIT)) {
            thread.shutdownNow();
            if (!awaitTermination(ABANDON_WAIT)) {
                LOG.warning(() -> description + " did not stop within "
                        + CLOSE_WAIT.plus(ABANDON_WAIT).toSeconds()
                        + " s (does the store answer?); closed without a final commit, it catches up on the next"
                        + " open");
            }
            discardWriter();
        }
        closeQuietly(writerSearchers);
        closeQuietly(served);
    }

    private void closeWriter() {
        IndexWriter current = writer;
        if (current == null) {
            return;
        }
        try {
            if (applied > committed || current.hasUncommittedChanges()) {
                commit();
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Final commit of " + description + " failed; it catches up on the next open", e);
        }
        discardWriter();
    }
}
