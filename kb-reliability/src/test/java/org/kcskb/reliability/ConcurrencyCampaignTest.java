package org.kcskb.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kcskb.Draft;
import org.kcskb.KnowledgeBase;
import org.kcskb.RevisionConflictException;
import org.kcskb.actor.Actor;
import org.kcskb.actor.Viewer;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleId;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.article.CaseId;
import org.kcskb.article.FlagReason;
import org.kcskb.article.LinkType;
import org.kcskb.lifecycle.Visibility;
import org.kcskb.lifecycle.VisibilityPolicy;
import org.kcskb.search.SearchHit;
import org.kcskb.search.SearchRequest;
import org.kcskb.search.Suggestion;

/**
 * Concurrency (issue 15, section 5): 8 writers, 8 searchers and 4 suggesters on one knowledge base (H2) for 10 s
 * (CI) or 60 s (long profile). No call may fail except a writer's {@link RevisionConflictException} (a documented
 * outcome of two revisions from the same base); after the run (the knowledge base closed and reopened, so that
 * counts kept in memory are written) every article's counters equal the acknowledged operations: reuse count,
 * helpful and unhelpful votes, views, revisions and open flags; and no search hit or title suggestion was ever
 * outside the asker's audience, checked against the {@link VisibilityPolicy} with the stored article. Articles
 * keep their state and audience during the run, so that what the index shows and what the store says agree.
 */
class ConcurrencyCampaignTest {
    private static final Duration RUN = Duration.ofSeconds(Campaign.size(10, 60));
    private static final int WRITERS = 8;
    private static final int SEARCHERS = 8;
    private static final int SUGGESTERS = 4;
    private static final Actor WRITER = SolveLoopWorkload.WRITER;
    private static final VisibilityPolicy POLICY = VisibilityPolicy.kcsDefault();
    private static final List<String> WORDS =
            List.of("printer", "offline", "spooler", "driver", "password", "reset", "vpn", "update", "error");
    private static final List<Viewer> VIEWERS =
            List.of(Viewer.anonymous(), Viewer.partner("partner-1"), Viewer.agent(Actor.candidate("agent-1")));

    /** What was acknowledged for one article. */
    private static final class Expected {
        final AtomicInteger links = new AtomicInteger();
        final AtomicInteger helpful = new AtomicInteger();
        final AtomicInteger unhelpful = new AtomicInteger();
        final AtomicInteger views = new AtomicInteger();
        final AtomicInteger revisions = new AtomicInteger(1);
        final AtomicInteger flags = new AtomicInteger();
    }

    @TempDir
    Path directory;

    private final Map<ArticleId, Expected> expected = new ConcurrentHashMap<>();
    private final List<ArticleId> ids = new CopyOnWriteArrayList<>();
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong cases = new AtomicLong();
    private final LongAdder writes = new LongAdder();
    private final LongAdder conflicts = new LongAdder();
    private final LongAdder searches = new LongAdder();
    private final LongAdder hitsChecked = new LongAdder();
    private final LongAdder suggestions = new LongAdder();

