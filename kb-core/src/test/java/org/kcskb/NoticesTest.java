package org.kcskb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kcskb.actor.Actor;
import org.kcskb.actor.Viewer;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.notice.Notice;
import org.kcskb.notice.NoticeChange;
import org.kcskb.notice.NoticeDraft;
import org.kcskb.notice.NoticeId;
import org.kcskb.notice.NoticeStats;
import org.kcskb.notice.NoticeText;
import org.kcskb.search.SearchRequest;
import org.kcskb.store.ArticleStores;
import org.kcskb.store.spi.ArticleStore;

/** Known-issue notices: publishing, matching searches, audience, expiry on the clock, audit and deflection. */
class NoticesTest {
    private static final Instant NOW = Instant.parse("2026-06-01T09:00:00Z");
    private static final Actor COACH = Actor.publisher("coach-1");
    private static final Actor AGENT = Actor.contributor("agent-7");
    private static final Viewer PARTNER = Viewer.partner("acme-partner");

    @TempDir
    Path temp;

    private final MovableClock clock = new MovableClock(NOW);
    private KnowledgeBase kb;

    @AfterEach
    void close() {
        if (kb != null) {
            kb.close();
        }
    }

    private KnowledgeBase open(ArticleStore store) {
        kb = KnowledgeBase.builder()
                .store(store)
                .searchEngine(SubstringSearchEngine.provider())
                .clock(clock)
                .build();
        return kb;
    }

    private KnowledgeBase open() {
        return open(ArticleStores.inMemory());
    }

    private static NoticeDraft.Builder printer() {
        return NoticeDraft.builder()
                .text(
                        Locale.GERMAN,
                        "Drucker druckt nach Update KB5034 nicht",
                        "Wir arbeiten an einer Lösung. Bis dahin: Update KB5034 deinstallieren.")
                .text(Locale.ENGLISH, "Printer does not print after update KB5034", "We are working on a fix.")
                .products("Windows 11")
                .symptoms("drucker druckt nicht", "printer not printing", "KB5034")
                .audience(Audience.PUBLIC)
                .lasting(Duration.ofHours(2));
    }

    private List<Notice> searchNotices(String text, Viewer viewer) {
        return kb.search(SearchRequest.of(text, viewer)).notices();
    }

    private Article publicArticle(String title) {
        return kb.capture(
                COACH,
                Draft.of(ArticleContent.of(title, "What happened: " + title + ".")
                                .withResolution("Do this."))
                        .withState(ArticleState.VALIDATED)
                        .withAudience(Audience.PUBLIC));
    }

    // ---- The user story ---------------------------------------------------------------------------------------

    @Test
    void printerNotice_showsFirstForMatchingSearches_notForVpn_andExpiresAfterTwoHours() {
        open();
        publicArticle("VPN verbindet nicht");
        Notice notice = kb.publishNotice(COACH, printer().build());

        assertThat(notice.start()).isEqualTo(NOW);
        assertThat(notice.end()).isEqualTo(NOW.plus(Duration.ofHours(2)));
        assertThat(notice.id().value()).startsWith("N-");
        assertThat(searchNotices("drucker druckt nicht", Viewer.anonymous())).containsExactly(notice);
        assertThat(searchNotices("Mein Drucker druckt seit gestern nicht mehr", Viewer.anonymous()))
                .containsExactly(notice);
        assertThat(searchNotices("KB5034", Viewer.anonymous())).containsExactly(notice);
        assertThat(searchNotices("vpn", Viewer.anonymous())).isEmpty();
        assertThat(searchNotices("drucker", Viewer.anonymous()))
                .as("one word of a symptom is not the symptom")
                .isEmpty();
        assertThat(notice.text(Locale.ENGLISH).title()).isEqualTo("Printer does not print after update KB5034");
        assertThat(notice.text(Locale.FRENCH).title()).isEqualTo("Drucker druckt nach Update KB5034 nicht");

        clock.advance(Duration.ofHours(2).minusSeconds(1));
        assertThat(searchNotices("drucker druckt nicht", Viewer.anonymous())).containsExactly(notice);
        clock.advance(Duration.ofSeconds(1));
        assertThat(searchNotices("drucker druckt nicht", Viewer.anonymous()))
                .as("expired by itself at its end")
                .isEmpty();
        assertThat(kb.activeNotices(Viewer.anonymous())).isEmpty();
        assertThat(kb.notices(Viewer.anonymous())).containsExactly(notice);
    }

