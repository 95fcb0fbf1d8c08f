package org.kcskb.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kcskb.KnowledgeBase;
import org.kcskb.article.ArticleId;
import org.kcskb.store.ArticleStores;
import org.kcskb.store.spi.ArticleStore;

/**
 * SIGKILL cycles (issue 15, section 5): a child JVM ({@link SolveLoopChild}) does random Solve Loop writes,
 * searches and rebuilds on one knowledge base and is killed with SIGKILL at a random moment (at start-up, while it
 * catches up, in the middle of a write or a rebuild); then the knowledge base is reopened here and every
 * acknowledged write must be in the store exactly once, no capture marker on two articles, the index must open (or
 * be rebuilt) and, once caught up, find every article captured in that cycle (and a sample of earlier ones) by its
 * marker. The same knowledge base lives through all cycles, as a server's does through its crashes.
 *
 * <p>CI: 3 cycles per store; long profile: 100. PostgreSQL needs {@code KB_TEST_POSTGRES_URL} (skipped without
 * it, except on CI); each run works in a fresh schema, dropped afterwards. {@code -Dkb.seed=N} repeats the kill
 * moments and the writes.
 */
class SigkillCampaignTest {
    private static final int CYCLES = Integer.getInteger("kb.sigkill.cycles", Campaign.size(3, 100));
    private static final Duration CATCH_UP = Duration.ofSeconds(60);

    @TempDir
    Path directory;

    @Test
    void sigkill_h2_losesNoAcknowledgedWrite() throws Exception {
        Path store = directory.resolve("store");
        run("h2", store.toString(), () -> ArticleStores.h2(store));
    }

    @Test
    void sigkill_postgres_losesNoAcknowledgedWrite() throws Exception {
        try (Campaign.PostgresSchema schema =
                Campaign.postgresSchema("the PostgreSQL SIGKILL cycles", "kb_campaign_")) {
            String inSchema = schema.url();
            run("postgres", inSchema, () -> ArticleStores.postgres(inSchema, "", ""));
        }
    }

    private void run(String kind, String location, Supplier<ArticleStore> reopen) throws Exception {
        long seed = Campaign.seed();
        var random = new SplittableRandom(seed);
        var writes = new AcknowledgedWrites();
        int killedBeforeFirstWrite = 0;
        for (int cycle = 0; cycle < CYCLES; cycle++) {
            Path log = directory.resolve("ack-" + cycle + ".log");
            Path errors = directory.resolve("child-" + cycle + ".err");
            Process child = new ProcessBuilder(
                            ProcessHandle.current().info().command().orElseThrow(),
                            "-Xmx256m",
                            "-XX:+UseSerialGC",
                            "-XX:TieredStopAtLevel=1",
                            "-cp",
                            System.getProperty("java.class.path"),
                            SolveLoopChild.class.getName(),
                            kind,
                            location,
                            directory.toString(),
                            log.toString(),
                            Long.toString(random.nextLong()),
                            Integer.toString(cycle))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(errors.toFile())
                    .start();
            try {
                if (random.nextInt(5) == 0) {
                    // Anywhere from start-up (opening, catching up, recovering the index) to the first writes.
                    child.waitFor(random.nextInt(4_000), TimeUnit.MILLISECONDS);
                } else {
                    int acknowledged = 1 + random.nextInt(Campaign.size(60, 200));
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    while (child.isAlive()
                            && AcknowledgedWrites.read(log).size() < acknowledged
                            && System.nanoTime() < deadline) {
                        Thread.sleep(20);
                    }
                    child.waitFor(random.nextInt(500), TimeUnit.MILLISECONDS);
                }
                if (!child.isAlive()) {
                    fail("cycle " + cycle + " (seed " + seed + "): the child exited with " + child.exitValue()
                            + " before it was killed:\n" + tail(errors));
                }
            } finally {
                // SIGKILL on Linux: no shutdown hook, no close, in the middle of whatever the child was doing.
                child.destroyForcibly();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            List<String> acknowledged = AcknowledgedWrites.read(log);
            if (acknowledged.isEmpty()) {
                killedBeforeFirstWrite++;
            }
            writes.add(acknowledged);
            List<ArticleId> before = writes.capturedIds();
            var check = new ArrayList<ArticleId>();
            acknowledged.stream()
                    .filter(line -> line.startsWith("capture "))
                    .map(line -> ArticleId.of(line.split(" ")[1]))
                    .forEach(check::add);
            for (int i = 0; i < 10 && !before.isEmpty(); i++) {
                check.add(before.get(random.nextInt(before.size())));
            }
            ArticleStore store = reopen.get();
            try (KnowledgeBase kb =
                    KnowledgeBase.builder().store(store).directory(directory).build()) {
                writes.checkStore(kb, store, cycle + 1, cycle % 10 == 9 || cycle == CYCLES - 1);
                writes.checkSearch(kb, check, CATCH_UP);
            }
            assertThat(writes.problems())
                    .as(
                            "%s, cycle %d of %d (seed %d; repeat with -Dkb.seed=%d); child's stderr:%n%s",
                            kind, cycle, CYCLES, seed, seed, tail(errors))
                    .isEmpty();
        }
        System.out.printf(
                "SigkillCampaignTest %s (%s, seed %d): %d cycles (%d killed before their first write), %d writes"
                        + " acknowledged (%d captures), %d checks passed, %d acknowledged views not stored%n",
                kind,
                Campaign.PROFILE,
                seed,
                CYCLES,
                killedBeforeFirstWrite,
                writes.writes(),
                writes.captures(),
                writes.checks(),
                writes.viewsNotStored());
    }

    private static String tail(Path file) throws IOException {
        if (!Files.exists(file)) {
            return "(none)";
        }
        List<String> lines = Files.readAllLines(file);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }
}
