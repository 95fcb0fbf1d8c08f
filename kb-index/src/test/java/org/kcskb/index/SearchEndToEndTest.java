package org.kcskb.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kcskb.Draft;
import org.kcskb.KnowledgeBase;
import org.kcskb.actor.Actor;
import org.kcskb.actor.Viewer;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.article.Environment;
import org.kcskb.search.SearchHit;
import org.kcskb.search.SearchRequest;
import org.kcskb.search.SearchResult;
import org.kcskb.store.ArticleStores;

class SearchEndToEndTest {
    private static final Actor PUBLISHER = Actor.publisher("pub-1");
    private static final Actor AGENT = Actor.candidate("agent-7");

    private KnowledgeBase kb;

    @BeforeEach
    void open() {
        kb = KnowledgeBase.builder().store(ArticleStores.inMemory()).build();
    }

    @AfterEach
    void close() {
        kb.close();
    }

    private Article published(String title, String issue, String resolution, Locale language) {
        var content = ArticleContent.of(title, issue)
                .withResolution(resolution)
                .withLanguage(language)
                .withEnvironment(Environment.of("Acme Print", "4.2", "Windows 11"));
        return kb.capture(
                PUBLISHER, Draft.of(content).withState(ArticleState.VALIDATED).withAudience(Audience.PUBLIC));
    }

    /** The snippet of the first hit of {@code query}, searched as the public once the index has caught up. */
    private String firstSnippet(String query) {
        assertThat(kb.awaitSearchable(Duration.ofSeconds(10))).isTrue();
        return kb.search(SearchRequest.of(query, Viewer.anonymous()))
                .hits()
                .getFirst()
                .snippet();
    }

    private List<String> titles(String query, Viewer viewer) {
        assertThat(kb.awaitSearchable(Duration.ofSeconds(10))).isTrue();
        SearchResult result = kb.search(SearchRequest.of(query, viewer));
        return result.hits().stream().map(SearchHit::title).toList();
    }

    @Test
    void capturedArticle_isSearchableWithinTheRefreshInterval() {
        published(
                "Drucker druckt nach Windows-Update nicht mehr",
                "Nach dem Windows-Update druckt der Drucker keine Seiten mehr.",
                "Druckertreiber deinstallieren und Version 5.1 installieren.",
                Locale.GERMAN);
        assertThat(titles("drucker druckt nicht", Viewer.anonymous()))
                .containsExactly("Drucker druckt nach Windows-Update nicht mehr");
    }

    @Test
    void germanQueries_findTheArticleThroughCompoundsUmlautsAndInflection() {
        published(
                "Drucker druckt nach Windows-Update nicht mehr",
                "Seit dem Windows-Update druckt der Drucker keine Seiten mehr, der Druckertreiber meldet einen Fehler.",
                "Druckertreiber deinstallieren und Version 5.1 installieren.",
                Locale.GERMAN);
        published(
                "Straßenkarte lädt nicht",
                "Die Straßenkarte in der App bleibt leer.",
                "Cache der App löschen.",
                Locale.GERMAN);
        for (String query : List.of(
                "druckertreiber update",
                "Druckerproblem",
                "drucker druckt nicht",
                "Treiberfehler",
                "Druckertreiberfehler",
                "Druecker",
                "DRUCKERN")) {
            assertThat(titles(query, Viewer.anonymous()))
                    .as(query)
                    .first()
                    .isEqualTo("Drucker druckt nach Windows-Update nicht mehr");
        }
        assertThat(titles("Strassenkarte", Viewer.anonymous())).first().isEqualTo("Straßenkarte lädt nicht");
    }

    @Test
    void englishQueries_matchStemsAndPossessives() {
        published(
                "Printer drivers fail after update",
                "The printer's driver stopped working after installing updates.",
                "Reinstall the printer driver.",
                Locale.ENGLISH);
        for (String query : List.of("printer driver", "printers' drivers failing", "updating")) {
            assertThat(titles(query, Viewer.anonymous()))
                    .as(query)
                    .containsExactly("Printer drivers fail after update");
        }
    }

