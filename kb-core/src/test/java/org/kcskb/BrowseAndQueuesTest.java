package org.kcskb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kcskb.actor.Actor;
import org.kcskb.actor.Viewer;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleId;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.article.CaseId;
import org.kcskb.article.Environment;
import org.kcskb.article.FlagReason;
import org.kcskb.article.LinkType;
import org.kcskb.browse.ArticleSummary;
import org.kcskb.browse.BrowseCounts;
import org.kcskb.browse.BrowsePage;
import org.kcskb.browse.BrowseRequest;
import org.kcskb.browse.QueueItem;
import org.kcskb.browse.QueuePage;
import org.kcskb.browse.QueueSettings;
import org.kcskb.browse.WorkQueue;
import org.kcskb.store.ArticleStores;

/** Browse, counts and the work queues through the knowledge base: visibility, each queue's rule, bad input. */
class BrowseAndQueuesTest {
    private static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
    private static final Actor AGENT = Actor.contributor("agent-7");
    private static final Actor PUBLISHER = Actor.publisher("pub-1");
    private static final Viewer COACH = Viewer.agent(Actor.publisher("coach-1"));

    private final MovableClock clock = new MovableClock(START);
    private KnowledgeBase kb;

    @BeforeEach
    void open() {
        kb = KnowledgeBase.builder()
                .store(ArticleStores.inMemory())
                .withoutSearch()
                .clock(clock)
                .build();
    }

    @AfterEach
    void close() {
        kb.close();
    }

    private Article capture(String title, String product, boolean resolved) {
        var content = ArticleContent.of(title, title + " seit dem Update")
                .withEnvironment(Environment.of(product, "1.0", ""))
                .withLanguage("de");
        return kb.capture(AGENT, resolved ? content.withResolution("Treiber neu installieren") : content);
    }

    private Article validated(String title, String product, Audience audience) {
        Article a = capture(title, product, true);
        Article v = kb.transition(PUBLISHER, a.id(), a.revision(), ArticleState.VALIDATED);
        return audience == Audience.INTERNAL ? v : kb.publish(PUBLISHER, v.id(), v.revision(), audience);
    }

    private void reuse(ArticleId id, int times) {
        for (int i = 0; i < times; i++) {
            kb.link(
                    AGENT,
                    id,
                    CaseId.of("C-" + id + "-" + i + "-" + clock.instant().getEpochSecond()),
                    LinkType.RESOLUTION);
        }
    }

    private static List<ArticleId> ids(BrowsePage page) {
        return page.items().stream().map(ArticleSummary::id).toList();
    }

    private static List<ArticleId> ids(QueuePage page) {
        return page.items().stream().map(item -> item.article().id()).toList();
    }

    @Test
    void browse_publicSeesOnlyPublicValidated_partnerAlsoPartner_agentEverythingInternal() {
        Article pub = validated("Drucker druckt nicht", "Acme Print", Audience.PUBLIC);
        Article partner = validated("Scanner scannt leer", "Acme Print", Audience.PARTNER);
        Article internal = validated("Interner Druckserver", "Acme Print", Audience.INTERNAL);
        Article wip = capture("VPN trennt", "Acme VPN", false);
        var byCreation =
                BrowseRequest.builder().sort(BrowseRequest.Sort.CREATED, false).build();

        assertThat(ids(kb.browse(Viewer.anonymous(), byCreation))).containsExactly(pub.id());
        assertThat(ids(kb.browse(Viewer.partner("acme"), byCreation))).containsExactly(pub.id(), partner.id());
        assertThat(ids(kb.browse(COACH, byCreation))).containsExactly(pub.id(), partner.id(), internal.id(), wip.id());

        BrowseCounts publicCounts = kb.counts(Viewer.anonymous());
        assertThat(publicCounts.total()).isEqualTo(1);
        assertThat(publicCounts.audience(Audience.INTERNAL)).isZero();
        assertThat(publicCounts.state(ArticleState.WORK_IN_PROGRESS)).isZero();
        assertThat(kb.counts(Viewer.partner("acme")).byAudience())
                .containsEntry(Audience.PUBLIC, 1L)
                .containsEntry(Audience.PARTNER, 1L)
                .containsEntry(Audience.INTERNAL, 0L);
        BrowseCounts coach = kb.counts(COACH);
        assertThat(coach.total()).isEqualTo(4);
        assertThat(coach.state(ArticleState.VALIDATED)).isEqualTo(3);
        assertThat(coach.state(ArticleState.WORK_IN_PROGRESS)).isEqualTo(1);
        assertThat(kb.counts(COACH, BrowseRequest.builder().product("Acme VPN").build())
                        .total())
                .isEqualTo(1);

        // A public viewer asking for internal articles explicitly gets none, not even a count.
        var internalOnly = BrowseRequest.builder().audiences(Audience.INTERNAL).build();
        assertThat(kb.browse(Viewer.anonymous(), internalOnly).items()).isEmpty();
        assertThat(kb.counts(Viewer.anonymous(), internalOnly).total()).isZero();
    }

