package org.kcskb.search.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
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
import org.kcskb.search.Suggestion;
import org.kcskb.store.ArticleStores;

/**
 * German umlauts keep words apart ("drücken" is not "Drucker") in hits, suggestions, snippets and typo corrections,
 * while what is typed with "ae", "oe", "ue" or without the umlaut still finds the word: what an engine that searches
 * German text promises. An engine's test extends it and names the engine.
 */
public abstract class GermanUmlautContract {
    private static final Actor PUBLISHER = Actor.publisher("pub-1");

    private static final String LOCK = "Drücken Sie Strg+Alt+Entf zum Sperren";
    private static final String NOTICE = "Kündigung des Vertrags";
    private static final String SIZE = "Größe des Postfachs";
    private static final String DRIVER = "Druckertreiberfehler beheben";
    private static final String METER = "Zählerstand ablesen";
    private static final String PAYMENT = "Rechnung online bezahlen";

    private KnowledgeBase kb;

    /** Returns the engine under test; each call opens knowledge bases of their own on it. */
    protected abstract SearchEngineProvider provider();

    @AfterEach
    void close() {
        if (kb != null) {
            kb.close();
        }
    }

    /** A knowledge base of the given articles: {title, issue} pairs, German, public. */
    private void open(String[]... articles) {
        kb = KnowledgeBase.builder()
                .store(ArticleStores.inMemory())
                .searchEngine(provider())
                .refreshInterval(Duration.ofMillis(50))
                .build();
        for (String[] article : articles) {
            kb.capture(
                    PUBLISHER,
                    Draft.of(ArticleContent.of(article[0], article[1])
                                    .withResolution("Wenden Sie sich an den Service.")
                                    .withLanguage(Locale.GERMAN))
                            .withState(ArticleState.VALIDATED)
                            .withAudience(Audience.PUBLIC));
        }
        assertThat(kb.awaitSearchable(Duration.ofSeconds(10))).isTrue();
    }

    private void openAll() {
        open(
                new String[] {LOCK, "Drücken Sie Strg+Alt+Entf, um den Bildschirm zu sperren."},
                new String[] {NOTICE, "Die Kündigung ist bis zum Monatsende möglich."},
                new String[] {SIZE, "Die Größe des Postfachs ist begrenzt."},
                new String[] {DRIVER, "Der Druckertreiber meldet Fehler. Installieren Sie den Treiber des Druckers neu."
                },
                new String[] {METER, "Zählen Sie die Ziffern auf dem Zähler."},
                new String[] {PAYMENT, "Sie können die Rechnung online zahlen."});
    }

    private SearchResult search(String text) {
        return kb.search(SearchRequest.of(text, Viewer.anonymous()));
    }

    private List<String> titles(String text) {
        return search(text).hits().stream().map(SearchHit::title).toList();
    }

    private List<String> suggested(String typed) {
        return kb.suggest(typed, Viewer.anonymous(), 10).stream()
                .map(Suggestion::text)
                .toList();
    }

    @Test
    protected void drucker_doesNotFindAnArticleThatOnlySaysDruecken() {
        openAll();
        assertThat(titles("drucker")).contains(DRIVER).doesNotContain(LOCK);
        assertThat(titles("Drucker")).doesNotContain(LOCK);
        assertThat(titles("drücken")).containsExactly(LOCK);
        assertThat(titles("druecken")).containsExactly(LOCK);
    }

    @Test
    protected void drucker_isNotCorrectedToDruecken_whenNoArticleHasIt() {
        open(new String[] {LOCK, "Drücken Sie Strg+Alt+Entf, um den Bildschirm zu sperren."});
        SearchResult result = search("drucker");
        assertThat(result.hits()).isEmpty();
        assertThat(result.didYouMean()).isEmpty();
    }

    @Test
    protected void snippets_markNoUmlautWordForThePlainVowel() {
        openAll();
        SearchHit hit = search("Drucker Bildschirm").hits().stream()
                .filter(h -> h.title().equals(LOCK))
                .findFirst()
                .orElseThrow();
        assertThat(hit.snippet()).contains("<mark>Bildschirm</mark>").doesNotContain("<mark>Drücken");
    }

    @Test
    protected void suggestions_completeThePlainVowel_notTheUmlaut() {
        openAll();
        assertThat(suggested("druck")).contains(DRIVER).doesNotContain(LOCK);
        assertThat(suggested("drucker")).doesNotContain(LOCK);
        assertThat(suggested("drück")).containsExactly(LOCK);
        assertThat(suggested("drueck")).containsExactly(LOCK);
    }

    @Test
    protected void suggestions_completeAWordTypedWithoutItsUmlaut_whenNothingElseCompletesIt() {
        openAll();
        assertThat(suggested("kund")).containsExactly(NOTICE);
        assertThat(kb.suggest("kund", Viewer.anonymous(), 1).getFirst().highlighted())
                .isEqualTo("<mark>Künd</mark>igung des Vertrags");
        assertThat(suggested("postfach grosse")).containsExactly(SIZE);
    }

    @Test
    protected void kuendigung_isFound_withUmlaut_transcribed_orWithout() {
        openAll();
        assertThat(titles("Kündigung")).first().isEqualTo(NOTICE);
        assertThat(titles("kuendigung")).first().isEqualTo(NOTICE);
        SearchResult plain = search("kundigung");
        assertThat(plain.hits()).extracting(SearchHit::title).first().isEqualTo(NOTICE);
        assertThat(plain.didYouMean()).contains("kündigung");
    }

    @Test
    protected void groesse_isFound_withUmlaut_transcribed_orWithout() {
        openAll();
        assertThat(titles("Größe")).first().isEqualTo(SIZE);
        assertThat(titles("groesse")).first().isEqualTo(SIZE);
        assertThat(titles("grosse")).first().isEqualTo(SIZE);
    }

    @Test
    protected void zaehlen_andZahlen_stayApart() {
        openAll();
        assertThat(titles("zählen")).containsExactly(METER);
        assertThat(titles("zahlen")).containsExactly(PAYMENT);
    }

    @Test
    protected void compoundsAndInflections_stillMeet() {
        openAll();
        assertThat(titles("Treiberfehler")).first().isEqualTo(DRIVER);
        assertThat(titles("Druckers")).first().isEqualTo(DRIVER);
        assertThat(titles("Fehlern")).first().isEqualTo(DRIVER);
    }
}
