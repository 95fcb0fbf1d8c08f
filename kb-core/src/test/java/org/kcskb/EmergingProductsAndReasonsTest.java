package org.kcskb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.kcskb.EmergingFixture.Backend;
import org.kcskb.actor.Actor;
import org.kcskb.actor.Viewer;
import org.kcskb.analytics.SearchEvent;
import org.kcskb.analytics.SearchId;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleId;
import org.kcskb.article.Flag;
import org.kcskb.article.FlagReason;
import org.kcskb.emerging.EmergingIssue;
import org.kcskb.emerging.EmergingIssueSettings;
import org.kcskb.emerging.EmergingIssueTracker;
import org.kcskb.lifecycle.VisibilityPolicy;

/**
 * Emerging issues per product the searches were made for ({@link SearchEvent#product()}) and per flag reason: a gap
 * rising for one product is one issue naming it even while another product's steady searches share its words, a
 * listing narrowed to a product shows that product's issues only, and a sudden rise of one reason's flags on an
 * article is one issue naming the reason. Deterministic: fixed seeds, a clock the test moves, events and flags
 * written straight into the store with their times.
 */
class EmergingProductsAndReasonsTest {
    private static final Instant START = Instant.parse("2026-11-02T00:00:00Z");
    private static final Instant NOW = START.plus(Duration.ofDays(8));
    private static final Actor COACH = Actor.contributor("coach-1");
    private static final Viewer PUBLIC = Viewer.anonymous();

    @TempDir
    Path temp;

    private final EmergingFixture.Opened opened = new EmergingFixture.Opened();
    private int flagIds;

    @AfterEach
    void close() throws SQLException {
        opened.close();
    }

    /**
     * Product Excel's "startet nicht" is searched about 20 times an hour all week, finding articles nobody opens;
     * then, for 40 minutes, 16 searches for Outlook with the same words find nothing. Counted together the group
     * grows by less than twice; per product, Outlook's searches are new.
     */
    @ParameterizedTest
    @EnumSource(Backend.class)
    void gapRisingForOneProduct_isOneIssueNamingIt_notHiddenByAnotherProductsSteadySearches(Backend backend) {
        EmergingFixture f = open(backend);
        Random random = new Random(11);
        var events = new ArrayList<SearchEvent>(EmergingIssuesTest.quietTraffic(random, START, NOW));
        events.addAll(steadyProductSearches(random, "startet nicht", "Excel", 20));
        Instant outbreak = NOW.minus(Duration.ofMinutes(40));
        events.addAll(outlookOutbreak(random, outbreak));
        events.sort(java.util.Comparator.comparing(SearchEvent::at));
        f.append(events);
        f.clock().set(NOW);

        List<EmergingIssue> issues = f.kb().emergingIssues(COACH);

        assertThat(issues).singleElement().satisfies(issue -> {
            assertThat(issue.kind()).isEqualTo(EmergingIssue.Kind.CONTENT_GAP);
            assertThat(issue.product()).contains("Outlook");
            assertThat(issue.article()).isEmpty();
            assertThat(issue.label()).isEqualTo("outlook startet nicht");
            assertThat(issue.count()).isEqualTo(16);
            assertThat(issue.searches())
                    .as("Excel's searches are not the issue's")
                    .isEqualTo(16);
            assertThat(issue.exampleQueries())
                    .contains("outlook startet nicht", "outlook startet nicht mehr", "outlok startet nicht");
            assertThat(issue.since()).isBetween(outbreak.minus(Duration.ofMinutes(10)), outbreak);
        });
        // Narrowed to a product: the same issue for Outlook, none for Excel.
        assertThat(f.kb().emergingIssues(COACH, EmergingIssueSettings.defaults().withProduct("Outlook")))
                .isEqualTo(issues);
        assertThat(f.kb().emergingIssues(COACH, EmergingIssueSettings.defaults().withProduct("Excel")))
                .isEmpty();
    }

    /** The same searches made for no product, all week and in the outbreak, are one group that barely grows. */
    @Test
    void withoutProducts_theSameSearchesAreOneGroup_thatDoesNotRise() {
        EmergingFixture f = open(Backend.IN_MEMORY);
        Random random = new Random(11);
        var events = new ArrayList<SearchEvent>(EmergingIssuesTest.quietTraffic(random, START, NOW));
        steadyProductSearches(random, "startet nicht", "Excel", 20).forEach(e -> events.add(withoutProduct(e)));
        outlookOutbreak(random, NOW.minus(Duration.ofMinutes(40))).forEach(e -> events.add(withoutProduct(e)));
        f.append(events);
        f.clock().set(NOW);

        assertThat(f.kb().emergingIssues(COACH)).isEmpty();
    }

