package org.kcskb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kcskb.actor.Actor;
import org.kcskb.actor.Viewer;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.article.CaseId;
import org.kcskb.article.Environment;
import org.kcskb.article.Flag;
import org.kcskb.article.FlagReason;
import org.kcskb.article.LinkType;
import org.kcskb.browse.TimeRange;
import org.kcskb.health.ArticleHealth;
import org.kcskb.health.AuthorHealth;
import org.kcskb.health.CaseClosure;
import org.kcskb.health.CaseStats;
import org.kcskb.health.ContributionHealth;
import org.kcskb.health.FlagActivity;
import org.kcskb.health.HealthReport;
import org.kcskb.health.HealthRequest;
import org.kcskb.health.QualityCheck;
import org.kcskb.health.QualityIndex;
import org.kcskb.health.Trend;
import org.kcskb.lifecycle.ContentStandard;
import org.kcskb.lifecycle.Visibility;
import org.kcskb.lifecycle.VisibilityPolicy;
import org.kcskb.store.ArticleStores;
import org.kcskb.store.spi.ArticleStore;

/**
 * Content health reports (issue 18 §2) over a fixed story on a clock the test moves: the report is made at {@code
 * NOW} over the 30 days before it, and compared with the 30 days before those.
 */
class ContentHealthTest {
    private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
    private static final Actor AUTHOR = Actor.contributor("agent-1");
    private static final Actor COLLEAGUE = Actor.contributor("agent-2");
    private static final Actor FLAGGER = Actor.candidate("agent-3");
    private static final Actor COACH = Actor.publisher("coach-1");

    private final MovableClock clock = new MovableClock(NOW);
    private KnowledgeBase kb;

    @TempDir
    Path directory;

    @AfterEach
    void close() {
        if (kb != null) {
            kb.close();
        }
    }

    private KnowledgeBase open(ArticleStore store, VisibilityPolicy policy) {
        kb = KnowledgeBase.builder()
                .store(store)
                .withoutSearch()
                .clock(clock)
                .visibilityPolicy(policy)
                .build();
        return kb;
    }

