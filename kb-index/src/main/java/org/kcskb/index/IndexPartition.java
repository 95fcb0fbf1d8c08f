package org.kcskb.index;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Predicate;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.kcskb.StorageException;
import org.kcskb.article.Article;
import org.kcskb.search.spi.ChangeFeedFollower;
import org.kcskb.search.spi.SearchEngineContext;

/**
 * One Lucene index that follows the store: its directory, its {@linkplain LucenePartitionWriter writer} and
 * searchers, the analysis vocabulary learned from its own articles, its suggestions, and the {@link
 * ChangeFeedFollower} that keeps it in step, on the knowledge base's scheduler. An article the partition does not
 * {@linkplain #open admit} is deleted from it (or never indexed), and never learned into its vocabulary or its
 * suggestions, so that what the partition answers depends on nothing else. Thread-safe.
 */
final class IndexPartition implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(IndexPartition.class.getName());

    /** Opens the directory of a partition; tests give one that fails on demand. */
    @FunctionalInterface
    interface Directories {
        /** Files in {@code path}, or in memory when it is empty. */
        Directory open(Optional<Path> path) throws IOException;

        /** An {@link FSDirectory} in the folder (created if missing), or an in-memory directory. */
        Directories DEFAULT = path -> {
            if (path.isEmpty()) {
                return InMemoryDirectories.create();
            }
            Files.createDirectories(path.get());
            return FSDirectory.open(path.get());
        };
    }

    private final String description;
    private final Directory directory;
    private final Analysis analysis;
    private final Suggestions suggestions;
    private final LucenePartitionWriter writer;
    private final ChangeFeedFollower follower;

    private IndexPartition(
            String description,
            Directory directory,
            Analysis analysis,
            Suggestions suggestions,
            LucenePartitionWriter writer,
            ChangeFeedFollower follower) {
        this.description = description;
        this.directory = directory;
        this.analysis = analysis;
        this.suggestions = suggestions;
        this.writer = writer;
        this.follower = follower;
    }

    /**
     * Opens (or creates) a partition, catches it up with the store and starts following it. An index that is
     * corrupt, of another schema, ahead of the store or built from another store is rebuilt from the store (and
     * logged). On failure, everything opened so far is released (the writer's lock included).
     *
     * @param name names the partition in messages and logs
     * @param context the store and the refresh interval
     * @param path where the partition keeps its files, or empty to keep them in memory
     * @param admits which articles the partition holds
     * @param exactStatistics whether an article that leaves the partition must leave its statistics before the
     *     refresh that hides it: its deleted document is merged away at once (see {@link LucenePartitionWriter}), where
     *     Lucene would count it in document frequencies and lengths until a later merge
     * @throws StorageException if the index cannot be opened
     */
    static IndexPartition open(
            String name,
            SearchEngineContext context,
            Optional<Path> path,
            Predicate<Article> admits,
            boolean exactStatistics) {
        return open(name, context, path, admits, exactStatistics, Directories.DEFAULT);
    }

    /** Opens a partition in a directory of {@code directories}: for tests of failing disks. */
    static IndexPartition open(
            String name,
            SearchEngineContext context,
            Optional<Path> path,
            Predicate<Article> admits,
            boolean exactStatistics,
            Directories directories) {
        String description =
                "the search index '" + name + "' " + path.map(p -> "at " + p).orElse("in memory");
        var analysis = new Analysis();
        analysis.useBaseVocabulary(context.baseVocabulary());
        Directory directory = null;
        Suggestions suggestions = null;
        // Every write to the index runs as a task of the follower on the knowledge base's scheduler (one pool per
        // JVM by default), one task at a time and never on a caller's thread: see ChangeFeedFollower.
        ScheduledExecutorService scheduler = context.scheduler();
        boolean opened = false;
        try {
            directory = directories.open(path);
            suggestions = new Suggestions(analysis.completionAnalyzer(), () -> analysis.queryVocabulary()
                    .completion());
            var writer = new LucenePartitionWriter(description, directory, analysis, suggestions, exactStatistics);
            ChangeFeedFollower follower = ChangeFeedFollower.builder(context.store(), writer, scheduler)
                    .description(description)
                    .admits(admits)
                    .refreshInterval(context.refreshInterval())
                    .open();
            opened = true;
            return new IndexPartition(description, directory, analysis, suggestions, writer, follower);
        } catch (IOException e) {
            throw new StorageException("Cannot open " + description + ": " + e.getMessage(), e);
        } finally {
            if (!opened) {
                // The follower released the writer (and its lock) before its opening failed.
                closeQuietly(suggestions);
                closeQuietly(directory);
                analysis.close();
            }
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // Already failing: the first failure is the one to report.
        }
    }

    /** Returns a searcher over what is searchable now; {@link #release release} it in a finally block. */
    IndexSearcher acquire() throws IOException {
        return writer.acquire();
    }

    /** Releases a searcher of {@link #acquire}. */
    void release(IndexSearcher searcher) throws IOException {
        // Not through its SearcherManager: a recovering partition replaces those while searches hold searchers.
        searcher.getIndexReader().decRef();
    }

    /** Returns the analysis of this partition: its vocabulary is learned from its own articles only. */
    Analysis analysis() {
        return analysis;
    }

    /** Returns the suggestions of this partition's articles. */
    Suggestions suggestions() {
        return suggestions;
    }

    /** Returns the newest store sequence whose changes searches of this partition see. */
    long searchableSequence() {
        return follower.searchableSequence();
    }

    /** Waits until the changes up to {@code sequence} are searchable; false on time-out. */
    boolean awaitSearchable(long sequence, Duration timeout) {
        return follower.awaitSearchable(sequence, timeout);
    }

    /**
     * Replaces the partition's index with the store's admitted articles, analysed with a vocabulary learned afresh
     * from them: what articles that have left the partition taught it is forgotten. Searches see the old index until
     * the new one is complete.
     *
     * @throws StorageException if the rebuild failed (searches see the index as it was), or the caller was
     *     interrupted while waiting (the rebuild goes on)
     */
    void rebuild() {
        follower.rebuild();
    }

    /** As {@link #rebuild()}, reporting to {@code listener}; see {@link ChangeFeedFollower#rebuild(org.kcskb.transfer.TransferListener)}. */
    void rebuild(org.kcskb.transfer.TransferListener listener) {
        follower.rebuild(listener);
    }

    /**
     * Stops following, commits and releases the files. Always returns in bounded time, even if the store hangs
     * or fails; failures are logged.
     */
    @Override
    public void close() {
        // The follower has finished its work, or given up waiting for it (a store that does not answer): a task
        // still running then fails on the closed files once the store's time-outs end it, and is logged.
        follower.close();
        try (analysis;
                directory;
                suggestions) {
            // Closed in reverse order, each even if another fails.
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Closing " + description + " failed; its files are released", e);
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