    @Test
    void environmentFilterOrContext_namingAnAffectedProduct_matches_caseIgnored() {
        open();
        Notice notice =
                kb.publishNotice(COACH, printer().environments("Microsoft 365").build());

        assertThat(kb.search(SearchRequest.builder("vpn", Viewer.anonymous())
                                .context("product", "windows 11")
                                .build())
                        .notices())
                .containsExactly(notice);
        assertThat(kb.search(SearchRequest.builder("vpn", Viewer.anonymous())
                                .environment("suite", "Microsoft  365")
                                .build())
                        .notices())
                .containsExactly(notice);
        assertThat(kb.search(SearchRequest.builder("vpn", Viewer.anonymous())
                                .context("product", "Windows 10")
                                .build())
                        .notices())
                .isEmpty();
    }

    @Test
    void scheduledNotice_showsOnlyFromItsStart() {
        open();
        Notice later = kb.publishNotice(
                COACH, printer().from(NOW.plus(Duration.ofHours(1))).build());
        assertThat(later.end()).isEqualTo(NOW.plus(Duration.ofHours(3)));
        assertThat(searchNotices("drucker druckt nicht", Viewer.anonymous())).isEmpty();
        assertThat(kb.notices(Viewer.anonymous()))
                .as("the public learns of it when it starts")
                .isEmpty();
        assertThat(kb.notices(Viewer.partner("partner-1"))).isEmpty();
        assertThat(kb.notices(Viewer.agent(COACH)))
                .as("agents see what is scheduled")
                .containsExactly(later);
        clock.advance(Duration.ofHours(1));
        assertThat(searchNotices("drucker druckt nicht", Viewer.anonymous())).containsExactly(later);
        assertThat(kb.notices(Viewer.anonymous())).containsExactly(later);
    }

    @Test
    void severalNotices_newestFirst() {
        open();
        Notice older = kb.publishNotice(COACH, printer().build());
        clock.advance(Duration.ofMinutes(5));
        Notice newer = kb.publishNotice(
                COACH,
                NoticeDraft.builder()
                        .text(Locale.GERMAN, "Druckserver ausgefallen", "")
                        .products("Druckserver")
                        .symptoms("drucker druckt nicht")
                        .audience(Audience.PUBLIC)
                        .until(NOW.plus(Duration.ofDays(1)))
                        .build());
        assertThat(searchNotices("drucker druckt nicht", Viewer.anonymous())).containsExactly(newer, older);
        assertThat(kb.notices(Viewer.anonymous(), "Drucker druckt nicht", Locale.GERMAN))
                .containsExactly(newer, older);
    }

    // ---- Audience ---------------------------------------------------------------------------------------------

    @Test
    void internalNotice_neverReachesThePublicOrPartners_anywhere() {
        open();
        publicArticle("Drucker druckt nicht: Treiber neu installieren");
        Notice internal = kb.publishNotice(
                COACH, printer().audience(Audience.INTERNAL).showToAll(true).build());
        Notice partners = kb.publishNotice(
                COACH,
                NoticeDraft.builder()
                        .text(Locale.GERMAN, "Partnerportal langsam", "")
                        .products("Partnerportal")
                        .symptoms("portal langsam")
                        .audience(Audience.PARTNER)
                        .lasting(Duration.ofHours(1))
                        .build());
        Viewer agent = Viewer.agent(AGENT);

        for (Viewer outsider : List.of(Viewer.anonymous(), PARTNER)) {
            assertThat(searchNotices("drucker druckt nicht", outsider)).isEmpty();
            assertThat(kb.search(SearchRequest.builder("vpn", outsider)
                                    .context("product", "Windows 11")
                                    .build())
                            .notices())
                    .isEmpty();
            assertThat(kb.notices(outsider, "drucker druckt nicht", Locale.GERMAN))
                    .isEmpty();
            assertThat(kb.activeNotices(outsider)).doesNotContain(internal);
            assertThat(kb.notices(outsider)).doesNotContain(internal);
            assertThat(kb.noticeStats(outsider)).extracting(NoticeStats::notice).doesNotContain(internal.id());
            assertThatThrownBy(() -> kb.recordNoticeImpression(outsider, internal.id()))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> kb.recordNoticeAnswered(outsider, internal.id()))
                    .isInstanceOf(NotFoundException.class);
        }
        assertThat(kb.activeNotices(Viewer.anonymous())).isEmpty();
        assertThat(kb.activeNotices(PARTNER)).containsExactly(partners);
        assertThat(searchNotices("portal langsam", PARTNER)).containsExactly(partners);
        assertThat(searchNotices("portal langsam", Viewer.anonymous())).isEmpty();

