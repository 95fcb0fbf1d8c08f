package org.kcskb.index;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.kcskb.StorageException;
import org.kcskb.article.Article;
import org.kcskb.index.codec.KnowledgeBaseCodec;
import org.kcskb.search.spi.SearchEngineContext;

/**
 * One Lucene index that follows the store: its directory, writer and searchers, the analysis vocabulary learned
 * from its own articles, its suggestions, and the follower that keeps it in step. An article the partition does
 * not {@linkplain #open admit} is deleted from it (or never indexed), and never learned into its vocabulary or its
 * suggestions, so that what the partition answers depends on nothing else. Thread-safe.
 */
final class IndexPartition implements AutoCloseable {
    private final String description;
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Analysis analysis;
    private final Suggestions suggestions;
    private final IndexFollower follower;

    private IndexPartition(
            String description,
            Directory directory,
            IndexWriter writer,
            SearcherManager searchers,
            Analysis analysis,
            Suggestions suggestions,
            IndexFollower follower) {
        this.description = description;
        this.directory = directory;
        this.writer = writer;
        this.searchers = searchers;
        this.analysis = analysis;
        this.suggestions = suggestions;
        this.follower = follower;
    }

    /**
     * Opens (or creates) a partition, catches it up with the store and starts following it.
     *
     * @param name names the partition in messages and logs
     * @param context the store and the refresh interval
     * @param path where the partition keeps its files, or empty to keep them in memory
     * @param admits which articles the partition holds
     * @param exactStatistics whether an article that leaves the partition must leave its statistics before the
     *     refresh that hides it: its deleted document is merged away at once (see {@link IndexFollower}), where
     *     Lucene would count it in document frequencies and lengths until a later merge
     * @throws StorageException if the index cannot be opened
     */
    static IndexPartition open(
            String name,
            SearchEngineContext context,
            Optional<Path> path,
            Predicate<Article> admits,
            boolean exactStatistics) {
        String description =
                "Lucene index " + name + " " + path.map(Path::toString).orElse("in memory");
        var analysis = new Analysis();
        try {
            Directory directory = open(path);
            Map<String, String> commitData = DirectoryReader.indexExists(directory)
                    ? SegmentInfos.readLatestCommit(directory).getUserData()
                    : Map.of();
            boolean schemaMatches = IndexFollower.SCHEMA_VERSION.equals(
                    commitData.getOrDefault(IndexFollower.SCHEMA_KEY, IndexFollower.SCHEMA_VERSION));
            var config = new IndexWriterConfig(analysis.indexAnalyzer())
                    .setSimilarity(LuceneSearchEngine.SIMILARITY)
                    .setCodec(new KnowledgeBaseCodec())
                    // Segments in article id order: ties in score are decided by doc id (TopHits).
                    .setIndexSort(TopHits.INDEX_SORT)
                    // An index of another schema is replaced, not appended to: Lucene refuses to append to
                    // segments of another index sort (and to fields of other options), and it is rebuilt anyway.
                    .setOpenMode(
                            schemaMatches
                                    ? IndexWriterConfig.OpenMode.CREATE_OR_APPEND
                                    : IndexWriterConfig.OpenMode.CREATE)
                    .setCommitOnClose(false);
            if (exactStatistics) {
                var merges = new TieredMergePolicy();
                // Every deleted document is merged away when deletes are expunged, not only above 10 % per segment.
                merges.setForceMergeDeletesPctAllowed(0);
                config.setMergePolicy(merges);
            }
            IndexWriter writer = openWriter(directory, config, path);
            long indexed = schemaMatches ? Long.parseLong(commitData.getOrDefault(IndexFollower.SEQUENCE_KEY, "0")) : 0;
            long storeSequence = context.store().lastSequence();
            var searchers = new SearcherManager(writer, new SearcherFactory() {
                @Override
                public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) {
                    var searcher = new IndexSearcher(reader);
                    searcher.setSimilarity(LuceneSearchEngine.SIMILARITY);
                    return searcher;
                }
            });
            boolean rebuild = !schemaMatches || indexed > storeSequence;
            var suggestions = new Suggestions(analysis.completionAnalyzer());
            var follower = new IndexFollower(
                    context.store(),
                    admits,
                    writer,
                    searchers,
                    analysis,
                    suggestions,
                    rebuild ? 0 : indexed,
                    context.refreshInterval(),
                    exactStatistics);
            if (rebuild) {
                // The index is ahead of the store (a different or restored store) or from another schema.
                follower.rebuild();
            } else if (indexed > 0) {
                follower.learnAll();
            }
            follower.start();
            return new IndexPartition(description, directory, writer, searchers, analysis, suggestions, follower);
        } catch (IOException e) {
            analysis.close();
            throw new StorageException("Cannot open the search index at " + description + ": " + e.getMessage(), e);
        }
    }

    private static Directory open(Optional<Path> path) throws IOException {
        if (path.isEmpty()) {
            return InMemoryDirectories.create();
        }
        Files.createDirectories(path.get());
        return FSDirectory.open(path.get());
    }

    private static IndexWriter openWriter(Directory directory, IndexWriterConfig config, Optional<Path> path)
            throws IOException {
        try {
            return new IndexWriter(directory, config);
        } catch (LockObtainFailedException e) {
            directory.close();
            throw new StorageException(
                    "The search index at " + path.map(Path::toString).orElse("(memory)")
                            + " is locked by another knowledge base; close it first, or use another directory",
                    e);
        }
    }

    /** Returns a searcher over what is searchable now; {@link #release release} it in a finally block. */
    IndexSearcher acquire() throws IOException {
        return searchers.acquire();
    }

    /** Releases a searcher of {@link #acquire}. */
    void release(IndexSearcher searcher) throws IOException {
        searchers.release(searcher);
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
     * from them: what articles that have left the partition taught it is forgotten.
     */
    void rebuild() {
        analysis.forgetLearned();
        follower.rebuild();
    }

    /** Stops following, commits and releases the files. */
    @Override
    public void close() {
        try {
            follower.close();
            suggestions.close();
            searchers.close();
            writer.close();
            directory.close();
        } catch (IOException e) {
            throw new StorageException("Closing the search index " + description + " failed: " + e.getMessage(), e);
        } finally {
            analysis.close();
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
