package org.kcskb.index.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.apache.lucene.analysis.Analyzer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kcskb.index.analysis.fr.FrenchLanguage;

class FrenchAnalysisTest {
    private final KbAnalyzers analyzers = KbAnalyzers.create(CompoundVocabulary.create());
    private final Analyzer index = analyzers.index(Locale.FRENCH);
    private final Analyzer query = analyzers.query(Locale.FRENCH);
    private final Analyzer exact = analyzers.exactIndex(Locale.FRENCH);

    @AfterEach
    void close() {
        analyzers.close();
    }

    @Test
    void registry_holdsGermanEnglishAndFrench_inRegistrationOrder() {
        assertThat(KbLanguages.keys()).containsExactly("de", "en", "fr");
        assertThat(KbLanguages.of(Locale.CANADA_FRENCH)).get().isInstanceOf(FrenchLanguage.class);
        assertThat(KbLanguages.of(Locale.ITALIAN)).isEmpty();
        assertThat(KbLanguages.of(Locale.ROOT)).isEmpty();
        assertThat(KbLanguages.key("xx")).isEmpty();
    }

    @Test
    void french_hasItsOwnChains_notTheNeutralOne() {
        assertThat(index).isNotSameAs(analyzers.index(Locale.ROOT));
        assertThat(analyzers.index(Locale.CANADA_FRENCH)).isSameAs(index);
        assertThat(Token.terms(analyzers.index(Locale.ROOT), "L'imprimante")).containsExactly("l'imprimante");
    }

    @Test
    void french_removesElidedArticlesAndPronouns() {
        assertThat(Token.terms(exact, "L'imprimante s'allume qu'après d'abord"))
                .containsExactly("imprimante", "allume", "apres", "abord");
        // The typographic apostrophe too.
        assertThat(Token.terms(exact, "l’imprimante")).containsExactly("imprimante");
    }

    @Test
    void french_foldsAccents_soThatQueriesWithoutThemFindTheSameTerms() {
        assertThat(Token.terms(index, "oublié")).isEqualTo(Token.terms(index, "oublie"));
        assertThat(Token.terms(index, "réseau")).isEqualTo(Token.terms(index, "reseau"));
        assertThat(Token.terms(exact, "Mot de passe oublié")).containsExactly("mot", "de", "passe", "oublie");
    }

    @Test
    void french_stemsPluralsAndFeminines() {
        assertThat(Token.terms(index, "imprimantes")).isEqualTo(Token.terms(index, "imprimante"));
        assertThat(Token.terms(index, "connectée")).isEqualTo(Token.terms(index, "connecté"));
        assertThat(Token.terms(index, "connectées")).isEqualTo(Token.terms(index, "connecte"));
    }

    @Test
    void french_query_dropsStopwordsWhenAnotherTermRemains() {
        assertThat(Token.terms(query, "L'imprimante ne s'allume pas"))
                .isEqualTo(Token.terms(index, "imprimante allume"));
        // "à" typed without its accent is still a stopword.
        assertThat(Token.terms(query, "accès a la messagerie")).isEqualTo(Token.terms(query, "accès à la messagerie"));
        // Only stopwords: all kept, so that the query still searches.
        assertThat(Token.terms(query, "ne pas")).hasSize(2);
    }

    @Test
    void french_index_keepsStopwords() {
        assertThat(Token.terms(exact, "ne pas")).containsExactly("ne", "pas");
    }

    @Test
    void french_learnsNoCompounds() {
        assertThat(KbLanguages.of(Locale.FRENCH).orElseThrow().learnsCompounds())
                .isFalse();
        assertThat(KbLanguages.of(Locale.GERMAN).orElseThrow().learnsCompounds())
                .isTrue();
        assertThat(KbLanguages.of(Locale.ENGLISH).orElseThrow().learnsCompounds())
                .isFalse();
    }
}