    @Test
    void trackerTellsTheSameQueriesOfTwoProductsApart() {
        EmergingIssue outlook = gap("outlook startet nicht", Optional.of("Outlook"));
        EmergingIssue excel = gap("outlook startet nicht", Optional.of("Excel"));
        EmergingIssue none = gap("outlook startet nicht", Optional.empty());
        var tracker = new EmergingIssueTracker(Duration.ofHours(1));
        assertThat(tracker.update(List.of(outlook), NOW)).containsExactly(outlook);
        assertThat(tracker.update(List.of(outlook, excel, none), NOW.plusSeconds(300)))
                .containsExactly(excel, none);
        EmergingIssue typo = gap("outlok startet nicht", Optional.of("Outlook"));
        assertThat(tracker.update(List.of(typo), NOW.plusSeconds(600))).isEmpty();
    }

    /**
     * An article flagged as unclear about four times an hour all week goes on so; then ten "outdated" flags in 40
     * minutes. The issue is the outdated flags: it names the reason and counts those alone.
     */
    @ParameterizedTest
    @EnumSource(Backend.class)
    void suddenRiseOfOneReasonsFlags_isOneIssueNamingTheReason(Backend backend) {
        EmergingFixture f = open(backend);
        Article article = f.kb().capture(COACH, ArticleContent.of("VPN Client 5.2 verbindet nicht", "VPN bricht ab"));
        Article other = f.kb().capture(COACH, ArticleContent.of("Drucker einrichten", "Drucker fehlt"));
        Random random = new Random(5);
        f.append(EmergingIssuesTest.quietTraffic(random, START, NOW));
        var flags = new ArrayList<Flag>();
        for (Instant at = START.plusSeconds(300); at.isBefore(NOW); at = at.plus(Duration.ofMinutes(15))) {
            flags.add(flag(article.id(), FlagReason.UNCLEAR, at));
        }
        for (Instant at = START.plusSeconds(900); at.isBefore(NOW); at = at.plus(Duration.ofHours(6))) {
            flags.add(flag(other.id(), FlagReason.INCORRECT, at));
        }
        Instant outbreak = NOW.minus(Duration.ofMinutes(40));
        for (int i = 0; i < 10; i++) {
            flags.add(flag(article.id(), FlagReason.OUTDATED, outbreak.plusSeconds(i * 220L + random.nextInt(30))));
        }
        f.put(flags);
        f.clock().set(NOW);

        List<EmergingIssue> issues = f.kb().emergingIssues(COACH);

        assertThat(issues).singleElement().satisfies(issue -> {
            assertThat(issue.kind()).isEqualTo(EmergingIssue.Kind.FLAGS);
            assertThat(issue.article()).contains(article.id());
            assertThat(issue.reason()).contains(FlagReason.OUTDATED);
            assertThat(issue.count()).isEqualTo(10);
            assertThat(issue.since()).isBetween(outbreak.minus(Duration.ofMinutes(10)), outbreak);
        });
    }

    /** Twelve flags of four reasons in 40 minutes on an article never flagged: one issue, of no one reason. */
    @ParameterizedTest
    @EnumSource(
            value = Backend.class,
            names = {"IN_MEMORY", "H2"})
    void riseOfSeveralReasonsTogether_isOneIssueWithoutAReason(Backend backend) {
        EmergingFixture f = open(backend);
        Article article = f.kb().capture(COACH, ArticleContent.of("VPN Client 5.2 verbindet nicht", "VPN bricht ab"));
        Random random = new Random(9);
        f.append(EmergingIssuesTest.quietTraffic(random, START, NOW));
        var flags = new ArrayList<Flag>();
        Instant outbreak = NOW.minus(Duration.ofMinutes(40));
        FlagReason[] reasons = {FlagReason.OUTDATED, FlagReason.INCORRECT, FlagReason.UNCLEAR, FlagReason.INCOMPLETE};
        for (int i = 0; i < 12; i++) {
            flags.add(flag(article.id(), reasons[i % 4], outbreak.plusSeconds(i * 190L + random.nextInt(30))));
        }
        f.put(flags);
        f.clock().set(NOW);

        assertThat(f.kb().emergingIssues(COACH)).singleElement().satisfies(issue -> {
            assertThat(issue.kind()).isEqualTo(EmergingIssue.Kind.FLAGS);
            assertThat(issue.article()).contains(article.id());
            assertThat(issue.reason()).isEmpty();
            assertThat(issue.count()).isEqualTo(12);
        });
    }

