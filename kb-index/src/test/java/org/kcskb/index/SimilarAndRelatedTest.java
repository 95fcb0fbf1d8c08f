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
import org.kcskb.article.Article;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.article.Environment;
import org.kcskb.search.SearchHit;
import org.kcskb.search.SimilarArticle;
import org.kcskb.store.ArticleStores;

class SimilarAndRelatedTest {
    private static final Actor PUBLISHER = Actor.publisher("pub-1");
    private static final Actor CANDIDATE = Actor.candidate("agent-7");

    private KnowledgeBase kb;
    private Article printer;
    private Article printerDriver;
    private Article internalPrinter;
    private Article vpn;

    @BeforeEach
    void open() {
        kb = KnowledgeBase.builder().store(ArticleStores.inMemory()).build();
        printer = capture(
                "Drucker druckt nach Windows-Update nicht mehr",
                "Seit dem Windows-Update druckt der Drucker im Büro keine Seiten mehr.",
                Audience.PUBLIC);
        printerDriver = capture(
                "Druckertreiber nach Update fehlerhaft",
                "Nach dem Update meldet der Druckertreiber einen Fehler beim Drucken.",
                Audience.PUBLIC);
        internalPrinter = capture(
                "Drucker im Lager druckt nicht (intern)",
                "Der Drucker im Lager druckt seit dem Windows-Update nicht mehr.",
                Audience.INTERNAL);
        vpn = capture(
                "VPN-Verbindung bricht ab", "Die VPN-Verbindung bricht nach wenigen Minuten ab.", Audience.PUBLIC);
        assertThat(kb.awaitSearchable(Duration.ofSeconds(10))).isTrue();
    }

    @AfterEach
    void close() {
        kb.close();
    }

    private Article capture(String title, String issue, Audience audience) {
        return kb.capture(
                PUBLISHER,
                Draft.of(ArticleContent.of(title, issue)
                                .withResolution("Treiber neu installieren.")
                                .withEnvironment(Environment.of("Acme Print", "4.2", "Windows 11"))
                                .withLanguage(Locale.GERMAN))
                        .withState(ArticleState.VALIDATED)
                        .withAudience(audience));
    }

    @Test
    void similar_findsTheDuplicateOfADraft_withTheWordsThatMatched() {
        var draft = Draft.of(ArticleContent.of(
                        "Drucker druckt nicht mehr nach Windows Update",
                        "Kunde meldet: seit dem Windows Update druckt der Drucker keine Seiten mehr")
                .withLanguage(Locale.GERMAN));

        List<SimilarArticle> similar = kb.similar(CANDIDATE, draft);

        assertThat(similar).isNotEmpty();
        SimilarArticle best = similar.getFirst();
        assertThat(best.id()).isIn(printer.id(), internalPrinter.id());
        assertThat(best.similarity()).isGreaterThan(0.5).isLessThanOrEqualTo(1);
        assertThat(best.matchedTerms()).contains("Drucker", "Windows", "Update");
        // The VPN article shares only the environment and a few common words.
        assertThat(similar).filteredOn(s -> s.id().equals(vpn.id())).allSatisfy(s -> assertThat(s.similarity())
                .isLessThan(best.similarity() / 2));
        assertThat(similar).isSortedAccordingTo((a, b) -> Double.compare(b.similarity(), a.similarity()));
    }

    @Test
    void similar_ofAnUnrelatedDraft_isEmptyOrWeak() {
        var draft = Draft.of(ArticleContent.of("Kaffeemaschine entkalken", "Die Kaffeemaschine zeigt Entkalken an")
                .withLanguage(Locale.GERMAN));
        assertThat(kb.similar(CANDIDATE, draft))
                .allSatisfy(s -> assertThat(s.similarity()).isLessThan(0.5));
    }

    @Test
    void similar_doesNotCountASharedWordPrefixAsASharedWord() {
        // "Druckerei" and "Drucker" share the prefix term that German analysis adds for ranking, not a word.
        var draft = Draft.of(ArticleContent.of("Druckerei", "Druckerei").withLanguage(Locale.GERMAN));

        assertThat(kb.similar(CANDIDATE, draft)).isEmpty();
    }

    @Test
    void related_areAudienceAware_andExcludeTheArticleItself() {
        List<SearchHit> forPublic = kb.related(printer.id(), Viewer.anonymous(), 5);
        assertThat(forPublic).extracting(SearchHit::id).contains(printerDriver.id());
        assertThat(forPublic).extracting(SearchHit::id).doesNotContain(printer.id(), internalPrinter.id());
        assertThat(forPublic).allSatisfy(hit -> assertThat(hit.audience()).isEqualTo(Audience.PUBLIC));

        List<SearchHit> forAgent = kb.related(printer.id(), Viewer.agent(CANDIDATE), 5);
        assertThat(forAgent.getFirst().id()).isEqualTo(internalPrinter.id());
    }

    @Test
    void relatedAndSimilar_afterManyRevisions_weighTermsByLiveAndDeletedDocuments() {
        // Every revision leaves a deleted document in the main index until a merge: its document frequencies then
        // exceed the live documents, which once gave terms a negative weight (Lucene refuses a negative boost).
        Article revised = printerDriver;
        for (int i = 0; i < 15; i++) {
            revised = kb.revise(
                    PUBLISHER,
                    revised.id(),
                    revised.revision(),
                    revised.content().withIssue("Nach dem Update druckt der Drucker nicht, Versuch " + i + "."),
                    "revision " + i);
        }
        assertThat(kb.awaitSearchable(Duration.ofSeconds(10))).isTrue();

        assertThat(kb.related(printer.id(), Viewer.agent(CANDIDATE), 5))
                .extracting(SearchHit::id)
                .contains(printerDriver.id());
        var draft = Draft.of(ArticleContent.of("Drucker druckt nach Update nicht", "Der Drucker druckt nicht")
                .withLanguage(Locale.GERMAN));
        assertThat(kb.similar(CANDIDATE, draft)).isNotEmpty().allSatisfy(s -> assertThat(s.similarity())
                .isBetween(0.0, 1.0));
    }

    @Test
    void related_ofAnArticleTheViewerMayNotSee_isEmpty() {
        assertThat(kb.related(internalPrinter.id(), Viewer.anonymous(), 5)).isEmpty();
    }
}
