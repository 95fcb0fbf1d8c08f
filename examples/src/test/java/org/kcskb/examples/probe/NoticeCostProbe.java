package org.kcskb.examples.probe;

import java.time.Duration;
import java.util.Locale;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import org.kcskb.KnowledgeBase;
import org.kcskb.actor.Actor;
import org.kcskb.actor.Viewer;
import org.kcskb.article.Audience;
import org.kcskb.examples.SampleKnowledgeBase;
import org.kcskb.notice.NoticeDraft;
import org.kcskb.search.SearchRequest;
import org.kcskb.store.ArticleStores;

/** Not a test: measures what matching known-issue notices adds to a search (min of 7 rounds of 5,000 calls). */
class NoticeCostProbe {
    private static final String[] QUERIES = {
        "drucker druckt nicht", "vpn hotel wifi", "kündigung abo", "passwort vergessen"
    };

    @Test
    void measure() {
        try (KnowledgeBase kb =
                KnowledgeBase.builder().store(ArticleStores.inMemory()).build()) {
            SampleKnowledgeBase.loadIfEmpty(kb);
            kb.awaitSearchable(Duration.ofSeconds(60));
            IntConsumer search = i -> kb.search(SearchRequest.builder(QUERIES[i % 4], Viewer.anonymous())
                    .recorded(false)
                    .build());
            long without = min(search);
            for (int i = 0; i < 20; i++) {
                kb.publishNotice(
                        Actor.publisher("c"),
                        NoticeDraft.builder()
                                .text(Locale.GERMAN, "Störung " + i, "Text")
                                .text(Locale.ENGLISH, "Outage " + i, "Text")
                                .products("Produkt " + i)
                                .symptoms("störung " + i, "fehler code e" + i, "dienst " + i + " langsam")
                                .audience(Audience.PUBLIC)
                                .lasting(Duration.ofHours(2))
                                .build());
            }
            long with = min(search);
            long match = min(i -> kb.notices(Viewer.anonymous(), QUERIES[i % 4], Locale.ROOT));
            System.out.println("PROBE search (result cache warm) without notices " + without
                    + " ns, with 20 active notices " + with + " ns; notices(viewer, text) alone " + match + " ns");
        }
    }

    private static long min(IntConsumer call) {
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 7; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 5000; i++) {
                call.accept(i);
            }
            best = Math.min(best, (System.nanoTime() - t0) / 5000);
        }
        return best;
    }
}
