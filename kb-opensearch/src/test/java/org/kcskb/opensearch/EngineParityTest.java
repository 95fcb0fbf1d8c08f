package org.kcskb.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kcskb.Draft;
import org.kcskb.KnowledgeBase;
import org.kcskb.actor.Actor;
import org.kcskb.actor.Viewer;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.article.Environment;
import org.kcskb.index.LuceneSearchEngineProvider;
import org.kcskb.search.SearchHit;
import org.kcskb.search.SearchRequest;
import org.kcskb.search.SearchResult;
import org.kcskb.search.spi.SearchEngineProvider;
import org.kcskb.store.ArticleStores;

/**
 * The same articles and the same queries on the embedded engine and on OpenSearch: German compounds, umlauts and
 * inflection, English stemming, typos with "did you mean", filters and facets give the same answers on both.
 */
class EngineParityTest {
    private static final Actor PUBLISHER = Actor.publisher("pub-1");

    private static KnowledgeBase embedded;
    private static KnowledgeBase cluster;

    @BeforeAll
    static void open() {
        embedded = open(LuceneSearchEngineProvider.builder().build());
        cluster = open(TestCluster.provider("parity"));
    }

    private static KnowledgeBase open(SearchEngineProvider engine) {
        KnowledgeBase kb = KnowledgeBase.builder()
                .store(ArticleStores.inMemory())
                .searchEngine(engine)
                .build();
        article(
                kb,
                "de",
                "Druckertreiberfehler nach dem Update",
                "Nach dem Windows-Update meldet der Drucker einen" + " Treiberfehler und druckt nicht mehr.",
                "Den Druckertreiber deinstallieren und neu installieren.",
                "Acme Print");
        article(
                kb,
                "de",
                "Gehaltsabrechnung lässt sich nicht öffnen",
                "Die Gehaltsabrechnung im Portal zeigt eine" + " leere Seite.",
                "Den Browser-Cache leeren und die Abrechnung erneut öffnen.",
                "Acme Billing");
        article(
                kb,
                "de",
                "Kennwort zurücksetzen",
                "Das Passwort für die Anmeldung ist abgelaufen.",
                "Über die Seite Kennwortänderung ein neues Kennwort vergeben.",
                "Acme VPN");
        article(
                kb,
                "de",
                "Netzwerkverbindung bricht ab",
                "Die VPN-Verbindung trennt sich alle paar Minuten.",
                "Die Energiesparoptionen des Netzwerkadapters abschalten.",
                "Acme VPN");
        article(
                kb,
                "de",
                "Rechnungen werden doppelt versendet",
                "Kunden erhalten jede Rechnung zweimal per E-Mail.",
                "Die doppelte Regel im Versandmodul löschen.",
                "Acme Billing");
        article(
                kb,
                "en",
                "Printer driver error after update",
                "After the Windows update the printer reports a" + " driver error.",
                "Uninstall and reinstall the printer driver.",
                "Acme Print");
        article(
                kb,
                "en",
                "Password reset does not arrive",
                "Users never receive the password reset email.",
                "Check the spam folder and the mail relay settings.",
                "Acme VPN");
        article(
                kb,
                "en",
                "Invoices are sent twice",
                "Customers receive every invoice twice.",
                "Delete the duplicate rule in the dispatch module.",
                "Acme Billing");
        assertThat(kb.awaitSearchable(java.time.Duration.ofSeconds(60))).isTrue();
        return kb;
    }

    private static void article(
            KnowledgeBase kb, String language, String title, String issue, String resolution, String product) {
        kb.capture(
                PUBLISHER,
                Draft.of(ArticleContent.of(title, issue)
                                .withResolution(resolution)
                                .withEnvironment(Environment.of(product, "1.0", ""))
                                .withLanguage(Locale.forLanguageTag(language)))
                        .withState(ArticleState.VALIDATED)
                        .withAudience(Audience.PUBLIC));
    }

    @AfterAll
    static void close() {
        if (embedded != null) {
            embedded.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private static SearchResult search(KnowledgeBase kb, String query, String language) {
        return kb.search(SearchRequest.builder(query, Viewer.anonymous())
                .language(Locale.forLanguageTag(language))
                .facets(true)
                .recorded(false)
                .build());
    }

    private static List<String> titles(SearchResult result) {
        var titles = new ArrayList<String>();
        for (SearchHit hit : result.hits()) {
            titles.add(hit.title());
        }
        return titles;
    }

    @ParameterizedTest(name = "{0} ({1})")
    @CsvSource({
        "Druckertreiberfehler, de, Druckertreiberfehler nach dem Update",
        "Treiberfehler Drucker, de, Druckertreiberfehler nach dem Update",
        "druckertreiber, de, Druckertreiberfehler nach dem Update",
        "Gehaltsabrechnungen, de, Gehaltsabrechnung lässt sich nicht öffnen",
        "Gehaltsabrechnung oeffnen, de, Gehaltsabrechnung lässt sich nicht öffnen",
        "Kennwortänderung, de, Kennwort zurücksetzen",
        "Netzwerkadapter Energiesparoptionen, de, Netzwerkverbindung bricht ab",
        "Rechnung doppelt, de, Rechnungen werden doppelt versendet",
        "printers driver errors, en, Printer driver error after update",
        "reinstalling the printer, en, Printer driver error after update",
        "invoice sent twice, en, Invoices are sent twice",
        "how do I reset my password, en, Password reset does not arrive",
    })
    void bothEngines_rankTheSameArticleFirst(String query, String language, String expected) {
        SearchResult fromEmbedded = search(embedded, query, language);
        SearchResult fromCluster = search(cluster, query, language);
        assertThat(titles(fromEmbedded)).as("embedded").isNotEmpty().first().isEqualTo(expected);
        assertThat(titles(fromCluster)).as("OpenSearch").isNotEmpty().first().isEqualTo(expected);
        assertThat(fromCluster.totalHits()).as("total").isEqualTo(fromEmbedded.totalHits());
        assertThat(fromCluster.facets().get("product"))
                .as("product facet")
                .containsExactlyInAnyOrderElementsOf(fromEmbedded.facets().get("product"));
        assertThat(fromCluster.hits().getFirst().snippet())
                .as("a marked snippet")
                .contains("<mark>");
    }

    @ParameterizedTest(name = "{0} ({1})")
    @CsvSource({
        "Druckertreiberfehlr, de, Druckertreiberfehler nach dem Update",
        "Gehaltsabrechnnug, de, Gehaltsabrechnung lässt sich nicht öffnen",
        "invocies, en, Invoices are sent twice",
    })
    void aTypo_findsTheArticle_andSaysWhatWasMeant_onBothEngines(String query, String language, String expected) {
        for (KnowledgeBase kb : List.of(embedded, cluster)) {
            String engine = kb == embedded ? "embedded" : "OpenSearch";
            SearchResult result = search(kb, query, language);
            assertThat(titles(result)).as(engine).contains(expected);
            assertThat(result.didYouMean()).as(engine + ": did you mean").isNotEqualTo(Optional.empty());
        }
    }
}
