package org.kcskb.index;

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
import org.kcskb.search.SearchHit;
import org.kcskb.search.SearchRequest;
import org.kcskb.search.SearchResult;
import org.kcskb.store.ArticleStores;

/** French articles, analysed by the French definition, beside German and English ones. */
class FrenchSearchTest {
    private static final Actor PUBLISHER = Actor.publisher("pub-1");
    private static final String PRINTER = "L'imprimante ne s'allume plus";
    private static final String PASSWORD = "Mot de passe oublié";
    private static final String NETWORK = "Connexion réseau impossible";

    private KnowledgeBase kb;

    @BeforeEach
    void open() {
        kb = KnowledgeBase.builder().store(ArticleStores.inMemory()).build();
        published(
                PRINTER,
                "L'imprimante du bureau reste éteinte depuis la mise à jour de Windows.",
                "Vérifiez le câble d'alimentation.",
                Locale.FRENCH);
        published(
                PASSWORD,
                "Je ne peux plus me connecter : j'ai oublié mon mot de passe.",
                "Réinitialisez le mot de passe sur le portail libre-service.",
                Locale.FRENCH);
        published(
                NETWORK,
                "Les postes portables ne se connectent plus au réseau Wi-Fi de l'entreprise.",
                "Supprimez le profil Wi-Fi puis reconnectez-vous avec vos identifiants.",
                Locale.FRENCH);
        published("Drucker druckt nicht", "Der Drucker druckt keine Seiten.", "Neu starten.", Locale.GERMAN);
        published(
                "Printer does not print",
                "The printer prints no pages after the Windows update.",
                "Restart it.",
                Locale.ENGLISH);
        published(
                "Kennwort vergessen",
                "Ich habe mein Kennwort vergessen und kann mich nicht anmelden.",
                "Kennwort im Self-Service-Portal zurücksetzen.",
                Locale.GERMAN);
        published(
                "Forgot password",
                "I forgot my password and cannot sign in.",
                "Reset the password in the self-service portal.",
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

    private List<String> titles(String query) {
        return titles(SearchRequest.of(query, Viewer.anonymous()));
    }

    private List<String> titles(SearchRequest request) {
        return kb.search(request).hits().stream().map(SearchHit::title).toList();
    }

    @Test
    void frenchWords_matchOnlyThroughFrenchAnalysis() {
        // The article writes "L'imprimante" and "s'allume": neither the plural, nor the infinitive, nor the word
        // without
        // its elided article is in it as written, and no typo correction reaches them from there.
        assertThat(titles("imprimantes")).containsExactly(PRINTER);
        assertThat(titles("allumer")).containsExactly(PRINTER);
        assertThat(titles("réseaux")).containsExactly(NETWORK);
    }

    @Test
    void frenchArticles_areFoundByElidedInflectedAndAccentlessQueries() {
        for (String query : List.of(
                "imprimante ne s'allume pas",
                "l'imprimante ne s'allume pas",
                "imprimantes éteintes",
                "IMPRIMANTE ETEINTE",
                "l’imprimante s’allume")) {
            assertThat(titles(query)).as(query).first().isEqualTo(PRINTER);
        }
        for (String query : List.of("mot de passe oublié", "mot de passe oublie", "j'oublie mon mot de passe")) {
            assertThat(titles(query)).as(query).first().isEqualTo(PASSWORD);
        }
        assertThat(titles("reseau wifi connecte")).first().isEqualTo(NETWORK);
    }

    @Test
    void frenchQuery_isToldFrenchByTheVocabulary_andWeighsFrenchArticlesFully() {
        // "Windows" is a word of the English articles too, "imprimante" only of the French ones: French wins the vote,
        // and the English article that matches "Windows" is searched at the lower weight of another language.
        SearchResult result = kb.search(SearchRequest.builder("l'imprimante Windows", Viewer.anonymous())
                .explain(true)
                .build());
        assertThat(result.hits()).extracting(SearchHit::title).first().isEqualTo(PRINTER);
        assertThat(result.hits()).extracting(SearchHit::title).contains("Printer does not print");
        assertThat(result.hits().getFirst().language()).isEqualTo(Locale.FRENCH);
        assertThat(PreferredLanguages.of(result)).containsExactly(Locale.FRENCH);
    }

    @Test
    void requestInFrench_searchesTheFrenchFields() {
        SearchResult result = kb.search(SearchRequest.builder("mot de passe oublie", Viewer.anonymous())
                .language(Locale.FRENCH)
                .explain(true)
                .build());
        assertThat(result.hits()).extracting(SearchHit::title).first().isEqualTo(PASSWORD);
        assertThat(PreferredLanguages.of(result)).containsExactly(Locale.FRENCH);
        // Regional French is French, and analysed as such.
        assertThat(titles(SearchRequest.builder("imprimantes allumées", Viewer.anonymous())
                        .language(Locale.CANADA_FRENCH)
                        .build()))
                .first()
                .isEqualTo(PRINTER);
    }

    @Test
    void frenchArticles_leaveGermanAndEnglishRankingAlone() {
        assertThat(titles("der drucker druckt nicht")).first().isEqualTo("Drucker druckt nicht");
        assertThat(titles("the printer does not print")).first().isEqualTo("Printer does not print");
        assertThat(titles("Kennwort vergessen")).first().isEqualTo("Kennwort vergessen");
        assertThat(titles("forgot my password")).first().isEqualTo("Forgot password");
        SearchResult english = kb.search(SearchRequest.builder("forgot my password", Viewer.anonymous())
                .explain(true)
                .build());
        assertThat(PreferredLanguages.of(english)).containsExactly(Locale.ENGLISH);
    }

    @Test
    void frenchTypo_isCorrectedFromTheFrenchVocabulary() {
        SearchResult result = kb.search(SearchRequest.of("imprimnte", Viewer.anonymous()));
        assertThat(result.hits()).extracting(SearchHit::title).containsExactly(PRINTER);
    }

    @Test
    void frenchArticle_isIndexedInTheFrenchFields() {
        assertThat(ArticleFields.languageKey(Locale.FRENCH)).isEqualTo("fr");
        assertThat(ArticleFields.languageKey(Locale.ITALIAN)).isEqualTo(ArticleFields.OTHER);
        assertThat(ArticleFields.LANGUAGE_KEYS).containsExactly("de", "en", "fr", "xx");
    }
}