    @Test
    void writersSearchersAndSuggesters_atOnce_countEveryAcknowledgedWrite_andShowOnlyWhatEachMaySee() throws Exception {
        long seed = Campaign.seed();
        var random = new SplittableRandom(seed);
        try (KnowledgeBase kb = KnowledgeBase.open(directory)) {
            for (int i = 0; i < 40; i++) {
                capture(kb, random);
            }
            assertThat(kb.awaitSearchable(Duration.ofSeconds(30))).isTrue();
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS + SEARCHERS + SUGGESTERS);
            var tasks = new ArrayList<Future<?>>();
            for (int i = 0; i < WRITERS; i++) {
                var own = random.split();
                tasks.add(pool.submit(() -> loop("writer", () -> write(kb, own))));
            }
            for (int i = 0; i < SEARCHERS; i++) {
                var own = random.split();
                tasks.add(pool.submit(() -> loop("searcher", () -> search(kb, own))));
            }
            for (int i = 0; i < SUGGESTERS; i++) {
                var own = random.split();
                tasks.add(pool.submit(() -> loop("suggester", () -> suggest(kb, own))));
            }
            Thread.sleep(RUN.toMillis());
            running.set(false);
            for (Future<?> task : tasks) {
                task.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();
        }
        // Reopened: whatever was counted in memory has been written by close().
        int checks = 0;
        try (KnowledgeBase kb = KnowledgeBase.open(directory)) {
            for (ArticleId id : ids) {
                Expected want = expected.get(id);
                Article article = kb.article(id).orElseThrow();
                var have = article.signals();
                String what = id + " (seed " + seed + ")";
                assertThat(have.reuseCount()).as("reuse count of %s", what).isEqualTo(want.links.get());
                assertThat(kb.links(id)).as("links of %s", what).hasSize(want.links.get());
                assertThat(have.helpfulCount()).as("helpful votes of %s", what).isEqualTo(want.helpful.get());
                assertThat(have.unhelpfulCount())
                        .as("unhelpful votes of %s", what)
                        .isEqualTo(want.unhelpful.get());
                assertThat(kb.feedback(id))
                        .as("feedback of %s", what)
                        .hasSize(want.helpful.get() + want.unhelpful.get());
                assertThat(have.viewCount()).as("views of %s", what).isEqualTo(want.views.get());
                assertThat(article.revision()).as("revisions of %s", what).isEqualTo(want.revisions.get());
                assertThat(kb.history(id).revisions()).as("history of %s", what).hasSize(want.revisions.get());
                assertThat(have.openFlagCount()).as("open flags of %s", what).isEqualTo(want.flags.get());
                checks += 9;
            }
        }
        System.out.printf(
                "ConcurrencyCampaignTest (%s, seed %d): %d s with %d writers, %d searchers, %d suggesters; %d writes"
                        + " acknowledged (%d revision conflicts), %d searches with %d hits checked against the"
                        + " policy, %d suggest calls, %d counter checks on %d articles; failures %d%n",
                Campaign.PROFILE,
                seed,
                RUN.toSeconds(),
                WRITERS,
                SEARCHERS,
                SUGGESTERS,
                writes.sum(),
                conflicts.sum(),
                searches.sum(),
                hitsChecked.sum(),
                suggestions.sum(),
                checks,
                ids.size(),
                failures.size());
        assertThat(failures).as("failures (seed %d)", seed).isEmpty();
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    private void loop(String who, Step step) {
        while (running.get()) {
            try {
                step.run();
            } catch (Throwable e) {
                if (failures.size() < 20) {
                    var text = new java.io.StringWriter();
                    e.printStackTrace(new java.io.PrintWriter(text));
                    failures.add(who + ": " + text.toString().lines().limit(12).reduce("", (a, b) -> a + "\n" + b));
                }
            }
        }
    }

    /** A new article with a state and audience it keeps for the whole run. */
    private void capture(KnowledgeBase kb, SplittableRandom random) {
        String word = WORDS.get(random.nextInt(WORDS.size()));
        var content = ArticleContent.of(
                        "Printer " + word + " " + ids.size(), "The printer shows " + word + " after the update.")
                .withResolution("Restart the print spooler.")
                .withLanguage(Locale.ENGLISH);
        ArticleState state = List.of(ArticleState.WORK_IN_PROGRESS, ArticleState.NOT_VALIDATED, ArticleState.VALIDATED)
                .get(random.nextInt(3));
        Audience audience = Audience.values()[random.nextInt(Audience.values().length)];
        Article article = kb.capture(WRITER, Draft.of(content).withState(state).withAudience(audience));
        expected.put(article.id(), new Expected());
        ids.add(article.id());
        writes.increment();
    }

    private void write(KnowledgeBase kb, SplittableRandom random) {
        ArticleId id = ids.get(random.nextInt(ids.size()));
        Expected want = expected.get(id);
        int dice = random.nextInt(100);
        if (dice < 3) {
            capture(kb, random);
            return;
        } else if (dice < 25) {
            kb.link(WRITER, id, CaseId.of("CASE-" + cases.incrementAndGet()), LinkType.REFERENCE);
            want.links.incrementAndGet();
        } else if (dice < 45) {
            boolean helpful = random.nextBoolean();
            kb.feedback(Viewer.agent(WRITER), id, helpful, "");
            (helpful ? want.helpful : want.unhelpful).incrementAndGet();
        } else if (dice < 70) {
            kb.recordView(Viewer.agent(WRITER), id);
            want.views.incrementAndGet();
        } else if (dice < 88) {
            Article current = kb.article(id).orElseThrow();
            try {
                kb.revise(
                        WRITER,
                        id,
                        current.revision(),
                        current.content().withIssue("Revised " + random.nextInt() + ": the printer is offline."),
                        "");
                want.revisions.incrementAndGet();
            } catch (RevisionConflictException e) {
                conflicts.increment();
                return;
            }
        } else {
            kb.flag(WRITER, id, FlagReason.INCOMPLETE, "");
            want.flags.incrementAndGet();
        }
        writes.increment();
    }

    private void search(KnowledgeBase kb, SplittableRandom random) {
        Viewer viewer = VIEWERS.get(random.nextInt(VIEWERS.size()));
        boolean archived = random.nextBoolean();
        String query = WORDS.get(random.nextInt(WORDS.size())) + (random.nextBoolean() ? " printer" : "");
        List<SearchHit> hits = kb.search(SearchRequest.builder(query, viewer)
                        .includeArchived(archived)
                        .limit(20)
                        .recorded(random.nextInt(10) == 0)
                        .build())
                .hits();
        searches.increment();
        Visibility visibility = POLICY.visibleTo(viewer, archived);
        for (SearchHit hit : hits) {
            Article article = kb.article(hit.id()).orElseThrow();
            if (!visibility.permits(article)
                    || hit.audience() != article.audience()
                    || hit.state() != article.state()) {
                failures.add("search '" + query + "' as " + viewer + " returned " + hit.id() + " in " + article.state()
                        + "/" + article.audience() + " (hit says " + hit.state() + "/" + hit.audience() + ")");
            }
            hitsChecked.increment();
        }
    }

    private void suggest(KnowledgeBase kb, SplittableRandom random) {
        Viewer viewer = VIEWERS.get(random.nextInt(VIEWERS.size()));
        String word = WORDS.get(random.nextInt(WORDS.size()));
        String prefix = word.substring(0, 1 + random.nextInt(word.length()));
        Visibility visibility = POLICY.visibleTo(viewer, false);
        for (Suggestion suggestion : kb.suggest(prefix, viewer, 10)) {
            if (suggestion.kind() == Suggestion.Kind.QUERY) {
                // Nobody clicked a hit in this run, so no query can have been learned.
                failures.add(
                        "suggest '" + prefix + "' as " + viewer + " offered a learned query: " + suggestion.text());
                continue;
            }
            Article article = kb.article(suggestion.article().orElseThrow()).orElseThrow();
            if (!visibility.permits(article)) {
                failures.add("suggest '" + prefix + "' as " + viewer + " offered " + article.id() + " in "
                        + article.state() + "/" + article.audience());
            }
        }
        suggestions.increment();
    }
}