    @Test
    void awkwardQueries_returnResultsOrTypedErrors() {
        published("Printer offline", "The printer shows offline.", "Restart the spooler.", Locale.ENGLISH);
        assertThat(kb.awaitSearchable(Duration.ofSeconds(10))).isTrue();
        assertThat(kb.search(SearchRequest.of("", Viewer.anonymous())).hits()).isEmpty();
        assertThat(kb.search(SearchRequest.of("   \t ", Viewer.anonymous())).hits())
                .isEmpty();
        assertThat(kb.search(SearchRequest.of("the", Viewer.anonymous())).hits())
                .hasSize(1);
        assertThat(kb.search(SearchRequest.of("?!*\"", Viewer.anonymous())).hits())
                .isEmpty();
        String longQuery = "printer ".repeat(500);
        assertThat(kb.search(SearchRequest.of(longQuery, Viewer.anonymous())).hits())
                .hasSize(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> SearchRequest.of("x".repeat(100_000), Viewer.anonymous()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4096");
    }

    @Test
    void publicViewer_neverSeesInternalOrUnvalidatedArticles() {
        published(
                "VPN disconnects every hour", "The VPN client drops the tunnel.", "Update the client.", Locale.ENGLISH);
        kb.capture(
                AGENT,
                ArticleContent.of("VPN disconnects internal workaround", "VPN drops")
                        .withLanguage(Locale.ENGLISH));
        assertThat(titles("vpn disconnects", Viewer.anonymous())).containsExactly("VPN disconnects every hour");
        assertThat(titles("vpn disconnects", Viewer.agent(AGENT)))
                .containsExactlyInAnyOrder("VPN disconnects every hour", "VPN disconnects internal workaround");
    }

    @Test
    void anArticleWithdrawnFromThePublic_leavesTheirSearchesAtOnce_thoughTheirFilterIsCached() {
        Article article = published(
                "VPN disconnects every hour", "The VPN client drops the tunnel.", "Update the client.", Locale.ENGLISH);
        published("VPN client setup", "How to install the VPN client.", "Run the installer.", Locale.ENGLISH);
        // The public's filter is now cached for the segment that holds the article.
        assertThat(titles("vpn", Viewer.anonymous())).contains("VPN disconnects every hour");

        kb.publish(PUBLISHER, article.id(), article.revision(), Audience.INTERNAL);

        assertThat(titles("vpn", Viewer.anonymous())).containsExactly("VPN client setup");
        assertThat(kb.search(SearchRequest.of("vpn disconnects", Viewer.anonymous()))
                        .totalHits())
                .isEqualTo(1);
        assertThat(titles("vpn disconnects", Viewer.agent(AGENT))).contains("VPN disconnects every hour");
    }

    @Test
    void snippets_areEscapedAndMarked() {
        published(
                "Script tags in the portal",
                "The portal shows <script>alert(1)</script> instead of the invoice.",
                "Clear the browser cache.",
                Locale.ENGLISH);
        assertThat(kb.awaitSearchable(Duration.ofSeconds(10))).isTrue();
        SearchHit hit = kb.search(SearchRequest.of("portal invoice", Viewer.anonymous()))
                .hits()
                .getFirst();
        assertThat(hit.snippet())
                .doesNotContain("<script>")
                .contains("&lt;script&gt;")
                .contains("<mark>");
    }

    @Test
    void snippets_showTheBestSentencesAndCutLongOnes() {
        String filler = "The customer called several times about the portal and the invoices of last month. ";
        String longSentence = "word ".repeat(200) + "the spooler service hangs " + "word ".repeat(200) + "end.";
        published(
                "Spooler hangs",
                filler + "After the update the spooler service hangs. " + filler + longSentence,
                "Restart it.",
                Locale.ENGLISH);
        String snippet = firstSnippet("spooler hangs");
        assertThat(snippet)
                .contains("After the update the <mark>spooler</mark> service <mark>hangs</mark>.")
                .doesNotContain("invoices")
                .contains("…")
                .hasSizeLessThan(2 * Snippets.MAX_PASSAGE + 200);
    }

    @Test
    void snippets_markACompoundOnceWhenItsPartsMatchToo() {
        published(
                "Druckertreiber",
                "Der Druckertreiberfehler erscheint beim Start.",
                "Druckertreiber neu installieren.",
                Locale.GERMAN);
        String snippet = firstSnippet("treiberfehler");
        assertThat(snippet).isEqualTo("Der <mark>Druckertreiberfehler</mark> erscheint beim Start.");
    }

    @Test
    void germanWordPrefix_addsToAMatch_butNeverMakesAHitAlone() {
        published(
                "Registerkarte Papier fehlt",
                "Die Registerkarte Papier fehlt im Druckdialog.",
                "Treiber neu installieren.",
                Locale.GERMAN);
        published(
                "Dezentralisierung der Druckserver",
                "Nach der Dezentralisierung drucken die Filialen langsam.",
                "Druckserver je Filiale einrichten.",
                Locale.GERMAN);
        // "Registrierungsschlüssel" shares only its first five letters with "Registerkarte".
        assertThat(titles("Registrierungsschlüssel", Viewer.anonymous())).isEmpty();
        // "dezentral" finds "Dezentralisierung" through the prefix once another word matches.
        assertThat(titles("dezentral drucken Filialen", Viewer.anonymous()))
                .containsExactly("Dezentralisierung der Druckserver");
    }

    @Test
    void queryLanguage_isToldByTheKnowledgeBasesVocabulary() {
        published("Drucker druckt nicht", "Der Drucker druckt keine Seiten.", "Neu starten.", Locale.GERMAN);
        published("Printer does not print", "The printer prints no pages.", "Restart it.", Locale.ENGLISH);
        published(
                "Outlook startet nicht",
                "Outlook startet nach dem Update nicht.",
                "Profil neu anlegen.",
                Locale.GERMAN);
        published("Outlook does not start", "Outlook fails after the update.", "Recreate the profile.", Locale.ENGLISH);
        // German words: German is the query's language; the English article is found through the starter
        // translations ("drucker" → "printer"), below the German one.
        assertThat(titles("der drucker druckt nicht", Viewer.anonymous()))
                .containsExactly("Drucker druckt nicht", "Printer does not print");
        // English words: English articles are weighed fully, the German ones that match at all lower.
        SearchResult english = kb.search(SearchRequest.builder("the printer does not print", Viewer.anonymous())
                .explain(true)
                .build());
        assertThat(english.hits()).extracting(SearchHit::title).startsWith("Printer does not print");
        assertThat(english.hits()).extracting(SearchHit::language).contains(Locale.GERMAN);
        assertThat(PreferredLanguages.of(english)).containsExactly(Locale.ENGLISH);
        // Words of both languages: both are weighed fully.
        SearchResult both = kb.search(SearchRequest.builder("outlook update", Viewer.anonymous())
                .explain(true)
                .build());
        assertThat(both.hits())
                .extracting(SearchHit::title)
                .containsExactlyInAnyOrder("Outlook startet nicht", "Outlook does not start");
        assertThat(PreferredLanguages.of(both)).containsExactlyInAnyOrder(Locale.GERMAN, Locale.ENGLISH);
    }

    @Test
    void stopwordOnlyQuery_stillSearches() {
        published("Was kann ich tun?", "Was kann ich tun, wenn nichts geht?", "Neu starten.", Locale.GERMAN);
        assertThat(titles("Was kann ich tun?", Viewer.anonymous())).isNotEmpty();
    }

    @Test
    void syntaxCharacters_areReadAsPlainText() {
        published("Printer offline", "The printer shows offline.", "Restart the spooler.", Locale.ENGLISH);
        for (String query : List.of(
                "\"printer",
                "printer AND",
                "*printer",
                "printer~",
                "(printer",
                "printer^2 OR -",
                "\u0000printer\u0007",
                "/printer/")) {
            assertThat(titles(query, Viewer.anonymous())).as(query).containsExactly("Printer offline");
        }
    }

    @Test
    void paging_withCursorOrOffset_followsTheOrderOfOnePage() {
        var random = new java.util.Random(7);
        List<String> words = List.of("password", "reset", "link", "portal", "account", "locked", "email", "expired");
        for (int i = 0; i < 60; i++) {
            var text = new StringBuilder();
            for (int w = 0; w < 4 + random.nextInt(12); w++) {
                text.append(words.get(random.nextInt(words.size()))).append(' ');
            }
            published(
                    "Article " + i + " " + words.get(i % words.size()), text.toString(), "Try again.", Locale.ENGLISH);
        }
        assertThat(kb.awaitSearchable(Duration.ofSeconds(10))).isTrue();
        for (String query : List.of("password reset", "reset the locked account", "expired email link")) {
            List<String> all =
                    kb
                            .search(SearchRequest.builder(query, Viewer.anonymous())
                                    .limit(100)
                                    .build())
                            .hits()
                            .stream()
                            .map(h -> h.id().value())
                            .toList();
            assertThat(all).as(query).isNotEmpty();
            for (int limit : new int[] {1, 4, 10, 11, 12, 25}) {
                var byCursor = new java.util.ArrayList<String>();
                var request = SearchRequest.builder(query, Viewer.anonymous())
                        .limit(limit)
                        .build();
                SearchResult page = kb.search(request);
                while (true) {
                    page.hits().forEach(h -> byCursor.add(h.id().value()));
                    if (page.nextPage().isEmpty()) {
                        break;
                    }
                    request = request.next(page);
                    page = kb.search(request);
                }
                assertThat(byCursor)
                        .as("%s by cursor, %d per page", query, limit)
                        .isEqualTo(all);
                var byOffset = new java.util.ArrayList<String>();
                for (int offset = 0; offset < all.size(); offset += limit) {
                    kb.search(SearchRequest.builder(query, Viewer.anonymous())
                                    .offset(offset)
                                    .limit(limit)
                                    .build())
                            .hits()
                            .forEach(h -> byOffset.add(h.id().value()));
                }
                assertThat(byOffset)
                        .as("%s by offset, %d per page", query, limit)
                        .isEqualTo(all);
            }
        }
    }

    @Test
    void explanation_addsUpToTheScore_withTheBonusWithinTheWindow() {
        for (int i = 0; i < 15; i++) {
            published(
                    "Printer offline " + i,
                    i % 2 == 0 ? "The printer shows offline after the update." : "Offline, the printer is.",
                    "Restart the spooler.",
                    Locale.ENGLISH);
        }
        assertThat(kb.awaitSearchable(Duration.ofSeconds(10))).isTrue();
        List<SearchHit> hits = kb.search(SearchRequest.builder("printer offline", Viewer.anonymous())
                        .limit(15)
                        .explain(true)
                        .build())
                .hits();
        assertThat(hits).hasSize(15);
        for (SearchHit hit : hits) {
            String explanation = hit.explanation().orElseThrow();
            float explained = Float.parseFloat(explanation.strip().split(" ", 2)[0]);
            assertThat(explained).as(explanation).isCloseTo(hit.score(), within(hit.score() * 1e-4f));
        }
        assertThat(hits.getFirst().explanation().orElseThrow()).contains("bonus within the first");
    }

    @Test
    void paging_withCursor_visitsEveryHitOnce() {
        for (int i = 0; i < 25; i++) {
            published("Password reset " + i, "I cannot reset my password " + i, "Use the reset link.", Locale.ENGLISH);
        }
        assertThat(kb.awaitSearchable(Duration.ofSeconds(10))).isTrue();
        var request = SearchRequest.builder("password reset", Viewer.anonymous())
                .limit(10)
                .facets(true)
                .build();
        var seen = new java.util.HashSet<String>();
        SearchResult page = kb.search(request);
        assertThat(page.totalHits()).isEqualTo(25);
        assertThat(page.facets().get("product")).containsExactly(new org.kcskb.search.FacetCount("Acme Print", 25));
        while (true) {
            page.hits().forEach(h -> assertThat(seen.add(h.id().value())).isTrue());
            if (page.nextPage().isEmpty()) {
                break;
            }
            request = request.next(page);
            page = kb.search(request);
        }
        assertThat(seen).hasSize(25);
    }
}
