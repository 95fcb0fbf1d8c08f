package org.kcskb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kcskb.actor.Actor;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.lifecycle.KcsLifecyclePolicy;
import org.kcskb.store.ArticleStores;

class TranslationLinksTest {
    private static final Actor CANDIDATE = Actor.candidate("cand-1");
    private static final Actor CONTRIBUTOR = Actor.contributor("contrib-1");
    private static final Actor PUBLISHER = Actor.publisher("pub-1");

    private KnowledgeBase kb;

    @BeforeEach
    void open() {
        kb = KnowledgeBase.builder()
                .store(ArticleStores.inMemory())
                .withoutSearch()
                .clock(Clock.fixed(Instant.parse("2026-05-04T08:00:00Z"), ZoneOffset.UTC))
                .build();
    }

    @AfterEach
    void close() {
        kb.close();
    }

    private Article capture(Actor actor, String title, String language) {
        return kb.capture(
                actor,
                ArticleContent.of(title, title + " seit dem Update / since the update")
                        .withResolution("Treiber 5.1 / driver 5.1")
                        .withLanguage(language));
    }

    @Test
    void linkTranslation_isTransitive_andShownOnEveryMember() {
        Article de = capture(CONTRIBUTOR, "Drucker druckt nicht", "de");
        Article en = capture(CONTRIBUTOR, "Printer does not print", "en");
        Article fr = capture(CONTRIBUTOR, "L'imprimante n'imprime pas", "fr");

        assertThat(kb.linkTranslation(CONTRIBUTOR, de.id(), en.id()).translations())
                .isEqualTo(Map.of(Locale.ENGLISH, en.id()));
        kb.linkTranslation(CONTRIBUTOR, fr.id(), en.id());

        assertThat(kb.article(de.id()).orElseThrow().translations())
                .isEqualTo(Map.of(Locale.ENGLISH, en.id(), Locale.FRENCH, fr.id()));
        assertThat(kb.article(fr.id()).orElseThrow().translations())
                .isEqualTo(Map.of(Locale.ENGLISH, en.id(), Locale.GERMAN, de.id()));

        assertThat(kb.unlinkTranslation(CONTRIBUTOR, en.id()).translations()).isEmpty();
        assertThat(kb.article(de.id()).orElseThrow().translations()).isEqualTo(Map.of(Locale.FRENCH, fr.id()));
    }

