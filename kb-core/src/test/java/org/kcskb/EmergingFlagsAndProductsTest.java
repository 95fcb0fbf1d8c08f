package org.kcskb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
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
import org.kcskb.analytics.SearchOrigin;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleId;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.article.Environment;
import org.kcskb.article.Flag;
import org.kcskb.article.FlagReason;
import org.kcskb.emerging.EmergingIssue;
import org.kcskb.emerging.EmergingIssueSettings;
import org.kcskb.emerging.EmergingIssueTracker;
import org.kcskb.lifecycle.Visibility;
import org.kcskb.lifecycle.VisibilityPolicy;
import org.kcskb.store.ArticleStores;
import org.kcskb.store.spi.ArticleStore;

/**
 * Emerging issues from flags per article and per product ({@link EmergingIssue.Kind#FLAGS}, {@link
 * EmergingIssue#product()}): a flag outbreak on one article is one issue naming it, steady flags raise (almost) no
 * alarm, a wave across every article raises none per article, a hidden article's flags are never named, and a rise
 * spread over many queries and articles of one product is one issue about the product. Deterministic: fixed seeds, a
 * clock the test moves, flags and events written straight into the store with their times.
 */
class EmergingFlagsAndProductsTest {
    private static final Instant START = Instant.parse("2026-11-02T00:00:00Z");
    private static final Actor COACH = Actor.contributor("coach-1");
    private static final Actor OTHER_COACH = Actor.contributor("coach-2");
    private static final Viewer PUBLIC = Viewer.anonymous();

    /** Different questions, sharing no words, that all land on the mail product's articles. */
    private static final List<String> MAIL_QUERIES = List.of(
            "postfach voll",
            "anhang zu gross",
            "signatur verschwunden",
            "abwesenheitsnotiz einrichten",
            "kalendereinladung fehlt",
            "spam ordner leeren",
            "weiterleitung extern blockiert",
            "adressbuch synchronisiert",
            "ordnerregeln funktionieren",
            "lesebestaetigung anfordern",
            "freigegebenes postfach oeffnen",
            "archivierung automatisch");

    @TempDir
    Path temp;

    private final EmergingFixture.Opened opened = new EmergingFixture.Opened();
    private int flagIds;

    @AfterEach
    void close() throws SQLException {
        opened.close();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void flagOutbreakOnOneArticle_givesOneFlagsIssueNamingIt_fromItsStart(Backend backend) {
        EmergingFixture f = open(backend, VisibilityPolicy.kcsDefault());
        Article broken = f.kb().capture(COACH, ArticleContent.of("VPN Client 5.2 verbindet nicht", "VPN bricht ab"));
        Article steady = f.kb().capture(COACH, ArticleContent.of("Drucker einrichten", "Drucker fehlt"));
        Article other = f.kb().capture(COACH, ArticleContent.of("Passwort zuruecksetzen", "Passwort vergessen"));
        Instant now = START.plus(Duration.ofDays(8));
        Instant outbreak = now.minus(Duration.ofMinutes(40));
        Random random = new Random(7);
        f.append(EmergingIssuesTest.quietTraffic(random, START, now));
        var flags = new ArrayList<Flag>();
        // The week before: a flag every eight hours on one article, one a day on another, one on the broken one.
        for (Instant at = START.plusSeconds(600); at.isBefore(now); at = at.plus(Duration.ofHours(8))) {
            flags.add(flag(steady.id(), at));
        }
        for (Instant at = START.plusSeconds(900); at.isBefore(now); at = at.plus(Duration.ofDays(1))) {
            flags.add(flag(other.id(), at));
        }
        flags.add(flag(broken.id(), START.plus(Duration.ofDays(3))));
        // Then twelve flags on the broken article in forty minutes.
        for (int i = 0; i < 12; i++) {
            flags.add(flag(broken.id(), outbreak.plusSeconds(i * 190L + random.nextInt(60))));
        }
        f.put(flags);
        f.clock().set(now);

        List<EmergingIssue> issues = f.kb().emergingIssues(COACH);

        assertThat(issues).singleElement().satisfies(issue -> {
            assertThat(issue.kind()).isEqualTo(EmergingIssue.Kind.FLAGS);
            assertThat(issue.article()).contains(broken.id());
            assertThat(issue.product()).isEmpty();
            assertThat(issue.label()).isEqualTo("VPN Client 5.2 verbindet nicht");
            assertThat(issue.count()).isEqualTo(12);
            assertThat(issue.growth()).isGreaterThan(50);
            assertThat(issue.searches()).isZero();
            assertThat(issue.candidateArticles()).containsExactly(broken.id());
            // Dated at a sixth of the window: the outbreak began 40 minutes before now, at the third sixth's start.
            assertThat(issue.since()).isEqualTo(now.minus(Duration.ofMinutes(40)));
        });
        // It is about an article that exists: fixed, not captured again.
        assertThatThrownBy(() -> f.kb().captureFromEmergingIssue(COACH, issues.getFirst()))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("issue"));
    }

