package org.kcskb.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kcskb.Draft;
import org.kcskb.KnowledgeBase;
import org.kcskb.Update;
import org.kcskb.actor.Actor;
import org.kcskb.actor.Viewer;
import org.kcskb.analytics.ReportQuery;
import org.kcskb.analytics.SearchOrigin;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.search.SearchHit;
import org.kcskb.search.SearchRequest;
import org.kcskb.search.SearchResult;
import org.kcskb.search.Suggestion;
import org.kcskb.store.ArticleStores;

class SuggestEndToEndTest {
    private static final Actor PUBLISHER = Actor.publisher("pub-1");
    private static final Actor ADMIN = Actor.administrator("admin");
    private static final Viewer AGENT = Viewer.agent(Actor.candidate("agent-7"));

    private KnowledgeBase kb;

    @BeforeEach
    void open() {
        kb = KnowledgeBase.builder()
                .store(ArticleStores.inMemory())
                .refreshInterval(Duration.ofMillis(50))
                .build();
    }

    @AfterEach
    void close() {
        kb.close();
    }

    private Article capture(String title, ArticleState state, Audience audience, Locale language) {
        var content = ArticleContent.of(title, "Beschreibung: " + title)
                .withResolution("Lösung: neu starten")
                .withLanguage(language);
        return kb.capture(PUBLISHER, Draft.of(content).withState(state).withAudience(audience));
    }

    private Article published(String title) {
        return capture(title, ArticleState.VALIDATED, Audience.PUBLIC, Locale.GERMAN);
    }

    /**
     * Three distinct public visitors search for {@code text} and open {@code article} from their hits: the least
     * that teaches a query suggestion (the default of KnowledgeBaseBuilder.suggestionVisitors).
     */
    private static void learnFromThreeVisitors(KnowledgeBase kb, String text, Article article) {
        for (int visitor = 1; visitor <= 3; visitor++) {
            SearchResult result = kb.search(SearchRequest.builder(text, Viewer.anonymous())
                    .visitor("visitor-" + visitor)
                    .build());
            int position =
                    1 + result.hits().stream().map(SearchHit::id).toList().indexOf(article.id());
            kb.recordClick(
                    Viewer.anonymous(),
                    article.id(),
                    SearchOrigin.of(result.searchId().orElseThrow(), position));
        }
    }

    private List<String> texts(String prefix, Viewer viewer) {
        assertThat(kb.awaitSearchable(Duration.ofSeconds(10))).isTrue();
        return kb.suggest(prefix, viewer, 10).stream().map(Suggestion::text).toList();
    }

    @Test
    void suggest_completesTheFirstWordOfAPublicTitle_forThePublic() {
        Article article = published("Drucker druckt nicht nach Update");
        capture("Passwort zurücksetzen", ArticleState.VALIDATED, Audience.PUBLIC, Locale.GERMAN);
        assertThat(kb.awaitSearchable(Duration.ofSeconds(10))).isTrue();

        List<Suggestion> suggestions = kb.suggest("druck", Viewer.anonymous(), 10);

        assertThat(suggestions).hasSize(1);
        Suggestion suggestion = suggestions.getFirst();
        assertThat(suggestion.text()).isEqualTo("Drucker druckt nicht nach Update");
        assertThat(suggestion.kind()).isEqualTo(Suggestion.Kind.TITLE);
        assertThat(suggestion.article()).contains(article.id());
        assertThat(suggestion.highlighted()).isEqualTo("<mark>Druck</mark>er <mark>druck</mark>t nicht nach Update");
    }

    @Test
    void suggest_showsAnInternalWorkInProgressTitle_toAnAgentOnly() {
        published("Drucker druckt nicht nach Update");
        capture(
                "Drucker-Warteschlange hängt (Entwurf)",
                ArticleState.WORK_IN_PROGRESS,
                Audience.INTERNAL,
                Locale.GERMAN);

        assertThat(texts("druck", Viewer.anonymous())).containsExactly("Drucker druckt nicht nach Update");
        assertThat(texts("druck", Viewer.partner("partner-1"))).containsExactly("Drucker druckt nicht nach Update");
        assertThat(texts("druck", AGENT))
                .containsExactlyInAnyOrder("Drucker druckt nicht nach Update", "Drucker-Warteschlange hängt (Entwurf)");
        assertThat(texts("warteschl", Viewer.anonymous())).isEmpty();
    }