    /**
     * Four "outdated" flags on each of three articles of one product in 40 minutes (none enough on its own), and one
     * "incorrect" flag: one issue about the product, naming the reason that rose and counting its flags.
     */
    @ParameterizedTest
    @EnumSource(
            value = Backend.class,
            names = {"IN_MEMORY", "H2"})
    void productsFlagsOfOneReasonRising_isOneProductIssueNamingTheReason(Backend backend) {
        EmergingFixture f = open(backend);
        var mail = org.kcskb.article.Environment.of("Acme Mail", "7", "");
        var articles = new ArrayList<Article>();
        for (String title : List.of("Postfach voll", "Anhang zu gross", "Signatur fehlt")) {
            articles.add(f.kb().capture(COACH, ArticleContent.of(title, title).withEnvironment(mail)));
        }
        Random random = new Random(3);
        f.append(EmergingIssuesTest.quietTraffic(random, START, NOW));
        var flags = new ArrayList<Flag>();
        Instant outbreak = NOW.minus(Duration.ofMinutes(40));
        for (int i = 0; i < 12; i++) {
            flags.add(flag(
                    articles.get(i % 3).id(),
                    FlagReason.OUTDATED,
                    outbreak.plusSeconds(i * 190L + random.nextInt(30))));
        }
        flags.add(flag(articles.getFirst().id(), FlagReason.INCORRECT, outbreak.plusSeconds(600)));
        f.put(flags);
        f.clock().set(NOW);

        assertThat(f.kb().emergingIssues(COACH)).singleElement().satisfies(issue -> {
            assertThat(issue.kind()).isEqualTo(EmergingIssue.Kind.FLAGS);
            assertThat(issue.product()).contains("Acme Mail");
            assertThat(issue.article()).isEmpty();
            assertThat(issue.reason()).contains(FlagReason.OUTDATED);
            assertThat(issue.count()).isEqualTo(12);
        });
        assertThat(f.kb().emergingIssues(COACH, EmergingIssueSettings.defaults().withProduct("Acme Mail")))
                .hasSize(1);
        assertThat(f.kb().emergingIssues(COACH, EmergingIssueSettings.defaults().withProduct("Acme Print")))
                .isEmpty();
    }

    // ---- Fixture --------------------------------------------------------------------------------------------------

    /** About {@code perHour} searches an hour for {@code text} made for {@code product} all week, finding 3 each. */
    private static List<SearchEvent> steadyProductSearches(Random random, String text, String product, int perHour) {
        var events = new ArrayList<SearchEvent>();
        for (Instant hour = START; hour.isBefore(NOW); hour = hour.plus(Duration.ofHours(1))) {
            int n = perHour - 3 + random.nextInt(7);
            for (int i = 0; i < n; i++) {
                Instant at = hour.plusSeconds(random.nextInt(3600));
                events.add(SearchEvent.search(at, SearchId.random(), text, PUBLIC, "", Locale.GERMAN, 3)
                        .withProduct(product));
            }
        }
        return events;
    }

    /** Sixteen searches for Outlook in 40 minutes, with typos and the other product's words, finding nothing. */
    private static List<SearchEvent> outlookOutbreak(Random random, Instant from) {
        List<String> typed = List.of(
                "outlook startet nicht",
                "Outlook startet nicht",
                "outlook startet nicht",
                "Outlook startet nicht mehr",
                "outlok startet nicht",
                "outlook startet nicht",
                "startet nicht",
                "outlook startet nicht",
                "Outlook startet nicht mehr",
                "outlok startet nicht",
                "outlook startet nicht",
                "startet nicht",
                "outlook startet nicht mehr",
                "outlok startet nicht",
                "outlook startet nicht",
                "Outlook startet nicht mehr");
        var events = new ArrayList<SearchEvent>();
        for (int i = 0; i < typed.size(); i++) {
            Instant at = from.plusSeconds(i * 145L + random.nextInt(20));
            events.add(SearchEvent.search(at, SearchId.random(), typed.get(i), PUBLIC, "", Locale.GERMAN, 0)
                    .withProduct("Outlook"));
        }
        return events;
    }

    private static SearchEvent withoutProduct(SearchEvent e) {
        return new SearchEvent(
                e.kind(),
                e.at(),
                e.searchId(),
                e.query(),
                e.normalizedQuery(),
                e.viewerKind(),
                e.viewerId(),
                e.visitor(),
                e.language(),
                e.hitCount(),
                e.article(),
                e.position());
    }

    private static EmergingIssue gap(String query, Optional<String> product) {
        return new EmergingIssue(
                EmergingIssue.Kind.CONTENT_GAP,
                query,
                Locale.GERMAN,
                Optional.empty(),
                NOW.minus(Duration.ofMinutes(30)),
                NOW,
                12,
                1,
                12,
                12,
                1e-9,
                List.of(query),
                List.of(),
                product,
                Optional.empty());
    }

    private Flag flag(ArticleId article, FlagReason reason, Instant at) {
        return new Flag("flag-" + (++flagIds), article, reason, "", "agent-" + (flagIds % 7), at, Optional.empty());
    }

    private EmergingFixture open(Backend backend) {
        return opened.open(backend, temp, VisibilityPolicy.kcsDefault(), START);
    }
}
