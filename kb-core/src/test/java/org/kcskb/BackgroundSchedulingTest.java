package org.kcskb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kcskb.actor.Actor;
import org.kcskb.actor.Viewer;
import org.kcskb.analytics.ReportQuery;
import org.kcskb.article.ArticleId;
import org.kcskb.search.spi.SearchEngineContext;
import org.kcskb.store.ArticleStores;
import org.kcskb.store.spi.AnalyticsStore;
import org.kcskb.store.spi.ArticleStore;

/** Background work runs as tasks on a shared or host-supplied scheduler, never on threads of each knowledge base. */
class BackgroundSchedulingTest {
    private static final Viewer AGENT = Viewer.agent(Actor.contributor("agent-7"));
    /** Long enough for many background rounds (200 ms apart) on a loaded build machine. */
    private static final long PATIENCE_MILLIS = 30_000;

    @TempDir
    Path temp;

    private final List<KnowledgeBase> opened = new ArrayList<>();
    private final List<ScheduledExecutorService> hostPools = new ArrayList<>();

    @AfterEach
    void closeAll() {
        opened.forEach(KnowledgeBase::close);
        hostPools.forEach(ScheduledExecutorService::shutdownNow);
    }

    private KnowledgeBase open(KnowledgeBaseBuilder builder) {
        KnowledgeBase kb = builder.build();
        opened.add(kb);
        return kb;
    }

    private static KnowledgeBaseBuilder inMemory() {
        return KnowledgeBase.builder()
                .store(ArticleStores.inMemory())
                .withoutSearch()
                .languageDetector(SubstringSearchEngine::detectLanguage);
    }

    private static void pick(KnowledgeBase kb, String query) {
        kb.recordSuggestionPick(AGENT, query, Locale.GERMAN, ArticleId.of("KB-1"), 1);
    }

    /** Waits until the background rounds wrote {@code count} events: recording() itself never writes. */
    private static void awaitWritten(KnowledgeBase kb, long count) throws InterruptedException {
        awaitTrue(() -> kb.analytics().recording().written() >= count);
        assertThat(kb.analytics().recording().written()).isEqualTo(count);
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PATIENCE_MILLIS);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private ScheduledThreadPoolExecutor hostPool(int threads) {
        var pool = new ScheduledThreadPoolExecutor(
                threads,
                task -> Thread.ofPlatform().name("host-background").daemon(true).unstarted(task));
        pool.setRemoveOnCancelPolicy(true);
        hostPools.add(pool);
        return pool;
    }

    private static int liveThreads() {
        return Thread.getAllStackTraces().size();
    }

