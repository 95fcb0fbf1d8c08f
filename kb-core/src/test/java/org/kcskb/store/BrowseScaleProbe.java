package org.kcskb.store;

import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.kcskb.actor.Actor;
import org.kcskb.actor.Viewer;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleId;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.article.CaseId;
import org.kcskb.article.CaseLink;
import org.kcskb.article.Environment;
import org.kcskb.article.LinkType;
import org.kcskb.article.Revision;
import org.kcskb.article.RevisionKind;
import org.kcskb.browse.BrowseRequest;
import org.kcskb.lifecycle.VisibilityPolicy;

/**
 * A manual measurement, not part of the build (its name matches no test pattern): browse pages and counts over
 * {@code -Dprobe.n} articles (100,000 by default) in the in-memory and the H2 store, printed after two warm-up
 * rounds. Run with {@code ./mvnw -B -ntp -o -q -pl kb-core verify -Dtest=BrowseScaleProbe
 * -Dsurefire.failIfNoSpecifiedTests=false} and read {@code target/surefire-reports/*BrowseScaleProbe-output.txt}.
 */
class BrowseScaleProbe {
    @Test
    void probe() throws Exception {
        int n = Integer.getInteger("probe.n", 100_000);
        for (String kind : List.of("memory", "h2")) {
            try (ArticleStore store = kind.equals("memory")
                    ? ArticleStores.inMemory()
                    : ArticleStores.h2(Files.createTempDirectory("probe"))) {
                long t0 = System.nanoTime();
                var batch = new ArrayList<Mutation>();
                ArticleState[] states = ArticleState.values();
                Audience[] audiences = Audience.values();
                for (int i = 0; i < n; i++) {
                    ArticleId id = store.allocateId();
                    var content = new ArticleContent(
                            "Artikel " + i,
                            "Problem " + i,
                            new Environment(Map.of("product", "P" + (i % 20)), ""),
                            "Lösung",
                            "",
                            Locale.GERMAN,
                            Set.of("t" + (i % 7)));
                    batch.add(new Mutation.AppendRevision(new Revision(
                            id,
                            1,
                            content,
                            states[i % 4],
                            audiences[i % 3],
                            Optional.empty(),
                            Actor.contributor("a" + (i % 50)),
                            Instant.ofEpochSecond(1_700_000_000L + i),
                            RevisionKind.CAPTURED,
                            "")));
                    if (i % 3 == 0) {
                        batch.add(new Mutation.PutLink(new CaseLink(
                                id,
                                CaseId.of("C" + i),
                                LinkType.RESOLUTION,
                                1,
                                "a",
                                Instant.ofEpochSecond(1_700_000_000L + 2L * i))));
                    }
                    if (batch.size() >= 1000) {
                        store.commit(batch);
                        batch.clear();
                    }
                }
                if (!batch.isEmpty()) store.commit(batch);
                System.out.printf("%s: %d articles loaded in %d ms%n", kind, n, (System.nanoTime() - t0) / 1_000_000);
                var agent = VisibilityPolicy.kcsDefault().visibleTo(Viewer.agent(Actor.publisher("c")), true);
                var pub = VisibilityPolicy.kcsDefault().visibleTo(Viewer.anonymous(), false);
                var requests = Map.of(
                        "all by updated", BrowseRequest.builder().limit(50).build(),
                        "NOT_VALIDATED by reuse",
                                BrowseRequest.builder()
                                        .states(ArticleState.NOT_VALIDATED)
                                        .sort(BrowseRequest.Sort.REUSE_COUNT, true)
                                        .limit(50)
                                        .build(),
                        "one product by last reused",
                                BrowseRequest.builder()
                                        .product("P3")
                                        .sort(BrowseRequest.Sort.LAST_REUSED, true)
                                        .limit(50)
                                        .build());
                for (int round = 0; round < 3; round++) {
                    for (var e : requests.entrySet()) {
                        long s = System.nanoTime();
                        var page = store.browse(e.getValue(), agent, Optional.empty(), 51);
                        long m1 = System.nanoTime();
                        var counts = store.browseCounts(e.getValue(), agent);
                        long m2 = System.nanoTime();
                        store.browse(e.getValue(), pub, Optional.empty(), 51);
                        long m3 = System.nanoTime();
                        if (round == 2) {
                            System.out.printf(
                                    "%s %-28s page %d ms (%d items), counts %d ms (total %d), public page %d ms%n",
                                    kind,
                                    e.getKey(),
                                    (m1 - s) / 1_000_000,
                                    page.size(),
                                    (m2 - m1) / 1_000_000,
                                    counts.total(),
                                    (m3 - m2) / 1_000_000);
                        }
                    }
                }
            }
        }
    }
}