        assertThat(searchNotices("drucker druckt nicht", agent)).containsExactly(internal);
        assertThat(kb.activeNotices(agent)).containsExactly(partners, internal);
    }

    @Test
    void articleLink_isShownOnlyToViewersWhoMayReadTheArticle() {
        open();
        Article article = publicArticle("Drucker druckt nach KB5034 nicht");
        Notice notice = kb.publishNotice(COACH, printer().article(article.id()).build());
        assertThat(searchNotices("drucker druckt nicht", Viewer.anonymous())
                        .getFirst()
                        .article())
                .contains(article.id());

        kb.publish(COACH, article.id(), article.revision(), Audience.INTERNAL);
        assertThat(searchNotices("drucker druckt nicht", Viewer.anonymous()))
                .singleElement()
                .satisfies(n -> {
                    assertThat(n.id()).isEqualTo(notice.id());
                    assertThat(n.article()).isEmpty();
                });
        assertThat(kb.activeNotices(Viewer.anonymous()).getFirst().article()).isEmpty();
        assertThat(searchNotices("drucker druckt nicht", Viewer.agent(AGENT))
                        .getFirst()
                        .article())
                .contains(article.id());
    }

    // ---- Publishing rules -------------------------------------------------------------------------------------

    @Test
    void onlyPublishers_publishAndEnd_andTheRefusalNamesTheRule() {
        open();
        assertThatThrownBy(() -> kb.publishNotice(AGENT, printer().build()))
                .isInstanceOf(ActionRefusedException.class)
                .hasMessageContaining(KnowledgeBase.NOTICES_REQUIRE_PUBLISHER);
        Notice notice =
                kb.publishNotice(Actor.administrator("admin-1"), printer().build());
        assertThatThrownBy(() -> kb.endNotice(AGENT, notice.id()))
                .isInstanceOf(ActionRefusedException.class)
                .hasMessageContaining(KnowledgeBase.NOTICES_REQUIRE_PUBLISHER);
        assertThat(kb.activeNotices(Viewer.anonymous())).containsExactly(notice);
        assertThat(kb.noticeAudit()).hasSize(1);
    }

    @Test
    void endNotice_endsItNow_isAudited_andEndingAgainChangesNothing() {
        open();
        Notice notice = kb.publishNotice(COACH, printer().build());
        clock.advance(Duration.ofMinutes(30));
        Actor other = Actor.publisher("coach-2");
        Notice ended = kb.endNotice(other, notice.id());

        assertThat(ended.end()).isEqualTo(NOW.plus(Duration.ofMinutes(30)));
        assertThat(searchNotices("drucker druckt nicht", Viewer.anonymous())).isEmpty();
        assertThat(kb.notices(Viewer.anonymous())).containsExactly(ended);
        clock.advance(Duration.ofMinutes(1));
        assertThat(kb.endNotice(COACH, notice.id())).isEqualTo(ended);
        assertThat(kb.noticeAudit())
                .containsExactly(
                        new NoticeChange(NOW, COACH, NoticeChange.Action.PUBLISHED, notice.id()),
                        new NoticeChange(
                                NOW.plus(Duration.ofMinutes(30)), other, NoticeChange.Action.ENDED, notice.id()));
        assertThatThrownBy(() -> kb.endNotice(COACH, NoticeId.of("N-unknown")))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("N-unknown");
    }

    @Test
    void badInput_isRefused_withHowToFixIt() {
        open();
        assertThatThrownBy(() -> kb.publishNotice(
                        COACH, printer().from(NOW).until(NOW.minusSeconds(1)).build()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("must lie after the start");
        assertThatThrownBy(() -> kb.publishNotice(
                        COACH,
                        printer()
                                .from(NOW.minus(Duration.ofDays(2)))
                                .lasting(Duration.ofDays(1))
                                .build()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("lies in the past");
        assertThatThrownBy(() -> kb.publishNotice(
                        COACH, printer().lasting(Duration.ofDays(91)).build()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("at most 90 days");
        assertThatThrownBy(() -> NoticeDraft.builder()
                        .text(Locale.GERMAN, "Titel", "")
                        .products("Windows 11")
                        .lasting(Duration.ofHours(1))
                        .build())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("symptoms(");
        assertThatThrownBy(() -> NoticeDraft.builder()
                        .text(Locale.GERMAN, "Titel", "")
                        .symptoms("drucker")
                        .lasting(Duration.ofHours(1))
                        .build())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("products(");
        assertThatThrownBy(() -> NoticeDraft.builder()
                        .text(Locale.GERMAN, "Titel", "")
                        .products("Windows 11")
                        .symptoms("drucker")
                        .build())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("until(end) or lasting(duration)");
        assertThatThrownBy(() -> NoticeDraft.builder().text(Locale.GERMAN, "x".repeat(201), ""))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("at most " + NoticeText.MAX_TITLE_LENGTH);
        assertThatThrownBy(() -> NoticeDraft.builder().text(Locale.GERMAN, "Titel", "x".repeat(2001)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("link an article");
        assertThatThrownBy(() -> NoticeDraft.builder().text(Locale.ROOT, "Titel", ""))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> NoticeDraft.builder().symptoms("!!!")).isInstanceOf(InvalidInputException.class);
        assertThat(kb.noticeAudit()).isEmpty();
        assertThat(kb.notices(Viewer.agent(AGENT))).isEmpty();
    }

    @Test
    void linkedArticle_mustExist_andBeReadableByTheAudience() {
        open();
        Article internal = kb.capture(
                COACH,
                Draft.of(ArticleContent.of("Interner Workaround", "Nur für Agenten")
                        .withResolution("x")));
        assertThatThrownBy(() ->
                        kb.publishNotice(COACH, printer().article(internal.id()).build()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("may not read it");
        assertThatThrownBy(() -> kb.publishNotice(
                        COACH,
                        printer()
                                .article(org.kcskb.article.ArticleId.of("KB-999"))
                                .build()))
                .isInstanceOf(NotFoundException.class);
        Notice forAgents = kb.publishNotice(
                COACH,
                printer().audience(Audience.INTERNAL).article(internal.id()).build());
        assertThat(forAgents.article()).contains(internal.id());
    }

    // ---- Deflection -------------------------------------------------------------------------------------------

    @Test
    void impressionsAndAnswers_giveTheDeflectionPerNotice_andAreStored() {
        ArticleStore store = ArticleStores.h2(temp.resolve("store"));
        open(store);
        Notice notice = kb.publishNotice(COACH, printer().build());
        Notice internal =
                kb.publishNotice(COACH, printer().audience(Audience.INTERNAL).build());
        for (int i = 0; i < 4; i++) {
            kb.recordNoticeImpression(Viewer.anonymous(), notice.id());
        }
        kb.recordNoticeAnswered(Viewer.anonymous(), notice.id());
        kb.recordNoticeImpression(Viewer.agent(AGENT), internal.id());

        assertThat(kb.noticeStats(Viewer.anonymous())).containsExactly(new NoticeStats(notice.id(), 4, 1));
        assertThat(kb.noticeStats(Viewer.anonymous()).getFirst().deflection()).isEqualTo(0.25);
        assertThat(kb.noticeStats(Viewer.agent(COACH)))
                .containsExactlyInAnyOrder(new NoticeStats(notice.id(), 4, 1), new NoticeStats(internal.id(), 1, 0));
        kb.close();

        open(ArticleStores.h2(temp.resolve("store")));
        assertThat(kb.notices(Viewer.agent(COACH))).containsExactlyInAnyOrder(notice, internal);
        assertThat(kb.noticeStats(Viewer.anonymous())).containsExactly(new NoticeStats(notice.id(), 4, 1));
        assertThat(searchNotices("drucker druckt nicht", Viewer.anonymous())).containsExactly(notice);
        assertThat(kb.noticeAudit()).hasSize(2);
    }

    @Test
    void anotherNodeOverTheSameStore_showsANoticeWithinSeconds() throws Exception {
        var storeA = ArticleStores.h2(temp.resolve("shared"));
        var storeB = ArticleStores.h2(temp.resolve("shared"));
        KnowledgeBase nodeB = KnowledgeBase.builder()
                .store(storeB)
                .searchEngine(SubstringSearchEngine.provider())
                .clock(clock)
                .build();
        try {
            assertThat(nodeB.search(SearchRequest.of("drucker druckt nicht", Viewer.anonymous()))
                            .notices())
                    .isEmpty();
            open(storeA);
            Notice notice = kb.publishNotice(COACH, printer().build());
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            List<Notice> seen = List.of();
            while (seen.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(100);
                seen = nodeB.search(SearchRequest.of("drucker druckt nicht", Viewer.anonymous()))
                        .notices();
            }
            assertThat(seen).containsExactly(notice);
        } finally {
            nodeB.close();
        }
    }
}
