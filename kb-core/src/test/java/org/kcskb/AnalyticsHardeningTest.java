package org.kcskb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kcskb.actor.Actor;
import org.kcskb.actor.Viewer;
import org.kcskb.analytics.AnsweredQuery;
import org.kcskb.analytics.ContentGap;
import org.kcskb.analytics.QueryCount;
import org.kcskb.analytics.ReportQuery;
import org.kcskb.analytics.SearchId;
import org.kcskb.analytics.SearchOrigin;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleId;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.article.CaseId;
import org.kcskb.article.LinkType;
import org.kcskb.search.SearchHit;
import org.kcskb.search.SearchRequest;
import org.kcskb.search.SearchResult;
import org.kcskb.search.Suggestion;
import org.kcskb.store.ArticleStores;
import org.kcskb.store.spi.ArticleStore;

/**
 * What a hostile or careless caller does to the analytics: forged clicks, suggestions planted with one search,
 * personal data typed into the search box, a flood of views and events. Each test failed before the fix it keeps.
 */
class AnalyticsHardeningTest {
    private static final Instant NOW = Instant.parse("2026-05-04T08:00:00Z");
    private static final Actor PUBLISHER = Actor.publisher("pub-1");
    private static final Actor AGENT = Actor.contributor("agent-7");

    @TempDir
    Path temp;

    private KnowledgeBase kb;

    @AfterEach
    void close() {
        if (kb != null) {
            kb.close();
        }
    }

    private KnowledgeBase open(ArticleStore store, Clock clock) {
        kb = KnowledgeBase.builder()
                .store(store)
                .searchEngine(SubstringSearchEngine.provider())
                .languageDetector(SubstringSearchEngine::detectLanguage)
                .clock(clock)
                .build();
        return kb;
    }

    private Article publish(String title, Audience audience) {
        return kb.capture(
                PUBLISHER,
                Draft.of(ArticleContent.of(title, title + ": seit dem Update").withResolution("Treiber installieren"))
                        .withState(ArticleState.VALIDATED)
                        .withAudience(audience));
    }

