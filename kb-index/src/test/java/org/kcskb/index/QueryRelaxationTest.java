package org.kcskb.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kcskb.Draft;
import org.kcskb.KnowledgeBase;
import org.kcskb.actor.Actor;
import org.kcskb.actor.Viewer;
import org.kcskb.analytics.ContentGap;
import org.kcskb.analytics.ReportQuery;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleId;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.search.Relaxation;
import org.kcskb.search.SearchHit;
import org.kcskb.search.SearchRequest;
import org.kcskb.search.SearchResult;
import org.kcskb.store.ArticleStores;

/**
 * No dead ends: a query that finds nothing visible as typed shows the results of a relaxed form of it (typos of short
 * words corrected, unknown words dropped) and says so, and only what the viewer may see decides whether and how.
 */
class QueryRelaxationTest {
    private static final Actor PUBLISHER = Actor.publisher("pub-1");

    private KnowledgeBase kb;

    @BeforeEach
    void open() {
        kb = KnowledgeBase.builder()
                .store(ArticleStores.inMemory())
                .refreshInterval(Duration.ofMillis(50))
                .build();
        publish("How do I sign in", "The login page rejects my password.", Audience.PUBLIC);
        publish("Printer driver fails after update", "The printer driver stopped working.", Audience.PUBLIC);
        publish("VPN is slow", "The VPN connection is slow in the evening.", Audience.PUBLIC);
    }

    @AfterEach
    void close() {
        kb.close();
    }

    private ArticleId publish(String title, String issue, Audience audience) {
        return kb.capture(
                        PUBLISHER,
                        Draft.of(ArticleContent.of(title, issue)
                                        .withResolution("Reinstall it.")
                                        .withLanguage(Locale.ENGLISH))
                                .withState(ArticleState.VALIDATED)
                                .withAudience(audience))
                .id();
    }

    private SearchResult search(String text, Viewer viewer) {
        assertThat(kb.awaitSearchable(Duration.ofSeconds(10))).isTrue();
        return kb.search(SearchRequest.of(text, viewer));
    }

    private SearchResult search(String text) {
        return search(text, Viewer.anonymous());
    }

    private static List<String> titles(SearchResult result) {
        return result.hits().stream().map(SearchHit::title).toList();
    }

    @Test
    void aFourLetterTypoBesideStopwords_showsTheResultsOfTheCorrectedQuery_andSaysSo() {
        SearchResult result = search("how do i logn");

        assertThat(titles(result)).containsExactly("How do I sign in");
        assertThat(result.relaxation()).contains(new Relaxation(Relaxation.Kind.CORRECTED_TYPOS, "how do i login"));
        assertThat(result.didYouMean()).contains("how do i login");
        assertThat(titles(search("the vpn is slwo"))).first().isEqualTo("VPN is slow");
    }

    @Test
    void aQueryThatFindsSomethingAsTyped_isNotRelaxed() {
        SearchResult result = search("login");
        assertThat(titles(result)).containsExactly("How do I sign in");
        assertThat(result.relaxation()).isEmpty();
        assertThat(result.didYouMean()).isEmpty();
        // A short typo beside a word that finds something is left as typed: only a query that finds nothing is
        // relaxed.
        assertThat(search("printer logn").relaxation()).isEmpty();
    }

    @Test
    void aStopwordBesideOtherWords_isNeverCorrected() {
        publish("Wrong dose printed", "The label shows the wrong dose.", Audience.PUBLIC);
        // "does" is one edit from "dose", and no article holds it; but it is a stopword beside "frobnicate".
        SearchResult result = search("does frobnicate");
        assertThat(result.hits()).isEmpty();
        assertThat(result.relaxation()).isEmpty();
    }

    @Test
    void wordsOfThreeCharacters_areNeverCorrected() {
        SearchResult result = search("vnp");
        assertThat(result.hits()).isEmpty();
        assertThat(result.relaxation()).isEmpty();
    }

    @Test
    void unknownContentWords_areDropped_andWhatRemainsIsSearched_stopwordsIncluded() {
        SearchResult result = search("how do i frobnicate");

        assertThat(titles(result)).contains("How do I sign in");
        assertThat(result.relaxation()).contains(new Relaxation(Relaxation.Kind.DROPPED_UNKNOWN_WORDS, "how do i"));
        assertThat(result.didYouMean()).isEmpty();
    }

    @Test
    void aQueryOfUnknownWordsOnly_staysWithoutResults() {
        SearchResult result = search("frobnicate zyxxy");
        assertThat(result.hits()).isEmpty();
        assertThat(result.totalHits()).isZero();
        assertThat(result.relaxation()).isEmpty();
    }