    @Test
    void steadyFlags_raiseFalseAlarmsWithinTheBound_overManyRandomWindows() {
        EmergingFixture f = open(Backend.IN_MEMORY, VisibilityPolicy.kcsDefault());
        var ids = new ArrayList<ArticleId>();
        for (int i = 0; i < 8; i++) {
            ids.add(f.kb().capture(COACH, ArticleContent.of("Artikel " + i, "Problem " + i))
                    .id());
        }
        Random random = new Random(20261207);
        Instant end = START.plus(Duration.ofDays(14));
        var flags = new ArrayList<Flag>();
        // Each article flagged at its own steady rate, from two an hour down, busy hours five times the quiet ones.
        for (Instant hour = START; hour.isBefore(end); hour = hour.plus(Duration.ofHours(1))) {
            var time = hour.atZone(java.time.ZoneOffset.UTC);
            boolean busy = time.getHour() >= 8
                    && time.getHour() < 18
                    && time.getDayOfWeek().getValue() <= 5;
            for (int a = 0; a < ids.size(); a++) {
                int n = EmergingIssuesTest.poisson(random, (busy ? 2.0 : 0.4) / (a + 1));
                for (int i = 0; i < n; i++) {
                    flags.add(flag(ids.get(a), hour.plusSeconds(random.nextInt(3600))));
                }
            }
        }
        f.put(flags);
        var settings = EmergingIssueSettings.defaults()
                .withMinimumCount(3)
                .withMinimumGrowth(1.5)
                .withFalseAlarmRate(0.01);
        var loose = settings.withMinimumCount(2).withMinimumGrowth(1).withFalseAlarmRate(0.5);
        int checks = 150;
        int alarms = 0;
        int looseAlarms = 0;
        for (int i = 0; i < checks; i++) {
            f.clock()
                    .set(START.plus(Duration.ofDays(7))
                            .plus(Duration.ofMinutes(60 + random.nextInt(7 * 24 * 60 - 60))));
            if (!f.kb().emergingIssues(COACH, settings).isEmpty()) {
                alarms++;
            }
            if (f.kb().emergingIssues(COACH, loose).stream().anyMatch(x -> x.kind() == EmergingIssue.Kind.FLAGS)) {
                looseAlarms++;
            }
        }
        // The bound is 1 % per check; allow for chance and for the busy hours (which the flag rate does not follow
        // as searches do), but not for a detector that fires on steady flags.
        assertThat(alarms).isLessThanOrEqualTo(4);
        assertThat(looseAlarms).isGreaterThan(10);
    }

