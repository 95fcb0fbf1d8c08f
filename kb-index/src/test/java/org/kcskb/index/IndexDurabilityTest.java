package org.kcskb.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.kcskb.KnowledgeBase;
import org.kcskb.StorageException;
import org.kcskb.actor.Actor;
import org.kcskb.actor.Viewer;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleContent;
import org.kcskb.search.SearchRequest;
import org.kcskb.store.ArticleStores;
import org.kcskb.store.spi.ArticleStore;
import org.kcskb.store.spi.Mutation;

/** No acknowledged write is lost from search: failed rebuilds, busy feeds, failed opens, corrupt or foreign indexes. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class IndexDurabilityTest {
    static final Actor AUTHOR = Actor.candidate("agent-durable");
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path directory;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : toClose.reversed()) {
            closeable.close();
        }
    }

    private ArticleStore inMemoryStore() {
        ArticleStore store = ArticleStores.inMemory();
        toClose.add(store);
        return store;
    }

    /** A knowledge base over {@code store} with its index in the temporary folder. */
    private KnowledgeBase open(ArticleStore store) {
        return KnowledgeBase.builder()
                .directory(directory)
                .store(store)
                .refreshInterval(Duration.ofMillis(200))
                .build();
    }

    static Article capture(KnowledgeBase kb, int i) {
        return kb.capture(
                AUTHOR,
                ArticleContent.of("Durability article " + i, "The printer shows code " + marker(i) + " at start.")
                        .withResolution("Restart the spooler.")
                        .withLanguage(Locale.ENGLISH));
    }

    /** The marker word of the {@code i}-th article (consonants: no stemmer merges two markers). */
    static String marker(int i) {
        return IndexCrashChild.marker(i);
    }

    static List<String> found(KnowledgeBase kb, String marker) {
        var request = SearchRequest.builder(marker, Viewer.agent(AUTHOR))
                .language(Locale.ENGLISH)
                .build();
        return kb.search(request).hits().stream().map(hit -> hit.id().value()).toList();
    }

    /** Asserts that every article is found by its marker, and only it. */
    static void assertAllFound(KnowledgeBase kb, List<Article> articles) {
        for (int i = 0; i < articles.size(); i++) {
            assertThat(found(kb, marker(i)))
                    .as("found by the marker of acknowledged article %s", i)
                    .containsExactly(articles.get(i).id().value());
        }
    }

    private static List<Article> captureAll(KnowledgeBase kb, int count) {
        var articles = new ArrayList<Article>();
        for (int i = 0; i < count; i++) {
            articles.add(capture(kb, i));
        }
        return articles;
    }

    @Test
    void rebuild_storeFailsHalfWay_searchKeepsEveryArticle_andTheCallerIsToldWhy() {
        var store = new FaultyStore(inMemoryStore());
        try (KnowledgeBase kb = open(store)) {
            List<Article> articles = captureAll(kb, 30);
            assertThat(kb.awaitSearchable(WAIT)).isTrue();

            // Every article is read twice (the vocabulary first, then the index): fail half-way through the second.
            store.articleReadsLeft.set(45);
            Throwable failed = catchThrowable(kb::rebuildIndex);
            store.articleReadsLeft.set(-1);

            // A write after the failed rebuild makes the follower refresh (and, later, commit).
            articles.add(capture(kb, 30));
            assertThat(kb.awaitSearchable(WAIT)).isTrue();
            assertAllFound(kb, articles);
            assertThat(failed)
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("Rebuilding")
                    .hasMessageContaining("searches see the index as it was")
                    .hasMessageContaining("failed reading");

            kb.rebuildIndex();
            assertAllFound(kb, articles);
        }
        // Nothing half-empty was committed either.
        try (KnowledgeBase kb = open(store)) {
            assertThat(kb.awaitSearchable(WAIT)).isTrue();
            assertThat(found(kb, marker(0))).hasSize(1);
            assertThat(found(kb, marker(29))).hasSize(1);
        }
    }

    @Test
    void follower_underAStreamOfSignalWrites_stillMakesContentSearchable() {
        var store = new FaultyStore(inMemoryStore());
        try (KnowledgeBase kb = open(store)) {
            Article viewed = capture(kb, 0);
            assertThat(kb.awaitSearchable(WAIT)).isTrue();
            // Every read of the feed finds one more view: the feed is never drained, as on a busy help site.
            store.beforeChangesAfter = () -> store.delegate().commit(List.of(new Mutation.AddViews(viewed.id(), 1)));
            Article fresh = capture(kb, 1);
            assertThat(kb.awaitSearchable(WAIT)).isTrue();
            assertThat(found(kb, marker(1))).containsExactly(fresh.id().value());
            store.beforeChangesAfter = () -> {};
        }
    }

    @Test
    void open_failingHalfWay_releasesTheIndexLock() {
        ArticleStore data = inMemoryStore();
        List<Article> articles;
        try (KnowledgeBase kb = open(new FaultyStore(data))) {
            articles = captureAll(kb, 5);
            assertThat(kb.awaitSearchable(WAIT)).isTrue();
        }
        var failing = new FaultyStore(data);
        failing.failArticleIds = true;
        assertThatThrownBy(() -> open(failing)).isInstanceOf(StorageException.class);
        try (KnowledgeBase kb = open(new FaultyStore(data))) {
            assertThat(kb.awaitSearchable(WAIT)).isTrue();
            assertAllFound(kb, articles);
        }
    }

    /** Ways a file of a closed index gets damaged. */
    enum Damage {
        TRUNCATED,
        GARBLED,
        DELETED
    }

    @ParameterizedTest
    @EnumSource(Damage.class)
    void open_corruptIndex_isRebuiltFromTheStore_withOneWarning(Damage damage) throws IOException {
        ArticleStore data = inMemoryStore();
        List<Article> articles;
        try (KnowledgeBase kb = open(new FaultyStore(data))) {
            articles = captureAll(kb, 20);
            assertThat(kb.awaitSearchable(WAIT)).isTrue();
        }
        damage(largestIndexFile(), damage);
        try (var logs = LogRecords.capture();
                KnowledgeBase kb = open(new FaultyStore(data))) {
            assertThat(kb.awaitSearchable(WAIT)).isTrue();
            assertAllFound(kb, articles);
            assertThat(logs.warnings()).singleElement().asString().contains("corrupt");
        }
    }

    private Path largestIndexFile() throws IOException {
        try (Stream<Path> files = Files.list(directory.resolve("index"))) {
            return files.filter(f -> !f.getFileName().toString().startsWith("segments"))
                    .filter(f -> !f.getFileName().toString().equals("write.lock"))
                    .max(Comparator.comparingLong(f -> f.toFile().length()))
                    .orElseThrow();
        }
    }

    static void damage(Path file, Damage damage) throws IOException {
        switch (damage) {
            case TRUNCATED -> {
                try (var raf = new RandomAccessFile(file.toFile(), "rw")) {
                    raf.setLength(raf.length() / 2);
                }
            }
            case GARBLED -> {
                try (var raf = new RandomAccessFile(file.toFile(), "rw")) {
                    for (long at = raf.length() / 3; at < raf.length() / 3 + 16; at++) {
                        raf.seek(at);
                        int b = raf.read();
                        raf.seek(at);
                        raf.write(b ^ 0x5a);
                    }
                }
            }
            case DELETED -> Files.delete(file);
        }
    }

    @Test
    void open_indexOfAnotherStore_isRebuiltFromTheStore_andRecordsItsIdentity() throws IOException {
        try (KnowledgeBase kb = open(new FaultyStore(inMemoryStore(), "store-a"))) {
            captureAll(kb, 3);
            assertThat(kb.awaitSearchable(WAIT)).isTrue();
        }
        // Another store, further along than the index (so that only its identity tells them apart), with
        // articles of the same ids.
        var other = new FaultyStore(inMemoryStore(), "store-b");
        var written = new ArrayList<Article>();
        try (KnowledgeBase kb =
                KnowledgeBase.builder().store(other).withoutSearch().build()) {
            for (int i = 100; i < 110; i++) {
                written.add(capture(kb, i));
            }
        }
        try (var logs = LogRecords.capture();
                KnowledgeBase kb = open(other)) {
            assertThat(kb.awaitSearchable(WAIT)).isTrue();
            assertThat(found(kb, marker(0))).as("an article of the other store").isEmpty();
            for (int i = 100; i < 110; i++) {
                assertThat(found(kb, marker(i)))
                        .containsExactly(written.get(i - 100).id().value());
            }
            // One warning per partition: the main index and the public one.
            assertThat(logs.warnings()).hasSize(2).allSatisfy(warning -> assertThat(warning)
                    .contains("store-a")
                    .contains("store-b"));
        }
        try (var index = FSDirectory.open(directory.resolve("index"))) {
            assertThat(SegmentInfos.readLatestCommit(index).getUserData())
                    .containsEntry(LucenePartitionWriter.STORE_KEY, "store-b");
        }
    }

    @Test
    void reopen_afterWritesRightBeforeClose_catchesUp() {
        ArticleStore data = inMemoryStore();
        var written = new ArrayList<Article>();
        try (KnowledgeBase kb = open(new FaultyStore(data))) {
            assertThat(kb.awaitSearchable(WAIT)).isTrue();
            for (int i = 100; i < 110; i++) {
                written.add(capture(kb, i));
            }
        }
        try (KnowledgeBase kb = open(new FaultyStore(data))) {
            assertThat(kb.awaitSearchable(WAIT)).isTrue();
            for (int i = 100; i < 110; i++) {
                assertThat(found(kb, marker(i)))
                        .as("article %s", i)
                        .containsExactly(written.get(i - 100).id().value());
            }
        }
    }

    @Test
    void rebuild_byAnInterruptedCaller_failsClearly_andTheIndexKeepsWorking() {
        var store = new FaultyStore(inMemoryStore());
        try (KnowledgeBase kb = open(store)) {
            List<Article> articles = captureAll(kb, 20);
            assertThat(kb.awaitSearchable(WAIT)).isTrue();

            Thread.currentThread().interrupt();
            Throwable failed;
            try {
                failed = catchThrowable(kb::rebuildIndex);
            } finally {
                Thread.interrupted();
            }

            articles.add(capture(kb, 20));
            assertThat(kb.awaitSearchable(WAIT)).isTrue();
            assertAllFound(kb, articles);
            assertThat(failed).isInstanceOf(StorageException.class).hasMessageContaining("Interrupted");
        }
    }

    @Test
    void close_whileTheStoreHangs_returns_andReleasesTheIndex() throws Exception {
        var store = new FaultyStore(inMemoryStore());
        // Threads of its own: the hung store holds the threads its tasks run on until the hang ends (README, "Many
        // knowledge bases in one JVM"), and on a two-core machine those are all of the shared pool's, which the
        // knowledge base reopened below needs.
        var hanging = Executors.newScheduledThreadPool(2);
        KnowledgeBase kb = KnowledgeBase.builder()
                .directory(directory)
                .store(store)
                .refreshInterval(Duration.ofMillis(200))
                .scheduler(hanging)
                .build();
        List<Article> articles = captureAll(kb, 3);
        assertThat(kb.awaitSearchable(WAIT)).isTrue();
        var blackHole = new CountDownLatch(1);
        store.hang = blackHole;
        try {
            // A write the follower goes to read: its next read of the feed never returns.
            articles.add(capture(kb, 3));
            assertThat(store.hanging.await(30, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Void> closing = CompletableFuture.runAsync(kb::close);
            // Bounded: the follower's grace period and a few seconds more, not the life of the store's hang.
            closing.get(60, TimeUnit.SECONDS);
            try (KnowledgeBase reopened = open(new FaultyStore(store.delegate()))) {
                assertThat(reopened.awaitSearchable(WAIT)).isTrue();
                assertAllFound(reopened, articles);
            }
        } finally {
            blackHole.countDown();
            hanging.shutdownNow();
        }
    }
}
