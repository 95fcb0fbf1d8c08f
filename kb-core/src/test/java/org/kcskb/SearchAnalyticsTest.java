package org.kcskb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kcskb.actor.Actor;
import org.kcskb.actor.Viewer;
import org.kcskb.analytics.ContentGap;
import org.kcskb.analytics.PositionCount;
import org.kcskb.analytics.QueryCount;
import org.kcskb.analytics.RecordingStats;
import org.kcskb.analytics.ReportQuery;
import org.kcskb.analytics.SearchId;
import org.kcskb.analytics.SearchOrigin;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleId;
import org.kcskb.article.CaseId;
import org.kcskb.article.CaseLink;
import org.kcskb.article.LinkType;
import org.kcskb.search.Relaxation;
import org.kcskb.search.SearchRequest;
import org.kcskb.search.SearchResult;
import org.kcskb.store.ArticleStores;
import org.kcskb.store.spi.AnalyticsStore;
import org.kcskb.store.spi.ArticleStore;
import org.kcskb.store.spi.ForwardingArticleStore;
import org.kcskb.store.spi.ReportlessAnalyticsStore;

class SearchAnalyticsTest {
    private static final Instant NOW = Instant.parse("2026-05-04T08:00:00Z");
    private static final Actor AGENT = Actor.contributor("agent-7");
    private static final Viewer AGENT_VIEWER = Viewer.agent(AGENT);