    @Test
    void aWaveOfFlagsAcrossEveryArticle_isNoIssuePerArticle_butAnOutbreakWithinItIs() {
        EmergingFixture f = open(Backend.IN_MEMORY, VisibilityPolicy.kcsDefault());
        var ids = new ArrayList<ArticleId>();
        for (int i = 0; i < 6; i++) {
            ids.add(f.kb().capture(COACH, ArticleContent.of("Artikel " + i, "Problem " + i))
                    .id());
        }
        Instant now = START.plus(Duration.ofDays(8));
        var flags = new ArrayList<Flag>();
        for (ArticleId id : ids) {
            for (Instant at = START.plusSeconds(300); at.isBefore(now); at = at.plus(Duration.ofDays(1))) {
                flags.add(flag(id, at));
            }
        }
        // A release outdates everything: nine flags on each of five articles in the last hour...
        for (ArticleId id : ids.subList(0, 5)) {
            for (int i = 0; i < 9; i++) {
                flags.add(flag(id, now.minus(Duration.ofMinutes(55)).plusSeconds(i * 300L)));
            }
        }
        f.put(flags);
        f.clock().set(now);
        assertThat(f.kb().emergingIssues(COACH)).isEmpty();

        // ...while the sixth gets forty: well beyond the wave, so still an issue of its own.
        var outbreak = new ArrayList<Flag>();
        for (int i = 0; i < 40; i++) {
            outbreak.add(flag(ids.get(5), now.minus(Duration.ofMinutes(50)).plusSeconds(i * 60L)));
        }
        f.put(outbreak);
        assertThat(f.kb().emergingIssues(COACH)).singleElement().satisfies(issue -> {
            assertThat(issue.kind()).isEqualTo(EmergingIssue.Kind.FLAGS);
            assertThat(issue.article()).contains(ids.get(5));
        });
    }

