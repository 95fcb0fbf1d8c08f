package org.kcskb.search.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kcskb.Draft;
import org.kcskb.KnowledgeBase;
import org.kcskb.StorageException;
import org.kcskb.Update;
import org.kcskb.actor.Actor;
import org.kcskb.actor.Viewer;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleId;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.store.ArticleStores;
import org.kcskb.store.spi.ArticleStore;
import org.kcskb.store.spi.Change;
import org.kcskb.store.spi.ForwardingArticleStore;

/**
 * The change-feed orchestration, against an in-memory {@link SearchIndexWriter}: what any engine that plugs its
 * writer into the {@link ChangeFeedFollower} gets. The Lucene engine's own tests (kb-index) check the same with real
 * files, disks that fill up and corrupt segments.
 */
class ChangeFeedFollowerTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration REFRESH = Duration.ofMillis(50);
    private static final Actor PUBLISHER = Actor.publisher("pub-1");

    private final ArticleStore data = ArticleStores.inMemory();
    private final FlakyStore store = new FlakyStore(data, "store-a");
    private final KnowledgeBase kb =
            KnowledgeBase.builder().store(data).withoutSearch().build();
    /** A pool of several threads, as a shared scheduler would be: the follower must still run serialised. */
    private final ScheduledExecutorService pool = Executors.newScheduledThreadPool(4);

    private final List<ChangeFeedFollower> followers = new ArrayList<>();
    private final Warnings warnings = new Warnings();

    @BeforeEach
    void captureLogs() {
        warnings.start();
    }

    @AfterEach
    void close() {
        followers.forEach(ChangeFeedFollower::close);
        pool.shutdownNow();
        kb.close();
        data.close();
        warnings.stop();
    }

    private ChangeFeedFollower open(InMemoryIndexWriter writer) {
        writer.callers.add(Thread.currentThread());
        var follower = ChangeFeedFollower.builder(store, writer, pool)
                .description("the test index")
                .admits(article -> article.audience() == Audience.PUBLIC)
                .refreshInterval(REFRESH)
                .open();
        followers.add(follower);
        return follower;
    }

    private Article capture(String title, Audience audience) {
        return kb.capture(
                PUBLISHER,
                Draft.of(ArticleContent.of(title, "The printer shows " + title + ".")
                                .withResolution("Restart it."))
                        .withState(ArticleState.VALIDATED)
                        .withAudience(audience));
    }

    private void awaitAll(ChangeFeedFollower follower) {
        assertThat(follower.awaitSearchable(data.lastSequence(), WAIT)).isTrue();
    }

    /** Waits until everything is searchable; until the follower's next attempt succeeds, waiting fails. */
    private void awaitRecovered(ChangeFeedFollower follower) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                if (follower.awaitSearchable(data.lastSequence(), Duration.ofSeconds(1))) {
                    return;
                }
            } catch (StorageException e) {
                // The episode's failure.
                sleep(10);
            }
            assertThat(System.nanoTime() - deadline).as("recovered").isNegative();
        }
    }

    @Test
    void open_catchesUpWithTheStore_thenFollowsTheFeed_withinTheRefreshInterval() {
        Article before = capture("before", Audience.PUBLIC);
        var writer = new InMemoryIndexWriter(new InMemoryIndexWriter.Disk());
        ChangeFeedFollower follower = open(writer);
        awaitAll(follower);
        assertThat(follower.searchableSequence()).isEqualTo(data.lastSequence());
        assertThat(writer.searchable).containsOnlyKeys(before.id());

        Article after = capture("after", Audience.PUBLIC);
        long deadline = System.nanoTime() + WAIT.toNanos();
        // Not nudged by awaitSearchable: the poll finds it by itself.
        while (!writer.searchable.containsKey(after.id()) && System.nanoTime() < deadline) {
            sleep(10);
        }
        assertThat(writer.searchable).containsOnlyKeys(before.id(), after.id());
        assertThat(writer.violations).isEmpty();
    }

    @Test
    void changes_reindexContent_updateSignalsOnly_andDeleteWhatIsPurgedOrNoLongerAdmitted() {
        Article kept = capture("kept", Audience.PUBLIC);
        Article hidden = capture("hidden", Audience.PUBLIC);
        Article purged = capture("purged", Audience.PUBLIC);
        Article internal = capture("internal", Audience.INTERNAL);
        var writer = new InMemoryIndexWriter(new InMemoryIndexWriter.Disk());
        ChangeFeedFollower follower = open(writer);
        awaitAll(follower);
        assertThat(writer.searchable).containsOnlyKeys(kept.id(), hidden.id(), purged.id());
        writer.calls.clear();

        kb.feedback(Viewer.agent(PUBLISHER), kept.id(), true, "");
        awaitAll(follower);
        assertThat(writer.calls).contains("updateSignals").doesNotContain("index");

        kb.update(PUBLISHER, hidden.id(), Update.of(hidden.revision()).audience(Audience.INTERNAL));
        kb.purge(Actor.administrator("admin"), purged.id(), "test");
        awaitAll(follower);
        assertThat(writer.calls).contains("delete", "purge");
        assertThat(writer.searchable).containsOnlyKeys(kept.id());
        assertThat(writer.calls).as("never given an article it does not admit").doesNotContain("add");
        assertThat(writer.searchable).doesNotContainKey(internal.id());
        assertThat(writer.violations).isEmpty();
    }

    @Test
    void close_commitsTheSequenceAndStoreId_andTheNextOpenCatchesUpFromThere() {
        capture("one", Audience.PUBLIC);
        var disk = new InMemoryIndexWriter.Disk();
        ChangeFeedFollower first = open(new InMemoryIndexWriter(disk));
        awaitAll(first);
        first.close();
        assertThat(disk.sequence).isEqualTo(data.lastSequence());
        assertThat(disk.storeId).isEqualTo("store-a");

        Article two = capture("two", Audience.PUBLIC);
        var second = new InMemoryIndexWriter(disk);
        ChangeFeedFollower follower = open(second);
        awaitAll(follower);
        assertThat(second.searchable).hasSize(2).containsKey(two.id());
        assertThat(second.calls).as("caught up, not rebuilt").doesNotContain("beginRebuild");
    }

    @Test
    void open_indexOfAnotherStore_aheadOfTheStore_orOfAnotherSchema_isRebuiltAside() {
        Article article = capture("one", Audience.PUBLIC);
        for (var damage : List.<java.util.function.Consumer<InMemoryIndexWriter.Disk>>of(
                disk -> disk.storeId = "store-b",
                disk -> disk.sequence = data.lastSequence() + 10,
                disk -> disk.compatible = false)) {
            var disk = new InMemoryIndexWriter.Disk();
            damage.accept(disk);
            var writer = new InMemoryIndexWriter(disk);
            ChangeFeedFollower follower = open(writer);
            assertThat(writer.calls).containsSubsequence("open", "beginRebuild", "add", "swap", "refresh");
            assertThat(writer.searchable).containsOnlyKeys(article.id());
            assertThat(disk.storeId).isEqualTo("store-a");
            assertThat(disk.sequence).isEqualTo(data.lastSequence());
            follower.close();
        }
        assertThat(warnings.messages()).hasSize(2);
    }

    @Test
    void brokenIndex_isRolledBackAndReopened_searchesKeepWhatTheySaw_andOneWarningPerEpisode() {
        Article first = capture("first", Audience.PUBLIC);
        var writer = new InMemoryIndexWriter(new InMemoryIndexWriter.Disk());
        ChangeFeedFollower follower = open(writer);
        awaitAll(follower);
        var failures = new AtomicInteger(5);
        writer.fault = call -> call.equals("index") && failures.getAndDecrement() > 0
                ? new SearchIndexException(SearchIndexException.Kind.BROKEN, "disk full", null)
                : null;
        Article second = capture("second", Audience.PUBLIC);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!writer.searchable.containsKey(second.id()) && System.nanoTime() < deadline) {
            assertThat(writer.searchable)
                    .as("what searches saw during the fault")
                    .containsKey(first.id());
            sleep(5);
        }
        awaitRecovered(follower);
        assertThat(writer.count("reopen")).isGreaterThanOrEqualTo(5);
        assertThat(writer.searchable).containsOnlyKeys(first.id(), second.id());
        assertThat(warnings.messages()).singleElement().asString().contains("failed writing the index");
        assertThat(writer.violations).isEmpty();
    }

    @Test
    void corruptIndex_whileFollowing_isRebuiltFromTheStore() {
        Article first = capture("first", Audience.PUBLIC);
        var disk = new InMemoryIndexWriter.Disk();
        var writer = new InMemoryIndexWriter(disk);
        ChangeFeedFollower follower = open(writer);
        awaitAll(follower);
        var once = new AtomicBoolean(true);
        writer.fault = call -> call.equals("index") && once.getAndSet(false)
                ? new SearchIndexException(SearchIndexException.Kind.CORRUPT, "checksum failed", null)
                : null;
        Article second = capture("second", Audience.PUBLIC);
        awaitRecovered(follower);
        assertThat(writer.calls).containsSubsequence("recreate", "beginRebuild", "swap");
        assertThat(writer.searchable).containsOnlyKeys(first.id(), second.id());
        assertThat(disk.sequence).isEqualTo(data.lastSequence());
    }

    @Test
    void corruptIndex_onOpen_isRecreatedAndRebuilt_withOneWarning() {
        Article article = capture("one", Audience.PUBLIC);
        var disk = new InMemoryIndexWriter.Disk();
        disk.corrupt = true;
        var writer = new InMemoryIndexWriter(disk);
        open(writer);
        assertThat(writer.calls).containsSubsequence("open", "rollback", "recreate", "beginRebuild", "swap");
        assertThat(writer.searchable).containsOnlyKeys(article.id());
        assertThat(warnings.messages()).singleElement().asString().contains("corrupt");
    }

    @Test
    void failingStore_isRetriedWithTheWriterKept_andAwaitingCallersAreToldWhy() {
        capture("first", Audience.PUBLIC);
        var writer = new InMemoryIndexWriter(new InMemoryIndexWriter.Disk());
        ChangeFeedFollower follower = open(writer);
        awaitAll(follower);
        writer.calls.clear();
        store.failing = true;
        Article second = capture("second", Audience.PUBLIC);
        assertThatThrownBy(() -> follower.awaitSearchable(data.lastSequence(), WAIT))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("store unavailable");
        store.failing = false;
        awaitRecovered(follower);
        assertThat(writer.searchable).containsKey(second.id());
        assertThat(writer.calls).doesNotContain("rollback", "reopen");
        assertThat(warnings.messages()).singleElement().asString().contains("could not read the store's changes");
    }

    @Test
    void rebuild_thatFails_leavesSearchesAsTheyWere_andFollowingGoesOn() {
        Article first = capture("first", Audience.PUBLIC);
        var disk = new InMemoryIndexWriter.Disk();
        var writer = new InMemoryIndexWriter(disk);
        ChangeFeedFollower follower = open(writer);
        awaitAll(follower);
        writer.fault = call -> call.equals("add")
                ? new SearchIndexException(SearchIndexException.Kind.BROKEN, "no space", null)
                : null;
        assertThatThrownBy(follower::rebuild)
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("no space");
        assertThat(writer.searchable).containsOnlyKeys(first.id());
        assertThat(writer.calls).contains("abort");

        writer.fault = call -> null;
        Article second = capture("second", Audience.PUBLIC);
        awaitAll(follower);
        assertThat(writer.searchable).containsOnlyKeys(first.id(), second.id());
        follower.rebuild();
        assertThat(writer.searchable).containsOnlyKeys(first.id(), second.id());
        assertThat(disk.sequence).isEqualTo(data.lastSequence());
        assertThat(writer.violations).isEmpty();
    }

    @Test
    void rebuild_reportsTheStoresArticlesAsTheTotal_andEndsWithEveryOneDone() {
        for (int i = 0; i < 25; i++) {
            capture("article " + i, i % 5 == 0 ? Audience.INTERNAL : Audience.PUBLIC);
        }
        var writer = new InMemoryIndexWriter(new InMemoryIndexWriter.Disk());
        ChangeFeedFollower follower = open(writer);
        awaitAll(follower);
        var seen = new java.util.concurrent.CopyOnWriteArrayList<org.kcskb.transfer.TransferProgress>();

        follower.rebuild(seen::add);

        // Every article of the store is read, also those the index does not admit (the internal ones).
        assertThat(seen.getFirst())
                .isEqualTo(new org.kcskb.transfer.TransferProgress(0, java.util.OptionalLong.of(25), 0));
        assertThat(seen.getLast())
                .isEqualTo(new org.kcskb.transfer.TransferProgress(25, java.util.OptionalLong.of(25), 0));
        assertThat(seen).allSatisfy(p -> assertThat(p.total()).hasValue(25));
        assertThat(writer.searchable).hasSize(20);
    }

    @Test
    void rebuild_thatTheListenerStops_leavesTheIndexAsItWas() {
        Article first = capture("first", Audience.PUBLIC);
        var writer = new InMemoryIndexWriter(new InMemoryIndexWriter.Disk());
        ChangeFeedFollower follower = open(writer);
        awaitAll(follower);

        assertThatThrownBy(() -> follower.rebuild(p -> {
                    if (p.done() > 0) {
                        throw new IllegalStateException("cancelled");
                    }
                }))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("cancelled");
        assertThat(writer.searchable).containsOnlyKeys(first.id());
        assertThat(writer.calls).contains("abort");
    }

    @Test
    void interruptedCaller_stopsWaiting_whileTheWorkGoesOnOnTheFollowersThreads() throws Exception {
        var writer = new InMemoryIndexWriter(new InMemoryIndexWriter.Disk());
        ChangeFeedFollower follower = open(writer);
        for (int i = 0; i < 20; i++) {
            capture("article " + i, Audience.PUBLIC);
        }
        Thread.currentThread().interrupt();
        try {
            follower.awaitSearchable(data.lastSequence(), WAIT);
        } finally {
            assertThat(Thread.interrupted())
                    .as("the caller's interrupt status is kept")
                    .isTrue();
        }
        awaitAll(follower);
        assertThat(writer.searchable).hasSize(20);
        assertThat(writer.violations).isEmpty();
    }

    @Test
    void calls_afterClose_fail_andCloseIsIdempotent() {
        ChangeFeedFollower follower = open(new InMemoryIndexWriter(new InMemoryIndexWriter.Disk()));
        follower.close();
        follower.close();
        assertThatThrownBy(follower::rebuild).isInstanceOf(IllegalStateException.class);
        assertThat(follower.awaitSearchable(data.lastSequence() + 1, Duration.ofMillis(50)))
                .isFalse();
    }

    @Test
    void builder_rejectsRepeatedOptionsBadValuesAndASecondOpen_namingThem() {
        var builder = ChangeFeedFollower.builder(store, new InMemoryIndexWriter(new InMemoryIndexWriter.Disk()), pool)
                .description("first");
        assertThatThrownBy(() -> builder.description("second")).hasMessageContaining("first");
        assertThatThrownBy(() -> builder.refreshInterval(Duration.ZERO)).hasMessageContaining("PT0S");
        followers.add(builder.open());
        assertThatThrownBy(builder::open)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already");
    }

    private static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A store with an identity, whose change feed fails on demand. */
    private static final class FlakyStore extends ForwardingArticleStore {
        private final String id;
        volatile boolean failing;

        FlakyStore(ArticleStore delegate, String id) {
            super(delegate);
            this.id = id;
        }

        @Override
        public String storeId() {
            return id;
        }

        @Override
        public List<Change> changesAfter(long sequence, int limit) {
            if (failing) {
                throw new StorageException("store unavailable");
            }
            return super.changesAfter(sequence, limit);
        }

        @Override
        public java.util.Optional<Article> article(ArticleId id) {
            if (failing) {
                throw new StorageException("store unavailable");
            }
            return super.article(id);
        }
    }

    /** The follower's warnings. */
    private static final class Warnings extends Handler {
        private static final Logger FOLLOWER = Logger.getLogger(ChangeFeedFollower.class.getName());
        private final List<String> messages = new java.util.concurrent.CopyOnWriteArrayList<>();

        void start() {
            setLevel(Level.ALL);
            FOLLOWER.addHandler(this);
        }

        void stop() {
            FOLLOWER.removeHandler(this);
        }

        List<String> messages() {
            return List.copyOf(messages);
        }

        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                messages.add(record.getMessage());
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }

    @Test
    void vocabulary_isGivenOnOpen_andAfterEveryVocabularyChange_withoutReindexing() {
        Article article = capture("kept", Audience.PUBLIC);
        var first = kb.addVocabulary(
                PUBLISHER,
                java.util.Locale.GERMAN,
                org.kcskb.vocabulary.VocabularyRule.Synonyms.of("beamer", "projektor"));
        var writer = new InMemoryIndexWriter(new InMemoryIndexWriter.Disk());
        ChangeFeedFollower follower = open(writer);
        awaitAll(follower);
        assertThat(writer.vocabularies).isNotEmpty();
        assertThat(writer.vocabularies.getLast().entries()).containsExactly(first);
        assertThat(writer.calls.indexOf("vocabulary")).isGreaterThan(writer.calls.indexOf("open"));
        writer.calls.clear();

        var second = kb.addVocabulary(
                PUBLISHER,
                java.util.Locale.ENGLISH,
                org.kcskb.vocabulary.VocabularyRule.Expansion.of("pw", "password"));
        awaitAll(follower);
        assertThat(writer.vocabularies.getLast().entries()).containsExactly(first, second);
        kb.removeVocabulary(PUBLISHER, first.id());
        awaitAll(follower);
        assertThat(writer.vocabularies.getLast().entries()).containsExactly(second);
        // Given before the refresh that makes the change searchable; no article was touched.
        assertThat(writer.calls).contains("vocabulary", "refresh").doesNotContain("index", "updateSignals", "delete");
        assertThat(writer.calls.indexOf("vocabulary")).isLessThan(writer.calls.lastIndexOf("refresh"));
        assertThat(writer.searchable).containsOnlyKeys(article.id());

        // A rebuild (also the one after the feed was trimmed past the index) hands it over again.
        writer.vocabularies.clear();
        follower.rebuild();
        assertThat(writer.vocabularies).isNotEmpty();
        assertThat(writer.vocabularies.getLast().entries()).containsExactly(second);
        assertThat(writer.violations).isEmpty();
    }
}