    @Test
    void suggest_findsPartsOfGermanCompounds() {
        published("Druckertreiber neu installieren");

        assertThat(kb.awaitSearchable(Duration.ofSeconds(10))).isTrue();
        List<Suggestion> suggestions = kb.suggest("treiber", Viewer.anonymous(), 10);

        assertThat(suggestions).extracting(Suggestion::text).containsExactly("Druckertreiber neu installieren");
        assertThat(suggestions.getFirst().highlighted()).isEqualTo("Drucker<mark>treiber</mark> neu installieren");
        assertThat(texts("neu treib", Viewer.anonymous())).containsExactly("Druckertreiber neu installieren");
    }

    @Test
    void suggest_ignoresCaseAccentsAndUmlautSpellings() {
        published("Drücker zeigt Störung");
        published("Straße nicht gefunden");

        for (String typed : List.of("drück", "druck", "drueck", "DRÜCKER", "Druecker st")) {
            assertThat(texts(typed, Viewer.anonymous())).as(typed).containsExactly("Drücker zeigt Störung");
        }
        assertThat(texts("strasse", Viewer.anonymous())).containsExactly("Straße nicht gefunden");
        assertThat(texts("STRAß", Viewer.anonymous())).containsExactly("Straße nicht gefunden");
        assertThat(kb.suggest("drueck", Viewer.anonymous(), 1).getFirst().highlighted())
                .isEqualTo("<mark>Drück</mark>er zeigt Störung");
    }

    @Test
    void suggest_requiresEveryTypedWord_andRanksTitlesStartingWithTheFirstWordFirst() {
        published("Neuer Drucker wird nicht erkannt");
        published("Drucker druckt nicht");
        published("Drucker meldet Papierstau");

        assertThat(texts("druck", Viewer.anonymous()))
                .containsExactly(
                        "Drucker druckt nicht", "Drucker meldet Papierstau", "Neuer Drucker wird nicht erkannt");
        assertThat(texts("drucker nicht", Viewer.anonymous()))
                .containsExactly("Drucker druckt nicht", "Neuer Drucker wird nicht erkannt");
        assertThat(texts("drucker xyz", Viewer.anonymous())).isEmpty();
    }

