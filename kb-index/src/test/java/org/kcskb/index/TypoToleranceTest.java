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

class TypoToleranceTest {
    private static final Actor PUBLISHER = Actor.publisher("pub-1");

    private KnowledgeBase kb;

    @BeforeEach
    void open() {
        kb = KnowledgeBase.builder().store(ArticleStores.inMemory()).build();
        publish("Printer driver fails after update", "The printer driver stopped working.", Locale.ENGLISH);
        publish("VPN client cannot connect", "The VPN connection drops after login.", Locale.ENGLISH);
        publish(
                "Druckertreiberfehler nach Update",
                "Der Druckertreiber meldet nach dem Update einen Fehler.",
                Locale.GERMAN);
        publish("Outlook startet nicht", "Outlook bleibt beim Profil laden hängen.", Locale.GERMAN);
        assertThat(kb.awaitSearchable(Duration.ofSeconds(10))).isTrue();
    }

    @AfterEach
    void close() {
        kb.close();
    }

    private void publish(String title, String issue, Locale language) {
        kb.capture(
                PUBLISHER,
                Draft.of(ArticleContent.of(title, issue)
                                .withResolution("Reinstall it. / Neu installieren.")
                                .withLanguage(language))
                        .withState(ArticleState.VALIDATED)
                        .withAudience(Audience.PUBLIC));
    }

    private SearchResult search(String text) {
        return kb.search(SearchRequest.of(text, Viewer.anonymous()));
    }

    private static List<String> titles(SearchResult result) {
        return result.hits().stream().map(SearchHit::title).toList();
    }

    @Test
    void misspelledWords_stillFindTheArticle_andSuggestTheCorrection() {
        SearchResult result = search("pirnter driver");
        assertThat(titles(result)).first().isEqualTo("Printer driver fails after update");
        assertThat(result.didYouMean()).contains("printer driver");
    }

    @Test
    void germanCompoundWithATypo_isCorrectedFromTheIndexVocabulary() {
        SearchResult result = search("Druckertreiberfeler");
        assertThat(titles(result)).first().isEqualTo("Druckertreiberfehler nach Update");
        assertThat(result.didYouMean()).contains("druckertreiberfehler");
    }

    @Test
    void didYouMean_spellsTheCorrectionAsTheArticlesDo() {
        publish("Vertrag kündigen", "Wo finde ich die Kündigung meines Vertrags?", Locale.GERMAN);
        assertThat(kb.awaitSearchable(Duration.ofSeconds(10))).isTrue();
        SearchResult result = search("Kündigugn");
        assertThat(titles(result)).containsExactly("Vertrag kündigen");
        assertThat(result.didYouMean()).contains("kündigung");
    }

    @Test
    void anotherInflectionOfARareWord_isNoTypo() {
        publish("Gutschrift beantragt", "Der Kunde hat eine Gutschrift beantragt.", Locale.GERMAN);
        assertThat(kb.awaitSearchable(Duration.ofSeconds(10))).isTrue();
        // "beantragen" is in no article and one edit... two edits from "beantragt": a form, not a typo.
        SearchResult result = search("Kulanz beantragen");
        assertThat(result.didYouMean()).isEmpty();
    }

    @Test
    void correctionsPreferTheLanguageOfTheRestOfTheQuery() {
        publish("Printer shows offline", "The printer shows offline in the queue.", Locale.ENGLISH);
        publish("Offene Rechnung", "Die offene Rechnung wurde angemahnt.", Locale.GERMAN);
        publish("Offene Posten", "Offene Posten im Konto.", Locale.GERMAN);
        assertThat(kb.awaitSearchable(Duration.ofSeconds(10))).isTrue();
        // "offlne" is one edit from "offline" and from the German "offene"; "pirnter" is English.
        assertThat(search("pirnter offlne").didYouMean()).contains("printer offline");
    }

    @Test
    void editsAreAllowedByWordLength() {
        // Up to 4 characters: no edit ("vnp" is not "vpn").
        assertThat(search("vnp").hits()).isEmpty();
        // 5 to 8 characters: one edit, not two.
        assertThat(titles(search("outlok"))).containsExactly("Outlook startet nicht");
        assertThat(search("otlok").hits()).isEmpty();
        // 9 or more: two edits.
        assertThat(titles(search("connectoin"))).first().isEqualTo("VPN client cannot connect");
    }

    @Test
    void correctlySpelledQueries_areNotCorrected() {
        SearchResult result = search("printer driver");
        assertThat(result.didYouMean()).isEmpty();
        assertThat(titles(result)).first().isEqualTo("Printer driver fails after update");
    }

    @Test
    void exactMatches_rankAboveCorrectedOnes() {
        // "connector" is in one article as written, and one edit away from "connect" in another.
        publish("Connector missing", "The connector is missing from the list.", Locale.ENGLISH);
        assertThat(kb.awaitSearchable(Duration.ofSeconds(10))).isTrue();
        SearchResult result = search("connector");
        assertThat(titles(result)).first().isEqualTo("Connector missing");
        assertThat(result.didYouMean()).isEmpty();
    }

    @Test
    void typosNeverRevealWhatTheViewerMayNotSee() {
        kb.capture(
                PUBLISHER,
                Draft.of(ArticleContent.of("Geheimprojekt Zephyr", "Interne Notiz zu Zephyr-Servern.")
                                .withResolution("Nur intern.")
                                .withLanguage(Locale.GERMAN))
                        .withState(ArticleState.VALIDATED)
                        .withAudience(Audience.INTERNAL));
        assertThat(kb.awaitSearchable(Duration.ofSeconds(10))).isTrue();
        SearchResult result = search("Geheimprojekd");
        assertThat(result.hits()).isEmpty();
        assertThat(result.totalHits()).isZero();
    }

    @Test
    void atMostThreeWordsOfAQuery_runTheTypoLookUp() {
        publish("Keyboard layout wrong", "The keyboard layout switches after login.", Locale.ENGLISH);
        publish("Monitor flickers", "The monitor flickers on the docking station.", Locale.ENGLISH);
        assertThat(kb.awaitSearchable(Duration.ofSeconds(10))).isTrue();
        // Five correctable words: a paste or a probe rather than a query with typos; the first three rare ones are
        // looked up, so that 32 random long words cost three look-ups, not 32 in every language.
        SearchResult result = search("pirnter drvier keybaord moniter flikers");
        assertThat(result.didYouMean()).contains("printer driver keyboard moniter flikers");
    }

    @Test
    void whetherAWordIsATypo_dependsOnlyOnWhatTheViewerMaySee() {
        // Internal articles spell "connection" wrongly twice: the public sees only the correct spelling, so for the
        // public "conection" is a typo as it would be without the internal articles.
        for (int i = 0; i < 2; i++) {
            kb.capture(
                    PUBLISHER,
                    Draft.of(ArticleContent.of("Conection notes " + i, "Internal conection notes.")
                                    .withResolution("Internal.")
                                    .withLanguage(Locale.ENGLISH))
                            .withState(ArticleState.VALIDATED)
                            .withAudience(Audience.INTERNAL));
        }
        assertThat(kb.awaitSearchable(Duration.ofSeconds(10))).isTrue();
        assertThat(search("conection").didYouMean()).contains("connection");
        assertThat(kb.search(SearchRequest.of("conection", Viewer.partner("p-1")))
                        .didYouMean())
                .contains("connection");
    }
}
