package org.kcskb.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kcskb.KnowledgeBase;
import org.kcskb.store.ArticleStores;
import org.kcskb.store.StoreTimeouts;
import org.kcskb.store.TcpProxy;
import org.kcskb.store.spi.ArticleStore;

/**
 * PostgreSQL restarted mid-write and a network black hole (issue 15, sections 2 and 5), through a {@link TcpProxy}
 * on loopback between the knowledge base and PostgreSQL. While a writer runs random Solve Loop writes, the proxy
 * drops every connection (3 times in CI, 30 in the long profile): writes during a drop may fail, but only with a
 * typed {@link org.kcskb.KbException} (a {@link org.kcskb.StorageException}), writes after it succeed again, and
 * nothing acknowledged is lost or stored twice; the index catches up through the same proxy. Then the network goes
 * silent while the index follower polls, and {@code close()} must return anyway.
 *
 * <p>Needs {@code KB_TEST_POSTGRES_URL} (skipped without it, except on CI).
 */
class PostgresNetworkFailureTest {
    private static final int DROPS = Campaign.size(3, 30);
    /** Writes acknowledged between two drops, and after the last one, to show that writing recovered. */
    private static final int WRITES_BETWEEN = 25;

    private static final Duration RECOVERY = Duration.ofSeconds(60);
    /**
     * The store's timeouts through the proxy: shorter than the defaults (10 s, 30 s, 60 s), so that a call caught
     * in the black hole fails within seconds.
     */
    private static final StoreTimeouts TIMEOUTS =
            new StoreTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofSeconds(10));
    /**
     * How long close() may take while the database does not answer: a poll in flight fails after the network
     * timeout of {@link #TIMEOUTS}; the rest is room for a loaded machine.
     */
    private static final Duration CLOSE_BOUND = Duration.ofSeconds(45);

    @TempDir
    Path directory;

    private String url;
    private Campaign.PostgresSchema schema;
    private TcpProxy proxy;
    private final List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
    private final List<String> unexpected = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() throws Exception {
        schema = Campaign.postgresSchema("the PostgreSQL network checks", "kb_campaign_");
        url = schema.database();
        Matcher m =
                Pattern.compile("jdbc:postgresql://([^/:?]+)(?::(\\d+))?/(.*)").matcher(url);
        assertThat(m.matches())
                .as("a jdbc:postgresql://host[:port]/database URL: %s", url)
                .isTrue();
        proxy = new TcpProxy(m.group(1), m.group(2) == null ? 5432 : Integer.parseInt(m.group(2)));
    }

    @AfterEach
    void stop() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
        if (schema != null) {
            schema.close();
        }
    }

    /** The database URL through the proxy, in this test's schema. */
    private String proxied() {
        return schema.in(
                "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + url.replaceFirst("jdbc:postgresql://[^/]+/", ""));
    }

    private String direct() {
        return schema.url();
    }

    /** Runs the workload on its own thread until {@code stop}; any exception that is not a KbException is unexpected. */
    private Thread writer(KnowledgeBase kb, long seed, AtomicBoolean stop, SolveLoopWorkload[] workload) {
        workload[0] = new SolveLoopWorkload(kb, new SplittableRandom(seed), "zqpx", acknowledged::add);
        return Thread.ofPlatform().name("campaign-writer").start(() -> {
            while (!stop.get()) {
                try {
                    workload[0].step();
                } catch (Exception | Error e) {
                    if (unexpected.size() < 20) {
                        unexpected.add(e + (e.getCause() != null ? " caused by " + e.getCause() : ""));
                    }
                }
            }
        });
    }

    private boolean awaitAcknowledged(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (acknowledged.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return acknowledged.size() >= count;
    }

    @Test
    void connectionsDropped_midWrite_failTyped_thenRecover_andLoseNothing() throws Exception {
        long seed = Campaign.seed();
        var stop = new AtomicBoolean();
        var workload = new SolveLoopWorkload[1];
        var writes = new AcknowledgedWrites();
        try (KnowledgeBase kb = KnowledgeBase.builder()
                .store(ArticleStores.postgres(proxied(), "", "", TIMEOUTS))
                .directory(directory)
                .build()) {
            Thread writer = writer(kb, seed, stop, workload);
            try {
                for (int drop = 0; drop < DROPS; drop++) {
                    assertThat(awaitAcknowledged(acknowledged.size() + WRITES_BETWEEN, RECOVERY))
                            .as(
                                    "writes recovered after drop %d (seed %d); failures %s, unexpected %s",
                                    drop, seed, workload[0].failures(), unexpected)
                            .isTrue();
                    proxy.dropAll();
                }
                assertThat(awaitAcknowledged(acknowledged.size() + WRITES_BETWEEN, RECOVERY))
                        .as(
                                "writes recovered after the last drop (seed %d); failures %s, unexpected %s",
                                seed, workload[0].failures(), unexpected)
                        .isTrue();
            } finally {
                stop.set(true);
                writer.join(TimeUnit.SECONDS.toMillis(60));
            }
            assertThat(unexpected)
                    .as("exceptions other than KbException (seed %d)", seed)
                    .isEmpty();
            writes.add(List.copyOf(acknowledged));
            // The follower reads the feed through the proxy too: it must have survived the drops.
            writes.checkSearch(kb, List.of(), RECOVERY);
        }
        try (ArticleStore store = ArticleStores.postgres(direct(), "", "");
                KnowledgeBase kb = KnowledgeBase.builder()
                        .store(store)
                        .directory(directory.resolve("check"))
                        .build()) {
            writes.checkStore(kb, store, DROPS, true);
        }
        System.out.printf(
                "PostgresNetworkFailureTest drops (%s, seed %d): %d drops, %d connections, %d writes acknowledged"
                        + " (%d captures), %d checks, failed writes %s, %d acknowledged views not stored%n",
                Campaign.PROFILE,
                seed,
                DROPS,
                proxy.connections(),
                writes.writes(),
                writes.captures(),
                writes.checks(),
                workload[0].failures(),
                writes.viewsNotStored());
        assertThat(writes.problems()).as("seed %d", seed).isEmpty();
        assertThat(workload[0].failures().keySet())
                .as("failed writes are typed storage failures (or lifecycle refusals)")
                .allMatch(name -> name.equals("StorageException") || name.equals("ActionRefusedException"));
    }

    @Test
    void blackHole_duringWrites_andDuringAPoll_writesRecover_andCloseReturns() throws Exception {
        long seed = Campaign.seed();
        var stop = new AtomicBoolean();
        var workload = new SolveLoopWorkload[1];
        KnowledgeBase kb = KnowledgeBase.builder()
                .store(ArticleStores.postgres(proxied(), "", "", TIMEOUTS))
                .directory(directory)
                .refreshInterval(Duration.ofMillis(200))
                .build();
        CompletableFuture<Void> closing = null;
        long closeMillis = -1;
        try {
            Thread writer = writer(kb, seed, stop, workload);
            try {
                assertThat(awaitAcknowledged(WRITES_BETWEEN, RECOVERY)).isTrue();
                proxy.blackHole(true);
                Thread.sleep(Campaign.size(3_000, 20_000));
                proxy.blackHole(false);
                assertThat(awaitAcknowledged(acknowledged.size() + WRITES_BETWEEN, RECOVERY))
                        .as(
                                "writes recovered after the black hole (seed %d); failures %s, unexpected %s",
                                seed, workload[0].failures(), unexpected)
                        .isTrue();
            } finally {
                stop.set(true);
                writer.join(TimeUnit.SECONDS.toMillis(120));
            }
            assertThat(unexpected)
                    .as("exceptions other than KbException (seed %d)", seed)
                    .isEmpty();
            // The cable is pulled while only the index follower polls the feed; close() must still return.
            proxy.blackHole(true);
            Thread.sleep(500);
            KnowledgeBase closed = kb;
            long closeStart = System.nanoTime();
            closing = CompletableFuture.runAsync(closed::close);
            try {
                closing.get(CLOSE_BOUND.toSeconds(), TimeUnit.SECONDS);
                closeMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closeStart);
            } catch (TimeoutException e) {
                fail("close() did not return within " + CLOSE_BOUND + " while the database did not answer");
            }
        } finally {
            proxy.blackHole(false);
            if (closing == null) {
                kb.close();
            } else {
                closing.get(120, TimeUnit.SECONDS);
            }
        }
        var writes = new AcknowledgedWrites();
        writes.add(List.copyOf(acknowledged));
        try (ArticleStore store = ArticleStores.postgres(direct(), "", "");
                KnowledgeBase check = KnowledgeBase.builder()
                        .store(store)
                        .directory(directory.resolve("check"))
                        .build()) {
            writes.checkStore(check, store, 1, true);
        }
        System.out.printf(
                "PostgresNetworkFailureTest black hole (%s, seed %d): %d writes acknowledged, %d checks, failed"
                        + " writes %s, close() during the black hole returned after %d ms%n",
                Campaign.PROFILE, seed, writes.writes(), writes.checks(), workload[0].failures(), closeMillis);
        assertThat(writes.problems()).as("seed %d", seed).isEmpty();
    }
}