    @Test
    void aRelaxationNeverComesFromAnArticleTheViewerMayNotSee() {
        ArticleId torn = publish("Network cable torn", "The cable is torn at the plug.", Audience.PUBLIC);
        ArticleId internal = publish("Token renewal", "Renew the token in the admin console.", Audience.INTERNAL);
        publish("Token expiry", "The token expires after a day.", Audience.INTERNAL);
        // "tokn" is one edit from "torn" (one visible article) and from "token" (two internal ones). Counted over the
        // index, "token" would win and its search would find nothing visible. Neither the public (its own partition)
        // nor a partner (the main index, filtered) may have it corrected by what they may not see.
        for (Viewer viewer : List.of(Viewer.anonymous(), Viewer.partner("partner-1"))) {
            SearchResult result = search("tokn", viewer);
            assertThat(result.hits())
                    .as(viewer.toString())
                    .extracting(SearchHit::id)
                    .containsExactly(torn);
            assertThat(result.relaxation())
                    .as(viewer.toString())
                    .contains(new Relaxation(Relaxation.Kind.CORRECTED_TYPOS, "torn"));
            // Beside words the viewer's articles hold, a word only hidden articles hold is dropped as unknown.
            SearchResult beside = search("how do i tokenize", viewer);
            assertThat(beside.relaxation())
                    .as(viewer.toString())
                    .contains(new Relaxation(Relaxation.Kind.DROPPED_UNKNOWN_WORDS, "how do i"));
            assertThat(beside.hits()).extracting(SearchHit::id).doesNotContain(internal);
        }
        // The agent may see them: for the agent "tokn" is a typo of the more frequent "token".
        SearchResult agent = search("tokn", Viewer.agent(PUBLISHER));
        assertThat(agent.hits()).extracting(SearchHit::id).contains(internal).doesNotContain(torn);
        assertThat(agent.relaxation()).contains(new Relaxation(Relaxation.Kind.CORRECTED_TYPOS, "token"));
    }

    @Test
    void aWorkInProgressArticle_doesNotMakeTheAuthorsCorrectionOthersCorrection() {
        kb.capture(
                PUBLISHER,
                Draft.of(ArticleContent.of("Modem resets", "The modem resets at night.")
                                .withResolution("Replace it.")
                                .withLanguage(Locale.ENGLISH))
                        .withState(ArticleState.WORK_IN_PROGRESS)
                        .withAudience(Audience.PUBLIC));
        for (Viewer viewer : List.of(Viewer.anonymous(), Viewer.partner("partner-1"))) {
            SearchResult result = search("mdem", viewer);
            assertThat(result.relaxation()).as(viewer.toString()).isEmpty();
            assertThat(result.hits()).as(viewer.toString()).isEmpty();
        }
    }

    @Test
    void everyPageOfARelaxedSearch_isRelaxedAlike() {
        publish("Login fails after an update", "The login fails with an error.", Audience.PUBLIC);
        assertThat(kb.awaitSearchable(Duration.ofSeconds(10))).isTrue();
        var ids = new ArrayList<ArticleId>();
        SearchRequest request = SearchRequest.builder("how do i logn", Viewer.anonymous())
                .limit(1)
                .build();
        for (int page = 0; page < 2; page++) {
            SearchResult result = kb.search(request);
            assertThat(result.relaxation())
                    .as("page " + page)
                    .map(Relaxation::query)
                    .contains("how do i login");
            assertThat(result.totalHits()).isEqualTo(2);
            ids.addAll(result.hits().stream().map(SearchHit::id).toList());
            if (page == 0) {
                assertThat(result.nextPage()).isPresent();
                request = request.next(result);
            }
        }
        assertThat(ids).doesNotHaveDuplicates().hasSize(2);
        SearchResult byOffset = kb.search(SearchRequest.builder("how do i logn", Viewer.anonymous())
                .limit(1)
                .offset(1)
                .build());
        assertThat(byOffset.hits()).extracting(SearchHit::id).containsExactly(ids.get(1));
    }

    @Test
    void aRelaxedSearch_staysAContentGapForTheTextAsTyped() {
        SearchResult result = search("how do i logn");
        assertThat(result.relaxation()).isPresent();
        search("login");

        assertThat(kb.analytics().contentGaps(ReportQuery.all()))
                .filteredOn(gap -> gap.kind() == ContentGap.Kind.NO_RESULTS)
                .extracting(ContentGap::query)
                .containsExactly("how do i logn");
    }
}