    private ArticleStore store(String kind) {
        return switch (kind) {
            case "memory" -> ArticleStores.inMemory();
            case "h2" -> ArticleStores.h2(directory.resolve("store"));
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private void at(Duration beforeNow) {
        clock.set(NOW.minus(beforeNow));
    }

    private static Duration days(long days) {
        return Duration.ofDays(days);
    }

    private static ArticleContent complete(String title) {
        return ArticleContent.of(title, title + " since the update")
                .withEnvironment(Environment.of("Acme Print", "4.2", "Windows 11"))
                .withResolution("Reinstall the driver");
    }

    /** The articles of the story: A and B by agent-1, D by agent-2, captured for case C-3. */
    private record Story(Article a, Article b, Article d) {}

    /**
     * A (agent-1, 45 days ago, complete) is reused by agent-2 once in the previous window and once in this one, and
     * by its author once in this one; flagged 20 days ago and fixed two days later. B (agent-1, 20 days ago) has no
     * environment and no resolution (work in progress) and an open flag. D (agent-2) is captured from case C-3
     * while it is open. Cases: C-1 (agent-2, reuses A: known), C-3 (agent-2, D: new), C-4 (agent-1, no link), and
     * OLD (closed in the previous window).
     */
    private Story story() {
        at(days(45));
        Article a = kb.capture(AUTHOR, complete("Printer stops after update"));
        kb.link(COLLEAGUE, a.id(), CaseId.of("OLD"), LinkType.RESOLUTION);
        at(days(50).minus(days(10)));
        kb.caseClosed(COLLEAGUE, CaseId.of("OLD"), NOW.minus(days(46)));
        kb.feedback(Viewer.agent(AUTHOR), a.id(), true, "");

        at(days(21));
        Instant c1Opened = clock.instant();
        at(days(20));
        Article b = kb.capture(AUTHOR, ArticleContent.of("Scanner scans blank pages", "Blank pages when scanning"));
        kb.link(COLLEAGUE, a.id(), CaseId.of("C-1"), LinkType.RESOLUTION);
        kb.link(AUTHOR, a.id(), CaseId.of("C-2"), LinkType.REFERENCE);
        Flag flag = kb.flag(FLAGGER, a.id(), FlagReason.INCOMPLETE, "Which driver version?");
        at(days(19));
        kb.caseClosed(COLLEAGUE, CaseId.of("C-1"), c1Opened);
        at(days(18));
        kb.resolveFlag(AUTHOR, flag.id(), "Added the version");

        at(days(16));
        Instant c3Opened = clock.instant();
        at(days(15));
        Article d = kb.capture(COLLEAGUE, Draft.of(complete("Tray 2 jams")).fromCase(CaseId.of("C-3")));
        at(days(14));
        kb.caseClosed(COLLEAGUE, CaseId.of("C-3"), c3Opened);

        at(days(13));
        Instant c4Opened = clock.instant();
        at(days(12));
        kb.caseClosed(AUTHOR, CaseId.of("C-4"), c4Opened);

        at(days(10));
        kb.flag(FLAGGER, b.id(), FlagReason.INCORRECT, "Wrong menu path");
        at(days(5));
        kb.feedback(Viewer.agent(AUTHOR), a.id(), true, "");
        at(days(4));
        kb.feedback(Viewer.agent(AUTHOR), a.id(), false, "Still jams");
        clock.set(NOW);
        return new Story(a, b, d);
    }

    private static HealthRequest withTeams() {
        return HealthRequest.builder()
                .team("Printing", Set.of("agent-1", "agent-2"))
                .team("Nobody", Set.of("ghost"))
                .build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "h2"})
    void report_scoresEveryArticle_andCountsAuthorsTeamsAndCases(String kind) {
        open(store(kind), VisibilityPolicy.kcsDefault());
        Story s = story();

        HealthReport report = kb.health(COACH, withTeams());

        assertThat(report.asOf()).isEqualTo(NOW);
        assertThat(report.window()).isEqualTo(TimeRange.between(NOW.minus(days(30)), NOW));
        assertThat(report.previousWindow()).isEqualTo(TimeRange.between(NOW.minus(days(60)), NOW.minus(days(30))));
        assertThat(report.checks())
                .containsExactly(
                        ContentStandard.Builder.TITLE_REQUIRED,
                        ContentStandard.Builder.TITLE_MAX_LENGTH,
                        ContentStandard.Builder.ISSUE_REQUIRED,
                        ContentStandard.Builder.RESOLUTION_REQUIRED,
                        QualityCheck.ENVIRONMENT_PRESENT);
        assertThat(report.articleCount()).isEqualTo(3);
        assertThat(report.averageAqi().getAsDouble()).isCloseTo((1 + 0.8 + 1) / 3, within(1e-9));

        // Lowest AQI first; A and D tie at 1 without open flags and follow by id.
        assertThat(report.articles()).extracting(ArticleHealth::id).containsExactly(s.b().id(), s.a().id(), s.d().id());
        ArticleHealth b = report.articles().get(0);
        assertThat(b.aqi()).isCloseTo(0.8, within(1e-9));
        assertThat(b.failedChecks()).containsExactly(QualityCheck.ENVIRONMENT_PRESENT);
        assertThat(b.state()).isEqualTo(ArticleState.WORK_IN_PROGRESS);
        assertThat(b.flags())
                .isEqualTo(new FlagActivity(
                        1, 0, 1, Optional.empty(), Map.of(FlagReason.INCORRECT, 1), Map.of(FlagReason.INCORRECT, 1)));

        ArticleHealth a = report.articles().get(1);
        assertThat(a.aqi()).isEqualTo(1.0);
        assertThat(a.failedChecks()).isEmpty();
        assertThat(a.author()).isEqualTo("agent-1");
        assertThat(a.flags())
                .isEqualTo(new FlagActivity(1, 1, 0, Optional.of(days(2)), Map.of(FlagReason.INCOMPLETE, 1), Map.of()));
        assertThat(a.reuse()).isEqualTo(new Trend(2, 1));
        assertThat(a.helpful()).isEqualTo(new Trend(1, 1));
        assertThat(a.unhelpful()).isEqualTo(new Trend(1, 0));

        ArticleHealth d = report.articles().get(2);
        assertThat(d.reuse()).isEqualTo(new Trend(1, 0));
        assertThat(d.flags()).isEqualTo(FlagActivity.none());

        assertThat(report.flags())
                .isEqualTo(new FlagActivity(
                        2,
                        1,
                        1,
                        Optional.of(days(2)),
                        Map.of(FlagReason.INCOMPLETE, 1, FlagReason.INCORRECT, 1),
                        Map.of(FlagReason.INCORRECT, 1)));
        // Split by reason: why articles are flagged, raised in the window and open now.
        assertThat(report.flags().raisedByReason())
                .containsExactly(Map.entry(FlagReason.INCORRECT, 1), Map.entry(FlagReason.INCOMPLETE, 1));
        assertThat(report.flags().openNow(FlagReason.INCORRECT)).isEqualTo(1);
        assertThat(report.flags().openNow(FlagReason.INCOMPLETE)).isZero();
        assertThat(report.flags().raised(FlagReason.OUTDATED)).isZero();
        // OLD closed in the previous window: not counted. C-1 known, C-3 new, C-4 without a link.
        assertThat(report.cases()).isEqualTo(new CaseStats(3, 2, 1, 1));
        assertThat(report.cases().linkRate().getAsDouble()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(report.cases().newShare().getAsDouble()).isEqualTo(0.5);

        assertThat(report.authors()).extracting(AuthorHealth::author).containsExactly("agent-1", "agent-2");
        ContributionHealth author = report.author("agent-1").orElseThrow().health();
        assertThat(author.articles()).isEqualTo(2);
        assertThat(author.created()).isEqualTo(1);
        assertThat(author.articlesReusedByOthers()).isEqualTo(1);
        // Only agent-2's links count as reuse by others: C-1 now, OLD before; agent-1's own C-2 does not.
        assertThat(author.reusesByOthers()).isEqualTo(new Trend(1, 1));
        assertThat(author.averageAqi().getAsDouble()).isCloseTo(0.9, within(1e-9));
        assertThat(author.flags())
                .isEqualTo(new FlagActivity(
                        2,
                        1,
                        1,
                        Optional.of(days(2)),
                        Map.of(FlagReason.INCOMPLETE, 1, FlagReason.INCORRECT, 1),
                        Map.of(FlagReason.INCORRECT, 1)));
        assertThat(author.cases()).isEqualTo(new CaseStats(1, 0, 0, 0));
        assertThat(author.cases().linkRate()).isEqualTo(OptionalDouble.of(0));
        assertThat(author.cases().newShare()).isEmpty();

        ContributionHealth colleague = report.author("agent-2").orElseThrow().health();
        assertThat(colleague.articles()).isEqualTo(1);
        assertThat(colleague.created()).isEqualTo(1);
        assertThat(colleague.reusesByOthers()).isEqualTo(Trend.none());
        assertThat(colleague.cases()).isEqualTo(new CaseStats(2, 2, 1, 1));

        assertThat(report.teams()).extracting(t -> t.team()).containsExactly("Nobody", "Printing");
        ContributionHealth printing = report.team("Printing").orElseThrow().health();
        assertThat(printing.articles()).isEqualTo(3);
        assertThat(printing.created()).isEqualTo(2);
        assertThat(printing.averageAqi().getAsDouble()).isCloseTo((1 + 0.8 + 1) / 3, within(1e-9));
        assertThat(printing.cases()).isEqualTo(new CaseStats(3, 2, 1, 1));
        ContributionHealth nobody = report.team("Nobody").orElseThrow().health();
        assertThat(nobody.articles()).isZero();
        assertThat(nobody.averageAqi()).isEmpty();
        assertThat(nobody.cases()).isEqualTo(CaseStats.none());

        // An immutable value, made on the knowledge base's clock: the same clock and data give the same report.
        assertThat(kb.health(COACH, withTeams())).isEqualTo(report);
    }

    /**
     * The H2 store's scan (four statements merged by article id) and the in-memory store's walk give the same report
     * on the same activity: several revisions, links, flags (open, resolved, of every reason) and votes spread over
     * many articles, some without any, written through the store SPI to both.
     */
    @Test
    void report_isTheSameInMemoryAndInH2_onRandomActivity() {
        ArticleStore memory = ArticleStores.inMemory();
        ArticleStore h2 = ArticleStores.h2(directory.resolve("compare"));
        try {
            var random = new java.util.Random(18);
            ArticleState[] states = ArticleState.values();
            for (int i = 0; i < 400; i++) {
                var mutations = new java.util.ArrayList<org.kcskb.store.spi.Mutation>();
                org.kcskb.article.ArticleId id = memory.allocateId();
                assertThat(h2.allocateId()).isEqualTo(id);
                String author = "agent-" + random.nextInt(12);
                Instant created = NOW.minus(Duration.ofMinutes(random.nextInt(90 * 24 * 60)));
                int revisions = 1 + random.nextInt(3);
                for (int number = 1; number <= revisions; number++) {
                    ArticleContent content = random.nextInt(4) == 0
                            ? ArticleContent.of("Article " + i + " r" + number, "Issue " + i)
                            : complete("Article " + i + " r" + number);
                    mutations.add(new org.kcskb.store.spi.Mutation.AppendRevision(new org.kcskb.article.Revision(
                            id,
                            number,
                            content,
                            content.hasResolution() ? states[random.nextInt(3)] : ArticleState.WORK_IN_PROGRESS,
                            Audience.values()[random.nextInt(3)],
                            Optional.empty(),
                            number == 1 ? Actor.contributor(author) : COLLEAGUE,
                            created.plusSeconds(number * 60L),
                            org.kcskb.article.RevisionKind.CAPTURED,
                            "")));
                }
                long age = Duration.between(created, NOW).toMinutes();
                for (int link = random.nextInt(5); link > 0; link--) {
                    mutations.add(new org.kcskb.store.spi.Mutation.PutLink(new org.kcskb.article.CaseLink(
                            id,
                            CaseId.of("C-" + i + "-" + link),
                            LinkType.RESOLUTION,
                            1,
                            random.nextBoolean() ? author : "agent-" + random.nextInt(12),
                            created.plus(Duration.ofMinutes(random.nextLong(age + 1))))));
                }
                for (int f = random.nextInt(3) == 0 ? 1 + random.nextInt(3) : 0; f > 0; f--) {
                    Instant raised = created.plus(Duration.ofMinutes(random.nextLong(age + 1)));
                    var flag = new Flag(
                            "F-" + i + "-" + f,
                            id,
                            FlagReason.values()[random.nextInt(FlagReason.values().length)],
                            "",
                            "agent-" + random.nextInt(12),
                            raised,
                            Optional.empty());
                    long left = Duration.between(raised, NOW).toMinutes();
                    mutations.add(new org.kcskb.store.spi.Mutation.PutFlag(
                            random.nextBoolean()
                                    ? flag
                                    : flag.resolve(
                                            author, raised.plus(Duration.ofMinutes(random.nextLong(left + 1))), "")));
                }
                for (int vote = random.nextInt(4); vote > 0; vote--) {
                    mutations.add(new org.kcskb.store.spi.Mutation.AddFeedback(new org.kcskb.article.Feedback(
                            "B-" + i + "-" + vote,
                            id,
                            random.nextBoolean(),
                            "",
                            "public",
                            created.plus(Duration.ofMinutes(random.nextLong(age + 1))))));
                }
                memory.commit(List.copyOf(mutations));
                h2.commit(List.copyOf(mutations));
                if (random.nextInt(4) == 0) {
                    List<org.kcskb.article.ArticleId> linked = random.nextBoolean() ? List.of(id) : List.of();
                    Instant closed = NOW.minus(Duration.ofHours(random.nextInt(50 * 24)));
                    var closure = new CaseClosure(
                            CaseId.of("CASE-" + i),
                            "agent-" + random.nextInt(12),
                            closed.minus(Duration.ofHours(1 + random.nextInt(48))),
                            closed,
                            linked,
                            random.nextInt(3) == 0 ? linked : List.of());
                    memory.putCaseClosure(closure);
                    h2.putCaseClosure(closure);
                }
            }
            HealthRequest request = HealthRequest.builder()
                    .articleLimit(50)
                    .team("Even", Set.of("agent-0", "agent-2", "agent-4"))
                    .build();
            KnowledgeBase inMemory = open(memory, VisibilityPolicy.kcsDefault());
            HealthReport expected = inMemory.health(COACH, request);
            KnowledgeBase inH2 = KnowledgeBase.builder()
                    .store(h2)
                    .withoutSearch()
                    .clock(clock)
                    .visibilityPolicy(VisibilityPolicy.kcsDefault())
                    .build();
            try {
                assertThat(inH2.health(COACH, request)).isEqualTo(expected);
            } finally {
                inH2.close();
            }
            // Not trivially equal: the story has articles, reuse, flags both ways, votes and cases.
            assertThat(expected.articleCount()).isEqualTo(400);
            assertThat(expected.articles()).hasSize(50);
            assertThat(expected.flags().raised()).isPositive();
            assertThat(expected.flags().resolved()).isPositive();
            assertThat(expected.flags().openNow()).isPositive();
            assertThat(expected.cases().linked()).isPositive();
            assertThat(expected.articles())
                    .anySatisfy(a -> assertThat(a.reuse().current()).isPositive());
            assertThat(expected.articles())
                    .anySatisfy(a -> assertThat(a.helpful().previous()).isPositive());
        } finally {
            h2.close();
        }
    }

    @Test
    void flagActivity_splitByReason_mustAddUp_andLeavesOutReasonsWithoutFlags() {
        var activity = new FlagActivity(
                3,
                0,
                1,
                Optional.empty(),
                Map.of(FlagReason.OUTDATED, 2, FlagReason.INCORRECT, 1, FlagReason.INCOMPLETE, 0),
                Map.of(FlagReason.INCORRECT, 1));
        assertThat(activity.raisedByReason())
                .containsExactly(Map.entry(FlagReason.INCORRECT, 1), Map.entry(FlagReason.OUTDATED, 2));
        assertThatThrownBy(() -> new FlagActivity(2, 0, 0, Optional.empty(), Map.of(FlagReason.INCORRECT, 1), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must add up to 2");
        assertThatThrownBy(() -> new FlagActivity(0, 0, 1, Optional.empty(), Map.of(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void window_movesWithTheClock_orIsFixed_andTheLimitKeepsTheArticlesThatNeedWorkMost() {
        open(ArticleStores.inMemory(), VisibilityPolicy.kcsDefault());
        Story s = story();

        clock.set(NOW.plus(days(30)));
        HealthReport later = kb.health(COACH);
        assertThat(later.asOf()).isEqualTo(NOW.plus(days(30)));
        // The story's window is now the previous one.
        assertThat(later.cases()).isEqualTo(CaseStats.none());
        assertThat(later.articles())
                .filteredOn(h -> h.id().equals(s.a().id()))
                .singleElement()
                .satisfies(h -> assertThat(h.reuse()).isEqualTo(new Trend(0, 2)));

        HealthReport fixed = kb.health(
                COACH,
                HealthRequest.builder()
                        .window(TimeRange.between(NOW.minus(days(21)), NOW.minus(days(17))))
                        .articleLimit(1)
                        .build());
        assertThat(fixed.previousWindow()).isEqualTo(TimeRange.between(NOW.minus(days(25)), NOW.minus(days(21))));
        assertThat(fixed.cases()).isEqualTo(new CaseStats(1, 1, 0, 1));
        assertThat(fixed.articles()).extracting(ArticleHealth::id).containsExactly(s.b().id());
        assertThat(fixed.articleCount()).isEqualTo(3);
        // The flag on B was raised after the window; as of now it is open.
        assertThat(fixed.flags())
                .isEqualTo(new FlagActivity(
                        1,
                        1,
                        1,
                        Optional.of(days(2)),
                        Map.of(FlagReason.INCOMPLETE, 1),
                        Map.of(FlagReason.INCORRECT, 1)));

        assertThat(kb.health(COACH, HealthRequest.builder().articleLimit(0).build())
                        .articles())
                .isEmpty();
    }

    @Test
    void qualityIndex_namesTheFailedRulesOfTheGivenStandard_andChecksOfItsOwn() {
        open(ArticleStores.inMemory(), VisibilityPolicy.kcsDefault());
        Story s = story();
        var strict = ContentStandard.builder().maxTitleLength(20).build();
        var noCause = new QualityCheck(
                "org.cause.present", "the cause is recorded", a -> !a.cause().isEmpty());
        var index = QualityIndex.of(
                strict,
                List.of(ContentStandard.Builder.TITLE_MAX_LENGTH, ContentStandard.Builder.RESOLUTION_REQUIRED),
                List.of(noCause));

        HealthReport report =
                kb.health(COACH, HealthRequest.builder().quality(index).build());

        assertThat(report.checks())
                .containsExactly(
                        ContentStandard.Builder.TITLE_MAX_LENGTH,
                        ContentStandard.Builder.RESOLUTION_REQUIRED,
                        "org.cause.present");
        Map<Object, ArticleHealth> byId = new java.util.HashMap<>();
        report.articles().forEach(h -> byId.put(h.id(), h));
        // "Printer stops after update" has 26 characters; B's WIP state needs no resolution.
        assertThat(byId.get(s.a().id()).failedChecks())
                .containsExactly(ContentStandard.Builder.TITLE_MAX_LENGTH, "org.cause.present");
        assertThat(byId.get(s.a().id()).aqi()).isCloseTo(1.0 / 3, within(1e-9));
        assertThat(byId.get(s.b().id()).failedChecks())
                .containsExactly(ContentStandard.Builder.TITLE_MAX_LENGTH, "org.cause.present");
        assertThat(byId.get(s.d().id()).failedChecks()).containsExactly("org.cause.present");
        // A and B tie at 1/3: B, with an open flag, needs work first.
        assertThat(report.articles()).extracting(ArticleHealth::id).containsExactly(s.b().id(), s.a().id(), s.d().id());

        assertThatThrownBy(() -> QualityIndex.of(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QualityIndex.of(List.of(noCause, noCause)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("twice");
    }

    @Test
    void candidates_areRefused_contributorsAndAboveMayRead() {
        open(ArticleStores.inMemory(), VisibilityPolicy.kcsDefault());
        story();
        assertThatThrownBy(() -> kb.health(FLAGGER))
                .isInstanceOfSatisfying(ActionRefusedException.class, e -> assertThat(e.rule())
                        .isEqualTo(KnowledgeBase.HEALTH_REQUIRES_CONTRIBUTOR))
                .hasMessageContaining("agent-3");
        for (Actor actor : List.of(AUTHOR, COACH, Actor.administrator("admin"))) {
            assertThat(kb.health(actor).articleCount()).isEqualTo(3);
        }
    }

    @Test
    void onlyArticlesTheReaderMayReadCount_andCasesLinkedOnlyToHiddenOnesCountAsUnlinked() {
        // Agents see only the articles they captured themselves.
        VisibilityPolicy ownOnly = (viewer, archived) -> {
            var grants = new HashSet<Visibility.Grant>();
            for (ArticleState state : ArticleState.values()) {
                for (Audience audience : Audience.values()) {
                    grants.add(new Visibility.Grant(state, audience, true));
                }
            }
            return new Visibility(viewer, grants);
        };
        open(ArticleStores.inMemory(), ownOnly);
        Story s = story();

        HealthReport report = kb.health(COLLEAGUE, withTeams());

        assertThat(report.articleCount()).isEqualTo(1);
        assertThat(report.articles()).extracting(ArticleHealth::id).containsExactly(s.d().id());
        assertThat(report.flags()).isEqualTo(FlagActivity.none());
        // C-1 reused only A, which agent-2 may not read: closed, not linked. C-3 (D) is new; C-4 had no link.
        assertThat(report.cases()).isEqualTo(new CaseStats(3, 1, 1, 0));
        // agent-1 closed C-4, so appears, without any of their articles.
        ContributionHealth author = report.author("agent-1").orElseThrow().health();
        assertThat(author.articles()).isZero();
        assertThat(author.flags()).isEqualTo(FlagActivity.none());
        assertThat(report.team("Printing").orElseThrow().health().articles()).isEqualTo(1);

        // The reader's own articles are theirs to see in full.
        assertThat(kb.health(AUTHOR).articleCount()).isEqualTo(2);
        assertThat(kb.health(AUTHOR).cases()).isEqualTo(new CaseStats(3, 1, 0, 1));
    }

    @Test
    void caseClosed_recordsTheLinksAtClosing_replacesAnEarlierClosure_andRefusesAnOpeningAfterNow() {
        open(ArticleStores.inMemory(), VisibilityPolicy.kcsDefault());
        at(days(10));
        Article known = kb.capture(AUTHOR, complete("Known issue"));
        at(days(2));
        Instant opened = clock.instant();
        CaseClosure bare = kb.caseClosed(COLLEAGUE, CaseId.of("CASE-9"), opened);
        assertThat(bare)
                .isEqualTo(new CaseClosure(CaseId.of("CASE-9"), "agent-2", opened, opened, List.of(), List.of()));
        // The window ends before its as-of instant: a case closed at that very instant counts from the next one.
        assertThat(kb.health(COACH).cases()).isEqualTo(CaseStats.none());
        clock.advance(Duration.ofSeconds(1));
        assertThat(kb.health(COACH).cases()).isEqualTo(new CaseStats(1, 0, 0, 0));

        // Reopened: a new article and a known one are linked, and it closes again.
        at(days(1));
        Article fresh = kb.capture(COLLEAGUE, Draft.of(complete("New issue")).fromCase(CaseId.of("CASE-9")));
        kb.link(COLLEAGUE, known.id(), CaseId.of("CASE-9"), LinkType.REFERENCE);
        CaseClosure again = kb.caseClosed(COLLEAGUE, CaseId.of("CASE-9"), opened);
        assertThat(again.linked()).containsExactly(known.id(), fresh.id()); // linked at one instant: by id
        assertThat(again.captured()).containsExactly(fresh.id());
        assertThat(again.isNew()).isTrue();
        clock.set(NOW);
        assertThat(kb.health(COACH).cases()).isEqualTo(new CaseStats(1, 1, 1, 0));

        assertThatThrownBy(() -> kb.caseClosed(COLLEAGUE, CaseId.of("CASE-10"), NOW.plusSeconds(1)))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("opened"))
                .hasMessageContaining("pass when the host opened the case");
        assertThat(kb.health(COACH).cases().closed()).isEqualTo(1);
    }

    @Test
    void badRequests_failWithTypedErrorsThatSayHowToFixThem() {
        assertThatThrownBy(() ->
                        HealthRequest.builder().window(TimeRange.since(NOW)).build())
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("window"))
                .hasMessageContaining("give both ends");
        assertThatThrownBy(() -> HealthRequest.builder()
                        .window(TimeRange.between(NOW.minus(days(4000)), NOW))
                        .build())
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> HealthRequest.builder().last(Duration.ZERO).build())
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("last"));
        assertThatThrownBy(() -> HealthRequest.builder().articleLimit(-1).build())
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("articleLimit"));
        assertThatThrownBy(() -> HealthRequest.builder()
                        .articleLimit(HealthRequest.MAX_ARTICLE_LIMIT + 1)
                        .build())
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> HealthRequest.builder().team(" ", Set.of("a")).build())
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("team"));
        assertThatThrownBy(() -> HealthRequest.builder().team("Empty", Set.of()).build())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("at least one actor id");
        assertThatThrownBy(() ->
                        HealthRequest.builder().team("Bad", Set.of("x\u0000")).build())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("actor ids");
    }
}
