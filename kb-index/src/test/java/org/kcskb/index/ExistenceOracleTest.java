package org.kcskb.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kcskb.Draft;
import org.kcskb.KnowledgeBase;
import org.kcskb.Update;
import org.kcskb.actor.Actor;
import org.kcskb.actor.Viewer;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.search.SearchHit;
import org.kcskb.search.SearchRequest;
import org.kcskb.store.ArticleStores;

/**
 * The decisions a viewer can observe without seeing an article (which language a query prefers, whether a
 * word is taken for a typo) count only live articles that viewer may see: an internal codename must not flip the
 * language, for the public (its own partition) nor for a partner (the main index, filtered).
 */
class ExistenceOracleTest {
    private static final Actor PUBLISHER = Actor.publisher("pub-1");

    private KnowledgeBase kb;

    @BeforeEach
    void open() {
        kb = KnowledgeBase.builder()
                .store(ArticleStores.inMemory())
                .refreshInterval(Duration.ofMillis(50))
                .build();
        capture("Drucker druckt nicht", "Der Drucker druckt keine Seiten.", Locale.GERMAN, Audience.PUBLIC);
        capture("Printer does not print", "The printer prints no pages.", Locale.ENGLISH, Audience.PUBLIC);
    }

    @AfterEach
    void close() {
        kb.close();
    }

    private Article capture(String title, String issue, Locale language, Audience audience) {
        return kb.capture(
                PUBLISHER,
                Draft.of(ArticleContent.of(title, issue)
                                .withResolution("Neu starten.")
                                .withLanguage(language))
                        .withState(ArticleState.VALIDATED)
                        .withAudience(audience));
    }

    /** The languages the query is searched in at full weight (every other one is searched at a lower weight). */
    private Set<Locale> languagesSearched(String query, Viewer viewer) {
        assertThat(kb.awaitSearchable(Duration.ofSeconds(10))).isTrue();
        var result =
                kb.search(SearchRequest.builder(query, viewer).explain(true).build());
        assertThat(result.hits()).extracting(SearchHit::language).contains(Locale.GERMAN, Locale.ENGLISH);
        return PreferredLanguages.of(result);
    }

    @Test
    void aHiddenWord_doesNotTipTheQueryLanguage() {
        assertThat(languagesSearched("drucker printer zorbatron", Viewer.anonymous()))
                .containsExactlyInAnyOrder(Locale.GERMAN, Locale.ENGLISH);
        capture("Zorbatron intern", "Zorbatron Drucker Projekt.", Locale.GERMAN, Audience.INTERNAL);
        // Without the fix: German holds two of the three words, English one, and only German articles answer.
        assertThat(languagesSearched("drucker printer zorbatron", Viewer.anonymous()))
                .containsExactlyInAnyOrder(Locale.GERMAN, Locale.ENGLISH);
        assertThat(languagesSearched("drucker printer zorbatron", Viewer.partner("p-1")))
                .containsExactlyInAnyOrder(Locale.GERMAN, Locale.ENGLISH);
        // An agent may see the internal article: for the agent the codename is a German word.
        assertThat(languagesSearched("drucker printer zorbatron", Viewer.agent(PUBLISHER)))
                .containsExactly(Locale.GERMAN);
    }

    @Test
    void anArticleThatLeftTheViewersSight_noLongerCountsInTheVote() {
        Article codename = capture("Zorbatron", "Zorbatron Drucker.", Locale.GERMAN, Audience.PARTNER);
        assertThat(languagesSearched("drucker printer zorbatron", Viewer.partner("p-1")))
                .containsExactly(Locale.GERMAN);
        // Rewritten without the codename: the old revision's document is deleted, but counts in the index's
        // statistics until a merge; archived: hidden from partners by the filter.
        Article rewritten = kb.update(
                PUBLISHER,
                codename.id(),
                Update.of(codename.revision())
                        .content(ArticleContent.of("Drucker Projekt", "Drucker.")
                                .withResolution("Neu starten.")
                                .withLanguage(Locale.GERMAN)));
        assertThat(languagesSearched("drucker printer zorbatron", Viewer.partner("p-1")))
                .containsExactlyInAnyOrder(Locale.GERMAN, Locale.ENGLISH);
        capture("Zorbatron alt", "Zorbatron Drucker.", Locale.GERMAN, Audience.PARTNER);
        Article archived = kb.capture(
                PUBLISHER,
                Draft.of(ArticleContent.of("Zorbatron", "Zorbatron.")
                                .withResolution("Neu starten.")
                                .withLanguage(Locale.GERMAN))
                        .withState(ArticleState.VALIDATED)
                        .withAudience(Audience.PUBLIC));
        kb.update(PUBLISHER, archived.id(), Update.of(archived.revision()).state(ArticleState.ARCHIVED));
        assertThat(rewritten.revision()).isGreaterThan(codename.revision());
        // The public sees neither: a partner article, and an archived one.
        assertThat(languagesSearched("drucker printer zorbatron", Viewer.anonymous()))
                .containsExactlyInAnyOrder(Locale.GERMAN, Locale.ENGLISH);
    }
}