    @TempDir
    Path temp;

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
                .languageDetector(SubstringSearchEngine::detectLanguage)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .build();
        return kb;
    }

    private Article printerArticle() {
        return kb.capture(
                AGENT,
                ArticleContent.of("Drucker druckt nach Update nicht", "Seit dem Update druckt nichts mehr")
                        .withResolution("Treiber 5.1 installieren"));
    }

    private SearchResult search(String text) {
        return kb.search(SearchRequest.of(text, AGENT_VIEWER));
    }

    @Test
    void fiveSearchesForSomethingAbsent_topTheContentGapReport() {
        open(ArticleStores.inMemory());
        printerArticle();
        for (String typed :
                List.of("VPN bricht ab", "vpn bricht ab", "  VPN   bricht ab ", "vpn BRICHT ab", "Vpn bricht ab")) {
            assertThat(search(typed).totalHits()).isZero();
        }
        search("kennwort vergessen");
        search("drucker");

        List<ContentGap> gaps = kb.analytics().contentGaps(ReportQuery.all());

        assertThat(gaps.getFirst())
                .isEqualTo(new ContentGap("vpn bricht ab", Locale.ROOT, 5, NOW, ContentGap.Kind.NO_RESULTS));
        assertThat(gaps)
                .extracting(ContentGap::query)
                // Ties by searches and time are broken by the query.
                .containsExactly("vpn bricht ab", "drucker", "kennwort vergessen");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"memory", "h2"})
    void contentGaps_perProduct_countTheSearchesMadeForIt_byFilterOrByTheAskersContext(String storeName) {
        open(storeName.equals("memory") ? ArticleStores.inMemory() : ArticleStores.h2(temp.resolve("store")));
        printerArticle();
        kb.search(SearchRequest.builder("scanner sendet keine mails", AGENT_VIEWER)
                .environment("product", "Acme Print")
                .build());
        kb.search(SearchRequest.builder("scanner sendet keine mails", AGENT_VIEWER)
                .environment("product", "Acme Print")
                .build());
        kb.search(SearchRequest.builder("tunnel bricht ab", AGENT_VIEWER)
                .context("product", "Acme VPN")
                .build());
        kb.search(SearchRequest.of("kalender freigeben", AGENT_VIEWER));

        assertThat(kb.analytics().contentGaps(ReportQuery.all().withProduct("Acme Print")))
                .containsExactly(
                        new ContentGap("scanner sendet keine mails", Locale.ROOT, 2, NOW, ContentGap.Kind.NO_RESULTS));
        assertThat(kb.analytics().contentGaps(ReportQuery.all().withProduct("Acme VPN")))
                .extracting(ContentGap::query)
                .containsExactly("tunnel bricht ab");
        assertThat(kb.analytics().contentGaps(ReportQuery.all().withProduct("Acme Mail")))
                .isEmpty();
        assertThat(kb.analytics().contentGaps(ReportQuery.all()))
                .extracting(ContentGap::query)
                .containsExactlyInAnyOrder("scanner sendet keine mails", "tunnel bricht ab", "kalender freigeben");
        assertThat(kb.analytics().topQueries(ReportQuery.all().withProduct("Acme Print")))
                .extracting(q -> q.query())
                .containsExactly("scanner sendet keine mails");
    }

    @Test
    void reportQuery_refusesABlankOrOverlongProduct_sayingWhatToGive() {
        assertThatThrownBy(() -> ReportQuery.all().withProduct(" "))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("product");
        assertThatThrownBy(() -> ReportQuery.all().withProduct("x".repeat(201)))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void aSearchAnsweredOnlyByARelaxedQuery_showsItsResults_butStaysAContentGapForTheTextAsTyped() {
        open(ArticleStores.inMemory());
        Article article = kb.capture(AGENT, ArticleContent.of("Login fails", "The login page rejects the password"));

        SearchResult result = search("Logn");

        assertThat(result.hits()).extracting(h -> h.id()).containsExactly(article.id());
        assertThat(result.relaxation()).contains(new Relaxation(Relaxation.Kind.CORRECTED_TYPOS, "login"));
        assertThat(result.searchId()).isPresent();
        // Without the relaxation's hit count of 0, the search would count as answered (a NO_CLICK gap at most).
        assertThat(kb.analytics().contentGaps(ReportQuery.all()))
                .containsExactly(new ContentGap("logn", Locale.ROOT, 1, NOW, ContentGap.Kind.NO_RESULTS));
        // A click on a relaxed result does not make the typed text an answered query either.
        kb.recordClick(
                AGENT_VIEWER, article.id(), SearchOrigin.of(result.searchId().orElseThrow(), 1));
        assertThat(kb.analytics().contentGaps(ReportQuery.all()))
                .extracting(ContentGap::query, ContentGap::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("logn", ContentGap.Kind.NO_RESULTS));
    }

    @Test
    void searchesMarkedAsNotRecorded_stayOutOfTheReports() {
        open(ArticleStores.inMemory());
        printerArticle();
        for (String typed : List.of("vp", "vpn", "vpn b")) {
            kb.search(SearchRequest.builder(typed, AGENT_VIEWER).recorded(false).build());
        }
        search("vpn bricht ab");

        assertThat(kb.analytics().contentGaps(ReportQuery.all()))
                .extracting(ContentGap::query)
                .containsExactly("vpn bricht ab");
    }

    @Test
    void withRecordingOff_nothingIsRecorded_andReportsStillWork() {
        kb = KnowledgeBase.builder()
                .store(ArticleStores.inMemory())
                .searchEngine(SubstringSearchEngine.provider())
                .languageDetector(SubstringSearchEngine::detectLanguage)
                .recordSearches(false)
                .build();
        Article article = printerArticle();
        SearchResult result = search("drucker");
        kb.recordClick(
                AGENT_VIEWER, article.id(), SearchOrigin.of(result.searchId().orElseThrow(), 1));
        search("vpn");

        assertThat(kb.analytics().contentGaps(ReportQuery.all())).isEmpty();
        assertThat(kb.analytics().topQueries(ReportQuery.all())).isEmpty();
        assertThat(kb.analytics().recording().offered()).isZero();
    }

    @Test
    void searchFollowedByAClick_isNoGap_butASearchWithoutOneIs() {
        open(ArticleStores.inMemory());
        Article article = printerArticle();

        SearchResult clicked = search("Drucker");
        assertThat(clicked.hits()).extracting(h -> h.id()).containsExactly(article.id());
        kb.recordClick(
                AGENT_VIEWER, article.id(), SearchOrigin.of(clicked.searchId().orElseThrow(), 1));
        search("drucker");

        // The language was detected on the recorder's thread by the (test) language detector.
        assertThat(kb.analytics().contentGaps(ReportQuery.all()))
                .containsExactly(new ContentGap("drucker", Locale.GERMAN, 1, NOW, ContentGap.Kind.NO_CLICK));
        assertThat(kb.analytics().clickPositions(ReportQuery.all().withLanguage(Locale.GERMAN)))
                .containsExactly(new PositionCount(1, 1, 0));
        assertThat(kb.analytics().topQueries(ReportQuery.all()))
                .containsExactly(new QueryCount("drucker", Locale.GERMAN, 2, 0, 0));
    }

    @Test
    void linkFromASearch_answersTheSearch_andStoresTheLink() {
        open(ArticleStores.inMemory());
        Article article = printerArticle();
        SearchResult result = search("drucker");

        CaseLink link = kb.link(
                AGENT,
                article.id(),
                CaseId.of("CASE-7"),
                LinkType.RESOLUTION,
                SearchOrigin.of(result.searchId().orElseThrow(), 1));

        assertThat(kb.links(article.id())).containsExactly(link);
        assertThat(kb.analytics().contentGaps(ReportQuery.all())).isEmpty();
    }

    @Test
    void everySearchGetsItsOwnId_butOnlyFirstPagesWithTextAreRecorded() {
        open(ArticleStores.inMemory());
        printerArticle();
        SearchResult first = search("drucker");
        SearchResult second = search("drucker");
        SearchResult page2 = kb.search(
                SearchRequest.builder("drucker", AGENT_VIEWER).offset(1).build());
        SearchResult browsing = kb.search(SearchRequest.of(" ", AGENT_VIEWER));

        assertThat(List.of(first, second, page2, browsing))
                .extracting(r -> r.searchId().orElseThrow())
                .doesNotHaveDuplicates();
        assertThat(kb.analytics().topQueries(ReportQuery.all()))
                .containsExactly(new QueryCount("drucker", Locale.GERMAN, 2, 0, 0));
    }

    @Test
    void suggestionPicks_countInTopQueriesAndPositions_evenWithoutASearchEngine() {
        kb = KnowledgeBase.builder()
                .store(ArticleStores.inMemory())
                .withoutSearch()
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .build();
        kb.recordSuggestionPick(Viewer.anonymous(), "Druck", Locale.GERMAN, ArticleId.of("KB-1"), 2);
        kb.recordSuggestionPick(Viewer.anonymous(), "druck", Locale.GERMAN, ArticleId.of("KB-1"), 2);
        kb.recordSuggestionPick(Viewer.anonymous(), "netz", Locale.GERMAN, ArticleId.of("KB-2"), 4);

        assertThat(kb.analytics().topQueries(ReportQuery.all()))
                .containsExactly(
                        new QueryCount("druck", Locale.GERMAN, 0, 0, 2),
                        new QueryCount("netz", Locale.GERMAN, 0, 0, 1));
        assertThat(kb.analytics().clickPositions(ReportQuery.all()))
                .containsExactly(new PositionCount(2, 0, 2), new PositionCount(4, 0, 1));
        assertThatThrownBy(() -> kb.recordSuggestionPick(Viewer.anonymous(), "x", Locale.ROOT, ArticleId.of("KB-1"), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1-based");
    }

    @Test
    void recording100kEvents_keepsTheQueueBounded_andAccountsForEveryEvent() {
        open(ArticleStores.inMemory());
        int offered = 100_000;
        for (int i = 0; i < offered; i++) {
            kb.recordSuggestionPick(AGENT_VIEWER, "q" + i, Locale.ROOT, ArticleId.of("KB-" + (i % 50)), 1 + i % 10);
            if (i % 1_000 == 0) {
                RecordingStats stats = kb.analytics().recording();
                assertThat(stats.pending()).isLessThanOrEqualTo(stats.capacity());
            }
        }
        RecordingStats recorded = kb.analytics().recording();
        assertThat(recorded.offered()).isEqualTo(offered);
        assertThat(recorded.accepted() + recorded.dropped()).isEqualTo(offered);
        assertThat(recorded.pending()).isLessThanOrEqualTo(recorded.capacity());

        long clicks = kb.analytics().clickPositions(ReportQuery.all()).stream()
                .mapToLong(PositionCount::suggestionPicks)
                .sum();

        RecordingStats flushed = kb.analytics().recording();
        assertThat(flushed.pending()).isZero();
        assertThat(flushed.written() + flushed.failed()).isEqualTo(flushed.accepted());
        // The in-memory store keeps only its newest events: its report is bounded too.
        assertThat(clicks).isEqualTo(Math.min(flushed.written(), 50_000));
    }

    @Test
    void close_writesTheQueuedEventsToTheStore() {
        Path directory = temp.resolve("store");
        kb = KnowledgeBase.builder()
                .store(ArticleStores.h2(directory))
                .withoutSearch()
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .build();
        kb.recordSuggestionPick(AGENT_VIEWER, "kennwort", Locale.GERMAN, ArticleId.of("KB-1"), 1);
        kb.close();

        try (ArticleStore reopened = ArticleStores.h2(directory)) {
            assertThat(((AnalyticsStore) reopened).topQueries(ReportQuery.all()))
                    .containsExactly(new QueryCount("kennwort", Locale.GERMAN, 0, 0, 1));
        }
    }

    @Test
    void hostStoreWithoutAnalytics_keepsTheAnalyticsInMemory() {
        open(new HostStore(ArticleStores.inMemory()));
        printerArticle();
        search("nichts da");
        assertThat(kb.analytics().contentGaps(ReportQuery.all()))
                .extracting(ContentGap::query)
                .containsExactly("nichts da");
    }

    @Test
    void analyticsStoreFailure_neverFailsASearch_andIsCounted() {
        var store = new FailingAnalyticsStore(ArticleStores.inMemory());
        open(store);
        printerArticle();

        assertThat(search("drucker").totalHits()).isEqualTo(1);
        assertThat(kb.analytics().contentGaps(ReportQuery.all())).isEmpty();
        assertThat(kb.analytics().recording().failed()).isEqualTo(1);
    }

    @Test
    void callsAfterClose_fail() {
        open(ArticleStores.inMemory());
        var analytics = kb.analytics();
        kb.close();
        assertThatThrownBy(() -> analytics.contentGaps(ReportQuery.all())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(kb::analytics).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(
                        () -> kb.recordClick(AGENT_VIEWER, ArticleId.of("KB-1"), SearchOrigin.of(SearchId.of("s"), 1)))
                .isInstanceOf(IllegalStateException.class);
    }

    /** A host's own store, which implements the article SPI only. */
    private static class HostStore extends ForwardingArticleStore {
        HostStore(ArticleStore delegate) {
            super(delegate);
        }
    }

    /** A host's store whose analytics side is down: every append fails, reports are empty. */
    private static final class FailingAnalyticsStore extends HostStore implements ReportlessAnalyticsStore {
        FailingAnalyticsStore(ArticleStore delegate) {
            super(delegate);
        }

        @Override
        public void append(List<org.kcskb.analytics.SearchEvent> events) {
            throw new StorageException("The analytics table is gone (test)");
        }
    }
}