    @Test
    void browse_pagesWithTheCursorThroughEverything() {
        var captured = new ArrayList<ArticleId>();
        for (int i = 0; i < 7; i++) {
            captured.add(capture("Artikel " + i, "Acme Print", true).id());
            clock.advance(Duration.ofMinutes(1));
        }
        var request = BrowseRequest.builder()
                .sort(BrowseRequest.Sort.CREATED, true)
                .limit(3)
                .build();
        var seen = new ArrayList<ArticleId>();
        BrowsePage page = kb.browse(COACH, request);
        seen.addAll(ids(page));
        while (page.nextCursor().isPresent()) {
            page = kb.browse(
                    COACH, request.toBuilder().after(page.nextCursor().get()).build());
            seen.addAll(ids(page));
        }
        assertThat(seen).containsExactlyElementsOf(captured.reversed());
    }

    @Test
    void browse_refusesBadLimitsAndForgedCursors() {
        assertThatThrownBy(() -> BrowseRequest.builder().limit(0).build()).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> BrowseRequest.builder().limit(101).build()).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> BrowseRequest.builder().after("").build()).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> BrowseRequest.builder().after("<script>").build())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageNotContaining("script");
        assertThatThrownBy(() -> BrowseRequest.builder().after("A".repeat(5000)).build())
                .isInstanceOf(InvalidInputException.class);
        String forged = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("b1|UPDATED|d|KB-1|not-a-time".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> BrowseRequest.builder().after(forged).build())
                .isInstanceOf(InvalidInputException.class);

        for (int i = 0; i < 3; i++) {
            capture("Artikel " + i, "Acme Print", true);
        }
        BrowsePage byTitle = kb.browse(
                COACH,
                BrowseRequest.builder()
                        .sort(BrowseRequest.Sort.TITLE, false)
                        .limit(1)
                        .build());
        String cursor = byTitle.nextCursor().orElseThrow();
        assertThatThrownBy(() -> BrowseRequest.builder().after(cursor).build())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("another sort");
        assertThatThrownBy(() -> new QueueSettings(0, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, 0, 0))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> QueueSettings.defaults().withStaleAfter(Duration.ofDays(-1)))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void publishQueue_listsNotValidatedArticlesReusedEnough_mostReusedFirst_withTheReason() {
        Article three = capture("Drucker druckt nicht", "Acme Print", true);
        Article five = capture("Scanner scannt leer", "Acme Print", true);
        Article two = capture("VPN trennt", "Acme VPN", true);
        Article validatedFour = validated("Outlook startet nicht", "Acme Mail", Audience.INTERNAL);
        reuse(three.id(), 3);
        reuse(five.id(), 5);
        reuse(two.id(), 2);
        reuse(validatedFour.id(), 4);

        QueuePage page = kb.queue(COACH, WorkQueue.PUBLISH);
        assertThat(ids(page)).containsExactly(five.id(), three.id());
        assertThat(page.items().getFirst().reason())
                .isEqualTo("reused 5 times, last on 2026-01-05, not yet validated (publish after 3)");
        assertThat(ids(kb.queue(
                        COACH,
                        WorkQueue.PUBLISH,
                        QueueSettings.defaults().withPublishAfterReuses(2),
                        WorkQueue.PUBLISH.request().build())))
                .containsExactly(five.id(), three.id(), two.id());
        // The public may not read articles that are not validated: its publish queue is empty.
        assertThat(kb.queue(Viewer.anonymous(), WorkQueue.PUBLISH).items()).isEmpty();
    }

    @Test
    void staleWorkInProgress_listsWorkInProgressOlderThanTheThreshold() {
        Article old = capture("Drucker druckt nicht", "Acme Print", false);
        clock.advance(Duration.ofDays(10));
        Article recent = capture("Scanner scannt leer", "Acme Print", false);
        capture("Fertig", "Acme Print", true);
        clock.advance(Duration.ofDays(5));

        QueuePage page = kb.queue(COACH, WorkQueue.STALE_WORK_IN_PROGRESS);
        assertThat(ids(page)).containsExactly(old.id());
        assertThat(page.items().getFirst().reason())
                .isEqualTo("work in progress for 15 days (captured 2026-01-05, last changed 2026-01-05)");

        clock.advance(Duration.ofDays(10));
        assertThat(ids(kb.queue(COACH, WorkQueue.STALE_WORK_IN_PROGRESS))).containsExactly(old.id(), recent.id());
    }

    @Test
    void openFlags_listsFlaggedArticlesOldestFlagFirst() {
        Article a = capture("Drucker druckt nicht", "Acme Print", true);
        Article b = capture("Scanner scannt leer", "Acme Print", true);
        capture("VPN trennt", "Acme VPN", true);
        kb.flag(AGENT, b.id(), FlagReason.OUTDATED, "Version 5 fehlt");
        clock.advance(Duration.ofDays(3));
        kb.flag(AGENT, a.id(), FlagReason.INCOMPLETE, "Treiberversion fehlt");
        var resolved = kb.flag(AGENT, a.id(), FlagReason.UNCLEAR, "unklar");
        kb.resolveFlag(PUBLISHER, resolved.id(), "geklärt");
        clock.advance(Duration.ofDays(1));

        QueuePage page = kb.queue(COACH, WorkQueue.OPEN_FLAGS);
        assertThat(ids(page)).containsExactly(b.id(), a.id());
        assertThat(page.items())
                .extracting(QueueItem::reason)
                .containsExactly(
                        "1 open flag, the oldest raised 2026-01-05 (4 days ago)",
                        "1 open flag, the oldest raised 2026-01-08 (1 day ago)");
        assertThat(ids(kb.queue(
                        COACH,
                        WorkQueue.OPEN_FLAGS,
                        QueueSettings.defaults().withOpenFlagAge(Duration.ofDays(2)),
                        WorkQueue.OPEN_FLAGS.request().build())))
                .containsExactly(b.id());
    }

    @Test
    void staleValidated_ofOneProduct_listsValidatedArticlesNeitherRevisedNorReused() {
        Article stale = validated("Drucker druckt nicht", "Acme Print", Audience.PUBLIC);
        Article reused = validated("Scanner scannt leer", "Acme Print", Audience.INTERNAL);
        Article otherProduct = validated("VPN trennt", "Acme VPN", Audience.INTERNAL);
        capture("Nicht validiert", "Acme Print", true);
        clock.advance(Duration.ofDays(100));
        reuse(reused.id(), 1);
        clock.advance(Duration.ofDays(100));

        var acmePrint =
                WorkQueue.STALE_VALIDATED.request().product("Acme Print").build();
        QueuePage page = kb.queue(COACH, WorkQueue.STALE_VALIDATED, QueueSettings.defaults(), acmePrint);
        assertThat(ids(page)).containsExactly(stale.id());
        assertThat(page.items().getFirst().reason())
                .isEqualTo("validated, not revised for 200 days (since 2026-01-05) and never reused");
        assertThat(ids(kb.queue(COACH, WorkQueue.STALE_VALIDATED))).containsExactly(stale.id(), otherProduct.id());

        clock.advance(Duration.ofDays(90));
        assertThat(kb.queue(COACH, WorkQueue.STALE_VALIDATED, QueueSettings.defaults(), acmePrint)
                        .items())
                .extracting(QueueItem::reason)
                .containsExactly(
                        "validated, not revised for 290 days (since 2026-01-05) and never reused",
                        "validated, not revised for 290 days (since 2026-01-05) and not reused for 190 days (last on"
                                + " 2026-04-15)");
        // The public only sees the public one.
        assertThat(ids(kb.queue(Viewer.anonymous(), WorkQueue.STALE_VALIDATED))).containsExactly(stale.id());
    }

    @Test
    void archiveCandidates_needAYearWithoutRevisionOrReuseAndFewViews() {
        Article unused = validated("Drucker druckt nicht", "Acme Print", Audience.INTERNAL);
        Article reused = validated("Scanner scannt leer", "Acme Print", Audience.INTERNAL);
        Article rated = validated("VPN trennt", "Acme VPN", Audience.INTERNAL);
        kb.feedback(COACH, rated.id(), false, "veraltet");
        clock.advance(Duration.ofDays(200));
        reuse(reused.id(), 1);
        clock.advance(Duration.ofDays(200));

        QueuePage page = kb.queue(COACH, WorkQueue.ARCHIVE_CANDIDATES);
        assertThat(ids(page)).containsExactly(unused.id());
        assertThat(page.items().getFirst().reason())
                .isEqualTo(
                        "validated, not revised for 400 days, never reused, viewed 0 times and rated 0 times in all");
        assertThat(ids(kb.queue(
                        COACH,
                        WorkQueue.ARCHIVE_CANDIDATES,
                        QueueSettings.defaults().withArchiveMaxFeedback(1),
                        WorkQueue.ARCHIVE_CANDIDATES.request().build())))
                .containsExactly(unused.id(), rated.id());
        assertThat(ids(kb.queue(COACH, WorkQueue.STALE_VALIDATED)))
                .containsExactly(unused.id(), reused.id(), rated.id());
    }
}