    @Test
    void suggest_ranksPopularTitlesFirst_andShowsEachTextOnce() {
        published("Drucker meldet Papierstau");
        Article popular = published("Drucker meldet Tonerfehler");
        published("Drucker meldet Papierstau");
        for (int i = 0; i < 3; i++) {
            kb.recordView(Viewer.anonymous(), popular.id());
        }
        // Views are counted in memory and written in a batch about every second.
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (kb.article(popular.id()).orElseThrow().signals().viewCount() < 3 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(kb.awaitSearchable(Duration.ofSeconds(10))).isTrue();

        List<Suggestion> suggestions = kb.suggest("drucker meldet", Viewer.anonymous(), 10);

        assertThat(suggestions)
                .extracting(Suggestion::text)
                .containsExactly("Drucker meldet Tonerfehler", "Drucker meldet Papierstau");
        assertThat(suggestions.get(0).weight()).isGreaterThan(suggestions.get(1).weight());
    }

    @Test
    void suggest_replacesAnOldTitle_whenTheArticleIsRevised() {
        Article article = published("Drucker druckt nicht");
        assertThat(texts("druck", Viewer.anonymous())).containsExactly("Drucker druckt nicht");

        kb.update(
                ADMIN,
                article.id(),
                Update.of(article.revision()).content(article.content().withTitle("Scanner scannt nicht")));

        assertThat(texts("druck", Viewer.anonymous())).isEmpty();
        assertThat(texts("scan", Viewer.anonymous())).containsExactly("Scanner scannt nicht");
    }

    @Test
    void suggest_neverShowsArchivedTitles() {
        Article article = published("Drucker druckt nicht");
        kb.update(ADMIN, article.id(), Update.of(article.revision()).state(ArticleState.ARCHIVED));

        assertThat(texts("druck", AGENT)).isEmpty();
    }

    @Test
    void suggest_learnsAnsweredQueries_visibleOnlyWhileTheAnsweringArticleIs() {
        Article article = kb.capture(
                PUBLISHER,
                Draft.of(ArticleContent.of("Papierstau im Einzug beheben", "Papier klemmt im Drucker")
                                .withResolution("Einzug reinigen")
                                .withLanguage(Locale.GERMAN))
                        .withState(ArticleState.VALIDATED)
                        .withAudience(Audience.PUBLIC));
        assertThat(kb.awaitSearchable(Duration.ofSeconds(10))).isTrue();
        learnFromThreeVisitors(kb, "papier klemmt im drucker", article);
        // Reports write what is recorded first, and the engine learns from what is written.
        assertThat(kb.analytics().answeredQueries(ReportQuery.all())).isNotEmpty();

        List<Suggestion> suggestions = kb.suggest("papier kl", Viewer.anonymous(), 10);
        assertThat(suggestions).hasSize(1);
        Suggestion query = suggestions.getFirst();
        assertThat(query.text()).isEqualTo("papier klemmt im drucker");
        assertThat(query.kind()).isEqualTo(Suggestion.Kind.QUERY);
        assertThat(query.article()).isEmpty();
        assertThat(query.highlighted()).isEqualTo("<mark>papier</mark> <mark>kl</mark>emmt im drucker");

        Article current = kb.article(article.id()).orElseThrow();
        kb.update(ADMIN, article.id(), Update.of(current.revision()).audience(Audience.INTERNAL));

        assertThat(texts("papier kl", Viewer.anonymous())).isEmpty();
        // Typed by the public: agents, who may see the article, do not get it either.
        assertThat(texts("papier kl", AGENT)).isEmpty();

        current = kb.article(article.id()).orElseThrow();
        kb.update(ADMIN, article.id(), Update.of(current.revision()).audience(Audience.PUBLIC));
        assertThat(texts("papier kl", Viewer.anonymous())).containsExactly("papier klemmt im drucker");
    }

    @Test
    void suggest_showsAQueryEqualToAVisibleTitle_onceAsTheTitle() {
        Article article = published("Drucker druckt nicht");
        assertThat(kb.awaitSearchable(Duration.ofSeconds(10))).isTrue();
        learnFromThreeVisitors(kb, "Drucker druckt nicht", article);
        assertThat(kb.analytics().answeredQueries(ReportQuery.all())).isNotEmpty();

        List<Suggestion> suggestions = kb.suggest("druck", Viewer.anonymous(), 10);

        assertThat(suggestions).hasSize(1);
        assertThat(suggestions.getFirst().kind()).isEqualTo(Suggestion.Kind.TITLE);
        assertThat(suggestions.getFirst().article()).contains(article.id());
    }

    @Test
    void suggest_learnsQueriesFromTheStoreOnOpen_andTitlesAfterARestart(@TempDir Path directory) {
        kb.close();
        Article article;
        try (KnowledgeBase first = KnowledgeBase.builder()
                .directory(directory)
                .refreshInterval(Duration.ofMillis(50))
                .build()) {
            article = first.capture(
                    PUBLISHER,
                    Draft.of(ArticleContent.of("Papierstau im Einzug beheben", "Papier klemmt")
                                    .withResolution("Einzug reinigen")
                                    .withLanguage(Locale.GERMAN))
                            .withState(ArticleState.VALIDATED)
                            .withAudience(Audience.PUBLIC));
            assertThat(first.awaitSearchable(Duration.ofSeconds(10))).isTrue();
            learnFromThreeVisitors(first, "papier klemmt", article);
            SearchResult once = first.search(SearchRequest.builder("papier", Viewer.anonymous())
                    .visitor("visitor-1")
                    .build());
            first.recordClick(
                    Viewer.anonymous(),
                    article.id(),
                    SearchOrigin.of(once.searchId().orElseThrow(), 1));
        }
        kb = KnowledgeBase.builder()
                .directory(directory)
                .refreshInterval(Duration.ofMillis(50))
                .build();

        // "papier" had one visitor: not learned, neither before nor after the restart.
        assertThat(texts("papier", Viewer.anonymous()))
                .containsExactlyInAnyOrder("Papierstau im Einzug beheben", "papier klemmt");
        assertThat(texts("papier", AGENT)).containsExactly("Papierstau im Einzug beheben");
    }

    @Test
    void suggest_returnsNothing_forTextWithoutWords() {
        published("Drucker druckt nicht");
        assertThat(texts("?!", Viewer.anonymous())).isEmpty();
        assertThat(texts("-", AGENT)).isEmpty();
    }

    @Test
    void suggest_escapesHtmlInTheHighlightedText() {
        published("Fehler <script> & \"Anführung\" im Drucker");

        assertThat(kb.awaitSearchable(Duration.ofSeconds(10))).isTrue();
        List<Suggestion> suggestions = kb.suggest("fehler scr", Viewer.anonymous(), 10);

        assertThat(suggestions).hasSize(1);
        assertThat(suggestions.getFirst().highlighted())
                .isEqualTo("<mark>Fehler</mark> &lt;<mark>scr</mark>ipt&gt; &amp; &quot;Anführung&quot; im Drucker");
    }
}