    /**
     * Detection reads the flagged articles in batches ({@code ArticleStore.articles}), not one store read per flagged
     * article: with 300 flagged articles of one product, a check makes at most a few batch reads and single reads
     * only for the issues it names.
     */
    @Test
    void manyFlaggedArticles_areReadInBatches_notOneByOne() {
        var singleReads = new java.util.concurrent.atomic.AtomicInteger();
        var batchReads = new java.util.concurrent.atomic.AtomicInteger();
        ArticleStore counting = new org.kcskb.store.spi.ForwardingArticleStore(ArticleStores.inMemory()) {
            @Override
            public Optional<Article> article(ArticleId id) {
                singleReads.incrementAndGet();
                return super.article(id);
            }

            @Override
            public java.util.Map<ArticleId, Article> articles(java.util.Collection<ArticleId> ids) {
                batchReads.incrementAndGet();
                return super.articles(ids);
            }
        };
        var clock = new MovableClock(START);
        KnowledgeBase kb = KnowledgeBase.builder()
                .store(counting)
                .withoutSearch()
                .clock(clock)
                .build();
        opened.closeLater(kb);
        var ids = new ArrayList<ArticleId>();
        for (int i = 0; i < 300; i++) {
            ids.add(kb.capture(
                            COACH,
                            ArticleContent.of("Mail Artikel " + i, "Problem " + i)
                                    .withEnvironment(org.kcskb.article.Environment.of("Mail", "9", "Windows 11")))
                    .id());
        }
        Instant now = START.plus(Duration.ofDays(8));
        var flags = new ArrayList<Flag>();
        for (ArticleId id : ids) {
            flags.add(flag(id, START.plus(Duration.ofDays(1 + ids.indexOf(id) % 5))));
            flags.add(flag(id, now.minus(Duration.ofHours(5))));
        }
        ArticleId broken = ids.get(7);
        for (int i = 0; i < 15; i++) {
            flags.add(flag(broken, now.minus(Duration.ofMinutes(45)).plusSeconds(i * 150L)));
        }
        new EmergingFixture(kb, counting, clock).put(flags);
        clock.set(now);
        singleReads.set(0);
        batchReads.set(0);

        List<EmergingIssue> issues = kb.emergingIssues(COACH);

        assertThat(issues).anySatisfy(issue -> assertThat(issue.article()).contains(broken));
        assertThat(batchReads.get()).isBetween(1, 3);
        assertThat(singleReads.get()).isLessThanOrEqualTo(3 * issues.size());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void hiddenArticlesFlags_areNeverNamedToACoachWhoMayNotSeeIt(Backend backend) {
        EmergingFixture f = open(backend, ownDrafts());
        Article draft = f.kb().capture(OTHER_COACH, ArticleContent.of("Geheimer Entwurf", "Noch nicht fertig"));
        Article mine = f.kb().capture(COACH, ArticleContent.of("Mein Artikel", "Sichtbar"));
        assertThat(draft.state()).isEqualTo(ArticleState.WORK_IN_PROGRESS);
        Instant now = START.plus(Duration.ofDays(8));
        var flags = new ArrayList<Flag>();
        for (int i = 0; i < 15; i++) {
            flags.add(flag(draft.id(), now.minus(Duration.ofMinutes(50)).plusSeconds(i * 120L)));
        }
        flags.add(flag(mine.id(), START.plus(Duration.ofDays(2))));
        f.put(flags);
        f.clock().set(now);

        assertThat(f.kb().emergingIssues(COACH)).isEmpty();
        assertThat(f.kb().emergingIssues(OTHER_COACH)).singleElement().satisfies(issue -> assertThat(issue.article())
                .contains(draft.id()));
        // The background watch sees as a licensed agent, who does not see another's draft either.
        f.kb().onEmergingIssue(EmergingIssueSettings.defaults(), issue -> {});
        assertThat(f.kb().checkEmergingIssues())
                .noneMatch(issue -> issue.article().equals(Optional.of(draft.id()))
                        || issue.candidateArticles().contains(draft.id()));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void riseAcrossManyQueriesOnOneProductsArticles_isOneProductIssue(Backend backend) {
        EmergingFixture f = open(backend, VisibilityPolicy.kcsDefault());
        Environment mail = Environment.of("Acme Mail", "7", "");
        var mailArticles = new ArrayList<ArticleId>();
        for (int i = 0; i < 3; i++) {
            mailArticles.add(f.kb().capture(
                            COACH,
                            ArticleContent.of("Acme Mail Thema " + i, "Mail Problem " + i)
                                    .withEnvironment(mail))
                    .id());
        }
        ArticleId elsewhere = f.kb().capture(
                        COACH,
                        ArticleContent.of("Drucker", "Drucker druckt nicht")
                                .withEnvironment(Environment.of("Acme Print", "1", "")))
                .id();
        Instant now = START.plus(Duration.ofDays(8));
        Random random = new Random(3);
        List<SearchEvent> events = new ArrayList<>(EmergingIssuesTest.quietTraffic(random, START, now));
        // The week before: now and then a search answered by the printer article, one by a mail article.
        for (Instant at = START.plusSeconds(500);
                at.isBefore(now.minus(Duration.ofHours(1)));
                at = at.plus(Duration.ofHours(6))) {
            events.addAll(answered(at, "drucker druckt nicht", elsewhere));
        }
        events.addAll(answered(START.plus(Duration.ofDays(4)), "postfach voll", mailArticles.getFirst()));
        // The last hour: twelve different questions, two searches each, each answered by one of the mail articles.
        for (int i = 0; i < 24; i++) {
            Instant at = now.minus(Duration.ofMinutes(55)).plusSeconds(i * 130L);
            events.addAll(answered(at, MAIL_QUERIES.get(i % MAIL_QUERIES.size()), mailArticles.get(i % 3)));
        }
        // And flags on the mail articles, five each: too few per article, many for the product.
        var flags = new ArrayList<Flag>();
        for (int i = 0; i < 15; i++) {
            flags.add(flag(
                    mailArticles.get(i % 3), now.minus(Duration.ofMinutes(45)).plusSeconds(i * 150L)));
        }
        events.sort(java.util.Comparator.comparing(SearchEvent::at));
        f.append(events);
        f.put(flags);
        f.clock().set(now);

        List<EmergingIssue> issues = f.kb().emergingIssues(COACH);

        // One issue per signal about the product, none per article or query: reuse and flags rose, both on Acme Mail.
        assertThat(issues).hasSize(2).allSatisfy(issue -> {
            assertThat(issue.product()).contains("Acme Mail");
            assertThat(issue.label()).isEqualTo("Acme Mail");
            assertThat(issue.article()).isEmpty();
            assertThat(issue.candidateArticles()).containsExactlyInAnyOrderElementsOf(mailArticles);
        });
        EmergingIssue reuse = issues.stream()
                .filter(i -> i.kind() == EmergingIssue.Kind.REUSE)
                .findFirst()
                .orElseThrow();
        assertThat(reuse.count()).isEqualTo(24);
        assertThat(reuse.exampleQueries()).hasSize(5).allMatch(MAIL_QUERIES::contains);
        EmergingIssue flagged = issues.stream()
                .filter(i -> i.kind() == EmergingIssue.Kind.FLAGS)
                .findFirst()
                .orElseThrow();
        assertThat(flagged.count()).isEqualTo(15);
    }

    @Test
    void risingQueryAnsweredMostlyByTheProductsArticles_isFoldedIntoTheProductIssue() {
        EmergingFixture f = open(Backend.IN_MEMORY, VisibilityPolicy.kcsDefault());
        Environment mail = Environment.of("Acme Mail", "7", "");
        var mailArticles = new ArrayList<ArticleId>();
        for (int i = 0; i < 3; i++) {
            mailArticles.add(f.kb().capture(
                            COACH,
                            ArticleContent.of("Acme Mail Thema " + i, "Mail Problem " + i)
                                    .withEnvironment(mail))
                    .id());
        }
        Instant now = START.plus(Duration.ofDays(8));
        List<SearchEvent> events = new ArrayList<>(EmergingIssuesTest.quietTraffic(new Random(9), START, now));
        // Twelve searches for one thing in the last hour, answered in turn by the three mail articles.
        for (int i = 0; i < 12; i++) {
            Instant at = now.minus(Duration.ofMinutes(50)).plusSeconds(i * 200L);
            events.addAll(answered(at, "postfach voll", mailArticles.get(i % 3)));
        }
        events.sort(java.util.Comparator.comparing(SearchEvent::at));
        f.append(events);
        f.clock().set(now);

        // The rising searches and the product's rising reuse are one outbreak: reported once, about the product.
        assertThat(f.kb().emergingIssues(COACH)).singleElement().satisfies(issue -> {
            assertThat(issue.kind()).isEqualTo(EmergingIssue.Kind.REUSE);
            assertThat(issue.product()).contains("Acme Mail");
            assertThat(issue.count()).isEqualTo(12);
            assertThat(issue.exampleQueries()).containsExactly("postfach voll");
        });
    }

    @Test
    void productRiseCarriedByOneArticle_isThatArticlesIssue_notTheProducts() {
        EmergingFixture f = open(Backend.IN_MEMORY, VisibilityPolicy.kcsDefault());
        Environment mail = Environment.of("Acme Mail", "7", "");
        ArticleId main = f.kb().capture(
                        COACH, ArticleContent.of("Acme Mail startet nicht", "x").withEnvironment(mail))
                .id();
        ArticleId side = f.kb().capture(
                        COACH, ArticleContent.of("Acme Mail Profil", "y").withEnvironment(mail))
                .id();
        Instant now = START.plus(Duration.ofDays(8));
        var flags = new ArrayList<Flag>();
        for (int i = 0; i < 20; i++) {
            flags.add(flag(main, now.minus(Duration.ofMinutes(50)).plusSeconds(i * 100L)));
        }
        for (int i = 0; i < 3; i++) {
            flags.add(flag(side, now.minus(Duration.ofMinutes(30)).plusSeconds(i * 100L)));
        }
        f.put(flags);
        f.clock().set(now);

        assertThat(f.kb().emergingIssues(COACH)).singleElement().satisfies(issue -> {
            assertThat(issue.kind()).isEqualTo(EmergingIssue.Kind.FLAGS);
            assertThat(issue.article()).contains(main);
            assertThat(issue.product()).isEmpty();
        });
    }

    @Test
    void trackerTellsProductIssuesApartByKindAndProduct() {
        Instant now = START.plus(Duration.ofDays(8));
        EmergingIssue mailReuse = productIssue(EmergingIssue.Kind.REUSE, "Acme Mail", now);
        EmergingIssue mailFlags = productIssue(EmergingIssue.Kind.FLAGS, "Acme Mail", now);
        EmergingIssue printReuse = productIssue(EmergingIssue.Kind.REUSE, "Acme Print", now);
        var tracker = new EmergingIssueTracker(Duration.ofHours(1));
        assertThat(tracker.update(List.of(mailReuse), now)).containsExactly(mailReuse);
        assertThat(tracker.update(List.of(mailReuse, mailFlags, printReuse), now.plusSeconds(300)))
                .containsExactly(mailFlags, printReuse);
        assertThatThrownBy(() -> new EmergingIssue(
                        EmergingIssue.Kind.SEARCHES,
                        "x",
                        Locale.ROOT,
                        Optional.of(ArticleId.of("KB-1")),
                        now,
                        now,
                        9,
                        1,
                        9,
                        0,
                        0.001,
                        List.of(),
                        List.of(),
                        Optional.of("Acme Mail"),
                        Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static EmergingIssue productIssue(EmergingIssue.Kind kind, String product, Instant now) {
        return new EmergingIssue(
                kind,
                product,
                Locale.ROOT,
                Optional.empty(),
                now.minus(Duration.ofMinutes(30)),
                now,
                12,
                1,
                kind == EmergingIssue.Kind.REUSE ? 12 : 0,
                0,
                1e-9,
                List.of(),
                List.of(),
                Optional.of(product),
                Optional.empty());
    }

    // ---- Fixture --------------------------------------------------------------------------------------------------

    private Flag flag(ArticleId article, Instant at) {
        return new Flag(
                "flag-" + (++flagIds),
                article,
                FlagReason.OUTDATED,
                "",
                "agent-" + (flagIds % 7),
                at,
                Optional.empty());
    }

    private static List<SearchEvent> answered(Instant at, String query, ArticleId article) {
        SearchEvent s = SearchEvent.search(at, SearchId.random(), query, PUBLIC, "", Locale.GERMAN, 3);
        return List.of(s, SearchEvent.click(at.plusSeconds(5), PUBLIC, article, SearchOrigin.of(s.searchId(), 1)));
    }

    /** Agents see their own work in progress only: coach-2's draft is hidden from coach-1. */
    private static VisibilityPolicy ownDrafts() {
        return (viewer, includeArchived) -> {
            if (!(viewer instanceof Viewer.Agent)) {
                return VisibilityPolicy.kcsDefault().visibleTo(viewer, includeArchived);
            }
            var grants = new HashSet<Visibility.Grant>();
            for (Audience audience : Audience.values()) {
                grants.add(new Visibility.Grant(ArticleState.VALIDATED, audience, false));
                grants.add(new Visibility.Grant(ArticleState.NOT_VALIDATED, audience, false));
                grants.add(new Visibility.Grant(ArticleState.WORK_IN_PROGRESS, audience, true));
            }
            return new Visibility(viewer, grants);
        };
    }

    private EmergingFixture open(Backend backend, VisibilityPolicy policy) {
        return opened.open(backend, temp, policy, START);
    }
}