    private static long threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(prefix))
                .count();
    }

    @Test
    void closingOneKnowledgeBase_leavesAnothersAnalyticsRunning() throws InterruptedException {
        KnowledgeBase first = open(inMemory());
        KnowledgeBase second = open(inMemory());
        pick(first, "drucker");
        awaitWritten(first, 1);

        first.close();
        pick(second, "kennwort");
        pick(second, "vpn");

        // Written by the shared pool's rounds: nothing here flushes.
        awaitWritten(second, 2);
    }

    @Test
    void closingOneKnowledgeBase_leavesAnothersAnalyticsRunning_onAHostSchedulerTheyShare()
            throws InterruptedException {
        ScheduledThreadPoolExecutor host = hostPool(1);
        KnowledgeBase first = open(inMemory().scheduler(host));
        KnowledgeBase second = open(inMemory().scheduler(host));

        first.close();
        pick(second, "kennwort");

        awaitWritten(second, 1);
        assertThat(host.getQueue())
                .as("the second one's analytics rounds and retention")
                .hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void hostScheduler_runsTheWork_andIsNotShutDownByClose_whichCancelsItsTasks() throws InterruptedException {
        ScheduledThreadPoolExecutor host = hostPool(1);
        KnowledgeBase kb = open(inMemory().scheduler(host));
        pick(kb, "drucker");
        awaitWritten(kb, 1);

        kb.close();

        assertThat(host.isShutdown()).isFalse();
        assertThat(host.getQueue()).as("the knowledge base's tasks, cancelled").isEmpty();
        assertThat(host.submit(() -> "still running"))
                .succeedsWithin(java.time.Duration.ofMillis(PATIENCE_MILLIS))
                .isEqualTo("still running");
    }

    @Test
    void close_doesNotWaitForTheScheduler_andWritesWhatIsQueuedItself() throws Exception {
        ScheduledThreadPoolExecutor host = hostPool(1);
        Path directory = temp.resolve("store");
        KnowledgeBase kb = open(KnowledgeBase.builder()
                .store(ArticleStores.h2(directory))
                .withoutSearch()
                .scheduler(host));
        // The host's only thread is busy with work of its own until the knowledge base is closed.
        var busy = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        host.execute(() -> {
            busy.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        busy.await();
        pick(kb, "drucker");

        CompletableFuture<Void> closing = CompletableFuture.runAsync(kb::close);
        try {
            assertThat(closing).succeedsWithin(java.time.Duration.ofMillis(PATIENCE_MILLIS));
        } finally {
            release.countDown();
        }

        try (ArticleStore reopened = ArticleStores.h2(directory)) {
            assertThat(((AnalyticsStore) reopened).topQueries(ReportQuery.all()))
                    .singleElement()
                    .satisfies(top -> assertThat(top.query()).isEqualTo("drucker"));
        }
    }

    @Test
    void manyKnowledgeBases_startNoThreadsOfTheirOwn() throws InterruptedException {
        // The shared pool reaches its size under the load of the first knowledge bases; count after that.
        KnowledgeBase warm = open(inMemory());
        pick(warm, "warm");
        awaitWritten(warm, 1);
        int before = liveThreads();

        for (int i = 0; i < 50; i++) {
            pick(open(inMemory()), "q" + i);
        }
        awaitTrue(
                () -> opened.stream().allMatch(kb -> kb.analytics().recording().written() == 1));

        assertThat(threadsNamed(SharedScheduler.THREAD_NAME_PREFIX)).isBetween(1L, (long) SharedScheduler.SIZE);
        assertThat(liveThreads() - before)
                .as("threads added by 50 knowledge bases, at most the shared pool's")
                .isLessThanOrEqualTo(SharedScheduler.SIZE);
        assertThat(opened)
                .allSatisfy(
                        kb -> assertThat(kb.analytics().recording().written()).isEqualTo(1));
    }

    @Test
    void sharedScheduler_cannotBeShutDown_norClosedByAnEngine() {
        ScheduledExecutorService shared = KnowledgeBase.sharedScheduler();

        assertThatThrownBy(shared::shutdown)
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("scheduler(...)");
        assertThatThrownBy(shared::shutdownNow).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(shared::close).isInstanceOf(UnsupportedOperationException.class);
        assertThat(shared.isShutdown()).isFalse();
    }

    @Test
    void searchEngineContext_offersTheKnowledgeBasesScheduler_andTheSharedPoolByDefault() {
        ScheduledThreadPoolExecutor host = hostPool(1);
        var seen = new ArrayList<ScheduledExecutorService>();
        open(KnowledgeBase.builder()
                .store(ArticleStores.inMemory())
                .searchEngine(context -> {
                    seen.add(context.scheduler());
                    return SubstringSearchEngine.provider().open(context);
                })
                .scheduler(host));

        assertThat(seen).containsExactly(host);
        assertThat(new SearchEngineContext(
                                ArticleStores.inMemory(), java.util.Optional.empty(), java.time.Duration.ofSeconds(1))
                        .scheduler())
                .isSameAs(KnowledgeBase.sharedScheduler());
    }

    @Test
    void scheduler_isSetOnce_andMustBeRunning() {
        ScheduledThreadPoolExecutor host = hostPool(1);
        var builder = KnowledgeBase.builder().scheduler(host);
        assertThatThrownBy(() -> builder.scheduler(host))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("scheduler was already set");

        ScheduledThreadPoolExecutor stopped = hostPool(1);
        stopped.shutdown();
        assertThatThrownBy(() -> KnowledgeBase.builder().scheduler(stopped))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shut down");

        ScheduledThreadPoolExecutor stoppedLater = hostPool(1);
        var later = KnowledgeBase.builder()
                .store(ArticleStores.inMemory())
                .withoutSearch()
                .scheduler(stoppedLater);
        stoppedLater.shutdown();
        assertThatThrownBy(later::build)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("shut down");
    }
}
