package org.kcskb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kcskb.actor.Actor;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleId;
import org.kcskb.article.ArticleState;
import org.kcskb.store.ArticleStores;

/**
 * Regression: {@link KnowledgeBase#merge} checked the survivor before the transaction, so A into B and B into A at
 * once archived both articles (each pointing at the other) and left no survivor.
 */
class MergeRaceTest {
    private static final Actor PUBLISHER = Actor.publisher("pub-1");
    private static final int ROUNDS = 60;

    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(strings = {"in-memory", "h2"})
    void crosswiseMergesAtOnce_neverArchiveBoth(String storeKind) throws Exception {
        var builder = KnowledgeBase.builder().withoutSearch();
        builder.store(storeKind.equals("h2") ? ArticleStores.h2(temp.resolve("store")) : ArticleStores.inMemory());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (KnowledgeBase kb = builder.build()) {
            for (int round = 0; round < ROUNDS; round++) {
                ArticleId a = kb.capture(PUBLISHER, ArticleContent.of("Printer A " + round, "Offline"))
                        .id();
                ArticleId b = kb.capture(PUBLISHER, ArticleContent.of("Printer B " + round, "Offline"))
                        .id();
                var start = new CountDownLatch(1);
                var merged = new AtomicInteger();
                var futures = new ArrayList<Future<?>>();
                for (ArticleId[] pair : List.of(new ArticleId[] {a, b}, new ArticleId[] {b, a})) {
                    futures.add(pool.submit(() -> {
                        start.await();
                        try {
                            kb.merge(PUBLISHER, pair[0], pair[1]);
                            merged.incrementAndGet();
                        } catch (RevisionConflictException | ActionRefusedException e) {
                            // The other merge came first: a conflict in the commit, or a refusal because the
                            // survivor was already archived when this merge read it.
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> f : futures) {
                    f.get(30, TimeUnit.SECONDS);
                }
                long archived = List.of(a, b).stream()
                        .filter(id -> kb.article(id).orElseThrow().state() == ArticleState.ARCHIVED)
                        .count();
                assertThat(merged.get()).as("merges in round %d", round).isEqualTo(1);
                assertThat(archived).as("archived articles in round %d", round).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