    private static SearchOrigin origin(SearchResult result, ArticleId article) {
        int position = 1 + result.hits().stream().map(SearchHit::id).toList().indexOf(article);
        return SearchOrigin.of(result.searchId().orElseThrow(), position);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Condition not met within 20 s");
            }
            Thread.sleep(20);
        }
    }

    // ---- Clicks ----------------------------------------------------------------------------------------------

    @Test
    void recordClick_refusesSearchIdsItDidNotIssue_andArticlesOutsideThatSearchsHits() {
        open(ArticleStores.inMemory(), Clock.fixed(NOW, ZoneOffset.UTC));
        Article printer = publish("Drucker druckt nicht", Audience.PUBLIC);
        Article vpn = publish("VPN bricht ab", Audience.PUBLIC);
        Article internal = publish("Drucker intern", Audience.INTERNAL);
        Viewer visitor = Viewer.anonymous();
        SearchResult result = kb.search(SearchRequest.of("drucker", visitor));
        assertThat(result.hits()).extracting(SearchHit::id).containsExactly(printer.id());

        assertThatThrownBy(() -> kb.recordClick(visitor, printer.id(), SearchOrigin.of(SearchId.of("forged"), 1)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("searchId")
                .hasMessageContaining("pass the searchId of the result");
        assertThatThrownBy(() -> kb.recordClick(visitor, printer.id(), SearchOrigin.of(SearchId.random(), 1)))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> kb.recordClick(visitor, vpn.id(), origin(result, printer.id())))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("id"))
                .hasMessageContaining("not among the hits");
        // An article the viewer may not see is never in its hits.
        assertThatThrownBy(() -> kb.recordClick(visitor, internal.id(), origin(result, printer.id())))
                .isInstanceOf(InvalidInputException.class);
        // Someone else's search id.
        assertThatThrownBy(() -> kb.recordClick(Viewer.agent(AGENT), printer.id(), origin(result, printer.id())))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("another viewer");

        kb.recordClick(visitor, printer.id(), origin(result, printer.id()));
        assertThat(kb.analytics().contentGaps(ReportQuery.all())).isEmpty();
        assertThat(kb.analytics().clickPositions(ReportQuery.all()))
                .singleElement()
                .satisfies(p -> assertThat(p.clicks()).isEqualTo(1));
    }

    @Test
    void recordClick_onASearchOlderThanAnHour_isRefused() {
        var clock = new MovableClock(NOW);
        open(ArticleStores.inMemory(), clock);
        Article printer = publish("Drucker druckt nicht", Audience.PUBLIC);
        SearchResult result = kb.search(SearchRequest.of("drucker", Viewer.anonymous()));
        clock.advance(Duration.ofMinutes(59));
        kb.recordClick(Viewer.anonymous(), printer.id(), origin(result, printer.id()));

        clock.advance(Duration.ofMinutes(2));
        assertThatThrownBy(() -> kb.recordClick(Viewer.anonymous(), printer.id(), origin(result, printer.id())))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("search again");
    }

    @Test
    void link_withAForgedOrigin_storesTheLink_butRecordsNothingForTheAnalytics() {
        open(ArticleStores.inMemory(), Clock.fixed(NOW, ZoneOffset.UTC));
        Article printer = publish("Drucker druckt nicht", Audience.INTERNAL);
        SearchResult result = kb.search(SearchRequest.of("drucker", Viewer.agent(AGENT)));

        kb.link(AGENT, printer.id(), CaseId.of("C-1"), LinkType.RESOLUTION, SearchOrigin.of(SearchId.of("forged"), 1));

        assertThat(kb.links(printer.id())).hasSize(1);
        assertThat(kb.analytics().contentGaps(ReportQuery.all()))
                .extracting(ContentGap::kind)
                .containsExactly(ContentGap.Kind.NO_CLICK);

        kb.link(AGENT, printer.id(), CaseId.of("C-2"), LinkType.RESOLUTION, origin(result, printer.id()));
        assertThat(kb.analytics().contentGaps(ReportQuery.all())).isEmpty();
    }

    @Test
    void searchIds_are128RandomBits_neverRepeated() {
        var seen = new HashSet<String>();
        for (int i = 0; i < 100_000; i++) {
            String id = SearchId.random().value();
            assertThat(id).matches("[0-9a-f]{32}");
            assertThat(seen.add(id)).isTrue();
        }
    }

    // ---- Learned suggestions ---------------------------------------------------------------------------------

    private void searchAndClick(Viewer viewer, String text, String visitor, ArticleId answer) {
        var request = SearchRequest.builder(text, viewer);
        if (visitor != null) {
            request.visitor(visitor);
        }
        SearchResult result = kb.search(request.build());
        kb.recordClick(viewer, answer, origin(result, answer));
    }

    private static List<String> queries(List<Suggestion> suggestions) {
        return suggestions.stream()
                .filter(s -> s.kind() == Suggestion.Kind.QUERY)
                .map(Suggestion::text)
                .toList();
    }

    /**
     * Opens an in-memory knowledge base with the builder {@code options}; the search engine it opens is set in the
     * returned reference, to see what it learned.
     */
    private AtomicReference<SubstringSearchEngine> openWatchingTheEngine(UnaryOperator<KnowledgeBaseBuilder> options) {
        var engine = new AtomicReference<SubstringSearchEngine>();
        kb = options.apply(KnowledgeBase.builder()
                        .store(ArticleStores.inMemory())
                        .searchEngine(SubstringSearchEngine.provider(engine::set))
                        .languageDetector(SubstringSearchEngine::detectLanguage))
                .build();
        return engine;
    }

    @Test
    void oneSearchAndOneClick_plantNoSuggestion_norDoesOneVisitorRepeatingIt() {
        var engine = openWatchingTheEngine(UnaryOperator.identity());
        Article printer = publish("Drucker druckt nicht", Audience.PUBLIC);
        searchAndClick(Viewer.anonymous(), "drucker", "attacker", printer.id());
        for (int i = 0; i < 10; i++) {
            searchAndClick(Viewer.anonymous(), "drucker", "attacker", printer.id());
            // Without a visitor key a public search never counts.
            searchAndClick(Viewer.anonymous(), "drucker", null, printer.id());
        }
        kb.analytics().answeredQueries(ReportQuery.all());
        assertThat(engine.get().learned()).isEmpty();
        assertThat(kb.suggest("druck", Viewer.anonymous(), 5))
                .extracting(Suggestion::kind)
                .containsOnly(Suggestion.Kind.TITLE);
    }

    @Test
    void agentsAndPartners_countByTheirViewerId_andTheirQueriesKeepTheirAudience() {
        var engine = openWatchingTheEngine(UnaryOperator.identity());
        Article printer = publish("Drucker druckt nicht", Audience.PUBLIC);
        for (int i = 0; i < 3; i++) {
            searchAndClick(Viewer.agent(AGENT), "drucker", null, printer.id());
        }
        kb.analytics().answeredQueries(ReportQuery.all());
        assertThat(engine.get().learned()).isEmpty();

        searchAndClick(Viewer.agent(Actor.contributor("agent-8")), "drucker", null, printer.id());
        searchAndClick(Viewer.agent(Actor.contributor("agent-9")), "drucker", null, printer.id());
        searchAndClick(Viewer.partner("partner-1"), "drucker", null, printer.id());
        kb.analytics().answeredQueries(ReportQuery.all());
        assertThat(engine.get().learned())
                .extracting(AnsweredQuery::audience, AnsweredQuery::visitors)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Audience.INTERNAL, 3L));
        assertThat(kb.suggest("druck", Viewer.agent(AGENT), 5))
                .extracting(Suggestion::text)
                .contains("drucker");
        assertThat(kb.suggest("druck", Viewer.anonymous(), 5))
                .extracting(Suggestion::text)
                .doesNotContain("drucker");
        assertThat(kb.suggest("druck", Viewer.partner("partner-1"), 5))
                .extracting(Suggestion::text)
                .doesNotContain("drucker");
    }

    @Test
    void personalText_isNeverLearned_includingTheHostsCaseNumberPattern() {
        var engine = openWatchingTheEngine(
                b -> b.personalDataPattern(Pattern.compile("\\bCS-\\d{3,}")).suggestionVisitors(1));
        List<String> personal = List.of(
                "drucker jane.doe@example.com",
                "drucker 044 123 45 67",
                "drucker +41-44-123-4567",
                "konto 12345678 gesperrt",
                "ticket cs-4711 drucker");
        for (String text : personal) {
            Article article = publish(text + " hilft", Audience.PUBLIC);
            searchAndClick(Viewer.anonymous(), text, "v1", article.id());
        }
        Article fine = publish("Drucker Fehler 0x50 Version 2024", Audience.PUBLIC);
        searchAndClick(Viewer.anonymous(), "drucker fehler 0x50 version 2024", "v1", fine.id());

        kb.analytics().answeredQueries(ReportQuery.all());
        assertThat(engine.get().learned())
                .extracting(AnsweredQuery::query)
                .containsExactly("drucker fehler 0x50 version 2024");
    }

    @Test
    void blockSuggestion_removesItAtOnce_keepsItFromBeingLearnedAgain_andSurvivesARestart() {
        var engine = new AtomicReference<SubstringSearchEngine>();
        Path directory = temp.resolve("kb");
        kb = KnowledgeBase.builder()
                .directory(directory)
                .searchEngine(SubstringSearchEngine.provider(engine::set))
                .languageDetector(SubstringSearchEngine::detectLanguage)
                .suggestionVisitors(1)
                .build();
        Article printer = publish("Drucker von Hans Muster kaputt", Audience.PUBLIC);
        searchAndClick(Viewer.anonymous(), "drucker von hans muster", "v1", printer.id());
        kb.analytics().answeredQueries(ReportQuery.all());
        assertThat(queries(kb.suggest("drucker v", Viewer.anonymous(), 5))).containsExactly("drucker von hans muster");

        assertThatThrownBy(() -> kb.blockSuggestion(AGENT, "drucker von hans muster"))
                .isInstanceOf(ActionRefusedException.class)
                .hasMessageContaining("publisher");
        kb.blockSuggestion(PUBLISHER, "Drucker  von Hans Muster");

        assertThat(queries(kb.suggest("drucker v", Viewer.anonymous(), 5))).isEmpty();
        searchAndClick(Viewer.anonymous(), "drucker von hans muster", "v2", printer.id());
        kb.analytics().answeredQueries(ReportQuery.all());
        assertThat(engine.get().learned()).hasSize(1);
        kb.close();

        kb = KnowledgeBase.builder()
                .directory(directory)
                .searchEngine(SubstringSearchEngine.provider(engine::set))
                .languageDetector(SubstringSearchEngine::detectLanguage)
                .suggestionVisitors(1)
                .build();
        assertThat(engine.get().learned()).isEmpty();
        assertThat(queries(kb.suggest("drucker v", Viewer.anonymous(), 5))).isEmpty();
    }

    @Test
    void builderBlocklist_keepsQueriesFromBeingLearned() {
        var engine = openWatchingTheEngine(b -> b.suggestionVisitors(1).blockedSuggestions(List.of("DRUCKER kaputt")));
        Article printer = publish("Drucker kaputt", Audience.PUBLIC);
        searchAndClick(Viewer.anonymous(), "drucker kaputt", "v1", printer.id());
        searchAndClick(Viewer.anonymous(), "drucker", "v1", printer.id());
        kb.analytics().answeredQueries(ReportQuery.all());
        assertThat(engine.get().learned()).extracting(AnsweredQuery::query).containsExactly("drucker");
        assertThatThrownBy(() -> KnowledgeBase.builder().suggestionVisitors(0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---- Views, retention --------------------------------------------------------------------------------------

    @Test
    void recordView_writesNothingPerCall_andTheBatchedCountsArrive() throws InterruptedException {
        ArticleStore store = ArticleStores.inMemory();
        open(store, Clock.systemUTC());
        Article printer = publish("Drucker druckt nicht", Audience.PUBLIC);
        long before = store.lastSequence();
        for (int i = 0; i < 200; i++) {
            kb.recordView(Viewer.anonymous(), printer.id());
        }
        // Before: 200 commits. Now one batch per second, so at most two in this short loop.
        assertThat(store.lastSequence() - before).isLessThanOrEqualTo(2);
        await(() -> kb.article(printer.id()).orElseThrow().signals().viewCount() == 200);

        assertThatThrownBy(() -> kb.recordView(Viewer.anonymous(), ArticleId.of("KB-404")))
                .isInstanceOf(NotFoundException.class);
        Article internal = publish("Intern", Audience.INTERNAL);
        assertThatThrownBy(() -> kb.recordView(Viewer.anonymous(), internal.id()))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void close_writesTheCountedViews() {
        Path directory = temp.resolve("kb");
        kb = KnowledgeBase.builder()
                .directory(directory)
                .searchEngine(SubstringSearchEngine.provider())
                .languageDetector(SubstringSearchEngine::detectLanguage)
                .build();
        Article printer = publish("Drucker druckt nicht", Audience.PUBLIC);
        for (int i = 0; i < 7; i++) {
            kb.recordView(Viewer.anonymous(), printer.id());
        }
        kb.close();
        kb = KnowledgeBase.builder()
                .directory(directory)
                .searchEngine(SubstringSearchEngine.provider())
                .languageDetector(SubstringSearchEngine::detectLanguage)
                .build();
        assertThat(kb.article(printer.id()).orElseThrow().signals().viewCount()).isEqualTo(7);
    }

    /** Opens an in-memory knowledge base on {@code clock} whose analytics keep events by the given bounds. */
    private void openWithAnalyticsRetention(Clock clock, Duration maxAge, long maxRows) {
        kb = KnowledgeBase.builder()
                .store(ArticleStores.inMemory())
                .searchEngine(SubstringSearchEngine.provider())
                .languageDetector(SubstringSearchEngine::detectLanguage)
                .clock(clock)
                .analyticsRetention(maxAge, maxRows)
                .build();
    }

    @Test
    void retention_deletesEventsOlderThanTheMaximumAge_byTheKnowledgeBasesClock() throws InterruptedException {
        var clock = new MovableClock(NOW);
        openWithAnalyticsRetention(clock, Duration.ofDays(30), 1_000_000);
        kb.search(SearchRequest.of("old", Viewer.anonymous()));
        clock.advance(Duration.ofDays(20));
        kb.search(SearchRequest.of("recent", Viewer.anonymous()));
        assertThat(kb.analytics().topQueries(ReportQuery.all())).hasSize(2);

        clock.advance(Duration.ofDays(15));
        await(() -> kb.analytics().topQueries(ReportQuery.all()).size() == 1);
        assertThat(kb.analytics().topQueries(ReportQuery.all()))
                .extracting(QueryCount::query)
                .containsExactly("recent");
    }

    @Test
    void retention_keepsAtMostTheMaximumRows() throws InterruptedException {
        var clock = new MovableClock(NOW);
        openWithAnalyticsRetention(clock, Duration.ofDays(30), 5);
        for (int i = 0; i < 12; i++) {
            kb.search(SearchRequest.of("query " + i, Viewer.anonymous()));
        }
        kb.analytics().topQueries(ReportQuery.all());
        clock.advance(Duration.ofMinutes(11));
        await(() -> kb.analytics().topQueries(ReportQuery.all()).size() == 5);
        assertThat(kb.analytics().topQueries(ReportQuery.all()))
                .extracting(QueryCount::query)
                .containsExactlyInAnyOrder("query 7", "query 8", "query 9", "query 10", "query 11");
    }
}
