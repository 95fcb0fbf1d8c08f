package org.kcskb.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.index.analysis.KbLanguages;
import org.kcskb.search.SearchHit;
import org.kcskb.search.SearchRequest;
import org.kcskb.store.ArticleStores;

/** French articles on the shared cluster: analysed by the mapping's French chains, beside German and English. */
class OpenSearchFrenchTest {
    private static final Actor PUBLISHER = Actor.publisher("pub-1");
    private static final String PRINTER = "L'imprimante ne s'allume plus";
    private static final String PASSWORD = "Mot de passe oublié";

    private KnowledgeBase kb;

    @BeforeEach
    void open() {
        kb = KnowledgeBase.builder()
                .store(ArticleStores.inMemory())
                .searchEngine(TestCluster.provider("french"))
                .refreshInterval(Duration.ofMillis(50))
                .build();
        published(
                PRINTER,
                "L'imprimante du bureau reste éteinte depuis la mise à jour de Windows.",
                "Vérifiez le câble d'alimentation.",
                Locale.FRENCH);
        published(
                PASSWORD,
                "Je ne peux plus me connecter : j'ai oublié mon mot de passe.",
                "Réinitialisez-le sur le portail libre-service.",
                Locale.FRENCH);
        published("Drucker druckt nicht", "Der Drucker druckt keine Seiten.", "Neu starten.", Locale.GERMAN);
        published(
                "Printer does not print",
                "The printer prints no pages after the Windows update.",
                "Restart it.",
                Locale.ENGLISH);
        assertThat(kb.awaitSearchable(Duration.ofSeconds(10))).isTrue();
    }

    @AfterEach
    void close() {
        kb.close();
    }

    private void published(String title, String issue, String resolution, Locale language) {
        var content = ArticleContent.of(title, issue).withResolution(resolution).withLanguage(language);
        kb.capture(
                PUBLISHER, Draft.of(content).withState(ArticleState.VALIDATED).withAudience(Audience.PUBLIC));
    }

    private List<String> titles(SearchRequest request) {
        return kb.search(request).hits().stream().map(SearchHit::title).toList();
    }

    private List<String> titles(String query) {
        return titles(SearchRequest.of(query, Viewer.anonymous()));
    }

    @Test
    void mapping_hasChainsForEveryRegisteredLanguage() {
        assertThat(IndexSchema.LANGUAGES)
                .extracting(IndexSchema.LanguageChains::key)
                .containsExactlyElementsOf(KbLanguages.keys());
        assertThat(IndexSchema.languageKey(Locale.CANADA_FRENCH)).isEqualTo("fr");
        assertThat(IndexSchema.languageKey(Locale.ITALIAN)).isEqualTo(IndexSchema.NEUTRAL);
    }

    @Test
    void frenchWords_matchThroughElisionStemmingAndFolding() {
        // The article writes "L'imprimante" and "s'allume": neither the plural nor the infinitive is in it as written.
        assertThat(titles("imprimantes")).first().isEqualTo(PRINTER);
        assertThat(titles("allumer")).first().isEqualTo(PRINTER);
        assertThat(titles("mot de passe oublie")).first().isEqualTo(PASSWORD);
        assertThat(titles("l'imprimante ne s'allume pas")).first().isEqualTo(PRINTER);
    }

    @Test
    void requestInFrench_findsFrenchArticles_andGermanAndEnglishStayFirstForTheirQueries() {
        assertThat(titles(SearchRequest.builder("imprimantes éteintes", Viewer.anonymous())
                        .language(Locale.FRENCH)
                        .build()))
                .first()
                .isEqualTo(PRINTER);
        assertThat(titles("der drucker druckt nicht")).first().isEqualTo("Drucker druckt nicht");
        assertThat(titles("the printer does not print")).first().isEqualTo("Printer does not print");
    }
}