    @Test
    void linkTranslation_secondArticleOfALanguage_isRefusedNamingTheTranslationAlreadyThere() {
        Article de = capture(CONTRIBUTOR, "Drucker druckt nicht", "de");
        Article en = capture(CONTRIBUTOR, "Printer does not print", "en");
        Article otherEn = capture(CONTRIBUTOR, "Printer prints nothing", "en");
        kb.linkTranslation(CONTRIBUTOR, de.id(), en.id());

        assertThatThrownBy(() -> kb.linkTranslation(CONTRIBUTOR, otherEn.id(), de.id()))
                .isInstanceOfSatisfying(TranslationConflictException.class, e -> {
                    assertThat(e.existing()).isEqualTo(en.id());
                    assertThat(e.article()).isEqualTo(otherEn.id());
                })
                .hasMessageContaining(en.id() + " already is the en translation")
                .hasMessageContaining("unlink " + en.id() + " first");
        assertThatThrownBy(() -> kb.linkTranslation(CONTRIBUTOR, otherEn.id(), en.id()))
                .isInstanceOf(TranslationConflictException.class);
        assertThat(kb.article(otherEn.id()).orElseThrow().translations()).isEmpty();
        assertThatThrownBy(() -> kb.linkTranslation(CONTRIBUTOR, de.id(), de.id()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("its own translation");
    }

    @Test
    void revise_intoALanguageTheGroupHoldsAlready_isRefused() {
        Article de = capture(CONTRIBUTOR, "Drucker druckt nicht", "de");
        Article en = capture(CONTRIBUTOR, "Printer does not print", "en");
        kb.linkTranslation(CONTRIBUTOR, de.id(), en.id());

        assertThatThrownBy(() -> kb.revise(CONTRIBUTOR, en.id(), 1, en.content().withLanguage("de"), "oops"))
                .isInstanceOfSatisfying(TranslationConflictException.class, e -> assertThat(e.existing())
                        .isEqualTo(de.id()));
        assertThat(kb.article(en.id()).orElseThrow().revision()).isEqualTo(1);
    }

    @Test
    void linkTranslation_needsTheRightToReviseBothArticles() {
        Article own = capture(CANDIDATE, "Drucker druckt nicht", "de");
        Article others = capture(CONTRIBUTOR, "Printer does not print", "en");

        assertThatThrownBy(() -> kb.linkTranslation(CANDIDATE, own.id(), others.id()))
                .isInstanceOfSatisfying(ActionRefusedException.class, e -> assertThat(e.rule())
                        .isEqualTo(KcsLifecyclePolicy.CANDIDATE_OWN_ARTICLES))
                .hasMessageContaining(others.id().value());

        Article published = kb.update(
                PUBLISHER,
                others.id(),
                Update.of(1).state(ArticleState.VALIDATED).audience(Audience.PUBLIC));
        assertThatThrownBy(() -> kb.linkTranslation(CONTRIBUTOR, published.id(), own.id()))
                .isInstanceOfSatisfying(ActionRefusedException.class, e -> assertThat(e.rule())
                        .isEqualTo(KcsLifecyclePolicy.EXTERNAL_EDIT_REQUIRES_PUBLISHER));
        assertThat(kb.linkTranslation(PUBLISHER, published.id(), own.id()).translations())
                .isEqualTo(Map.of(Locale.GERMAN, own.id()));
    }

    @Test
    void linkTranslation_archivedOrMissingArticle_isRefused() {
        Article de = capture(CONTRIBUTOR, "Drucker druckt nicht", "de");
        Article en = capture(CONTRIBUTOR, "Printer does not print", "en");
        kb.transition(CONTRIBUTOR, en.id(), 1, ArticleState.ARCHIVED);

        assertThatThrownBy(() -> kb.linkTranslation(CONTRIBUTOR, de.id(), en.id()))
                .isInstanceOfSatisfying(ActionRefusedException.class, e -> assertThat(e.rule())
                        .isEqualTo(KcsLifecyclePolicy.ARCHIVED_READ_ONLY));
        assertThatThrownBy(() -> kb.linkTranslation(CONTRIBUTOR, de.id(), org.kcskb.article.ArticleId.of("KB-404")))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void merge_takesTheDuplicateOutOfItsTranslationGroup() {
        Article de = capture(CONTRIBUTOR, "Drucker druckt nicht", "de");
        Article en = capture(CONTRIBUTOR, "Printer does not print", "en");
        Article survivor = capture(CONTRIBUTOR, "Printer prints nothing", "en");
        kb.linkTranslation(CONTRIBUTOR, de.id(), en.id());

        kb.merge(CONTRIBUTOR, en.id(), survivor.id());

        assertThat(kb.article(en.id()).orElseThrow().translations()).isEmpty();
        assertThat(kb.article(de.id()).orElseThrow().translations()).isEmpty();
        // The survivor can take the duplicate's place.
        assertThat(kb.linkTranslation(CONTRIBUTOR, survivor.id(), de.id()).translations())
                .isEqualTo(Map.of(Locale.GERMAN, de.id()));
    }

    @Test
    void article_forAViewer_namesOnlyTheTranslationsTheyMayRead() {
        Article published = capture(CONTRIBUTOR, "Drucker druckt nicht", "de");
        published = kb.update(
                PUBLISHER,
                published.id(),
                Update.of(1).state(ArticleState.VALIDATED).audience(Audience.PUBLIC));
        Article internal = capture(CONTRIBUTOR, "Printer does not print", "en");
        kb.linkTranslation(PUBLISHER, published.id(), internal.id());

        assertThat(kb.article(published.id(), org.kcskb.actor.Viewer.anonymous())
                        .orElseThrow()
                        .translations())
                .isEmpty();
        assertThat(kb.article(published.id(), org.kcskb.actor.Viewer.agent(CONTRIBUTOR))
                        .orElseThrow()
                        .translations())
                .isEqualTo(Map.of(Locale.ENGLISH, internal.id()));
        assertThat(kb.article(published.id()).orElseThrow().translations()).containsKey(Locale.ENGLISH);
    }
}
