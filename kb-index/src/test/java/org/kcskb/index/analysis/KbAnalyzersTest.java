package org.kcskb.index.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import org.apache.lucene.analysis.Analyzer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KbAnalyzersTest {
    private final KbAnalyzers analyzers = KbAnalyzers.create(CompoundVocabulary.create());
    private final Analyzer germanIndex = analyzers.index(Locale.GERMAN);
    private final Analyzer germanQuery = analyzers.query(Locale.GERMAN);
    private final Analyzer englishIndex = analyzers.index(Locale.ENGLISH);
    private final Analyzer englishQuery = analyzers.query(Locale.ENGLISH);

    @AfterEach
    void close() {
        analyzers.close();
    }

    @Test
    void german_umlautAndItsTranscriptionAndPlainVowel_giveOneTerm() {
        assertThat(Token.terms(germanIndex, "Drücker")).containsExactly("druck");
        assertThat(Token.terms(germanIndex, "Druecker")).containsExactly("druck");
        assertThat(Token.terms(germanIndex, "Drucker")).containsExactly("druck");
        assertThat(Token.terms(germanIndex, "Grüße")).isEqualTo(Token.terms(germanIndex, "Gruesse"));
        assertThat(Token.terms(germanIndex, "Änderung")).isEqualTo(Token.terms(germanIndex, "Aenderung"));
        assertThat(Token.terms(germanIndex, "Öffnen")).isEqualTo(Token.terms(germanIndex, "Oeffnen"));
    }

    @Test
    void german_sharpSAndDoubleS_giveOneTerm() {
        assertThat(Token.terms(germanIndex, "Straße")).isEqualTo(Token.terms(germanIndex, "Strasse"));
        assertThat(Token.terms(germanQuery, "STRASSE")).isEqualTo(Token.terms(germanIndex, "straße"));
    }

    @Test
    void german_lightStemming_mapsSingularAndPluralToOneStem() {
        assertThat(Token.terms(germanIndex, "Fehler Fehlern Treiber Treibern Drucker drucken"))
                .containsExactly("fehl", "fehl", "treib", "treib", "druck", "druck");
    }

    @Test
    void german_index_keepsStopwordsForQueriesMadeOnlyOfThem() {
        assertThat(Token.terms(germanIndex, "Was kann ich tun")).containsExactly("was", "kann", "ich", "tun");
    }

    @Test
    void german_query_dropsStopwordsWhenAnotherTermRemains() {
        assertThat(Token.terms(germanQuery, "Was kann ich tun?")).containsExactly("tun");
        assertThat(Token.terms(germanQuery, "Drucker druckt nicht")).containsExactly("druck", "druckt");
    }

    @Test
    void german_query_keepsAllTermsWhenAllAreStopwords() {
        assertThat(Token.terms(germanQuery, "Was ist das?")).containsExactly("was", "ist", "das");
    }

    @Test
    void german_query_treatsTranscribedStopwordAsStopword() {
        assertThat(Token.terms(germanQuery, "Treiber fuer Drucker"))
                .isEqualTo(Token.terms(germanQuery, "Treiber für Drucker"))
                .containsExactly("treib", "druck");
    }

    @Test
    void german_query_dropsStopwordsOfIndexedPositions() {
        assertThat(Token.all(germanQuery, "der Drucker"))
                .extracting(Token::term, Token::position)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("druck", 1));
    }

    @Test
    void german_splitsCompoundsAtIndexAndQueryTime() {
        assertThat(Token.terms(germanIndex, "Druckertreiberfehler"))
                .containsExactly("druckertreiberfehl", "druck", "treib", "fehl");
        assertThat(Token.terms(germanQuery, "Druckertreiberfehler"))
                .containsExactly("druckertreiberfehl", "druck", "treib", "fehl");
    }

    @Test
    void english_possessiveAndPluralAndCase_areRemoved() {
        assertThat(Token.terms(englishIndex, "Printer's Drivers")).containsExactly("printer", "driver");
    }

    @Test
    void english_porterStemming_conflatesVerbAndNoun() {
        assertThat(Token.terms(englishIndex, "installation configuration"))
                .isEqualTo(Token.terms(englishQuery, "install configure"));
    }

    @Test
    void english_query_keepsLoneStopword() {
        assertThat(Token.terms(englishQuery, "the")).containsExactly("the");
        assertThat(Token.terms(englishIndex, "the")).containsExactly("the");
    }

    @Test
    void english_query_dropsQuestionWordsAroundContent() {
        assertThat(Token.terms(englishQuery, "how to reset password")).containsExactly("reset", "password");
        assertThat(Token.terms(englishQuery, "How do I change my password?")).containsExactly("chang", "password");
    }

    @Test
    void neutral_foldsCaseAndAccentsWithoutStemmingOrStopwords() {
        Analyzer neutral = analyzers.index(Locale.ROOT);

        assertThat(Token.terms(neutral, "Les Imprimantes du Café")).containsExactly("les", "imprimantes", "du", "cafe");
        assertThat(analyzers.query(Locale.ROOT)).isSameAs(neutral);
    }

    @Test
    void index_givesNeutralAnalyzerToLanguagesWithoutOwnChain() {
        assertThat(analyzers.index(Locale.FRENCH)).isSameAs(analyzers.index(Locale.ROOT));
    }

    @Test
    void index_givesGermanChainToRegionalGerman() {
        assertThat(analyzers.index(Locale.forLanguageTag("de-CH"))).isSameAs(germanIndex);
        assertThat(analyzers.query(Locale.forLanguageTag("en-GB"))).isSameAs(englishQuery);
    }

    @Test
    void normalize_foldsWithoutStemmingForWildcardQueries() {
        assertThat(germanIndex.normalize("body", "Drücker*").utf8ToString()).isEqualTo("drucker*");
        assertThat(englishIndex.normalize("body", "Café").utf8ToString()).isEqualTo("cafe");
    }

    @Test
    void index_afterClose_isRefused() {
        analyzers.close();

        assertThatThrownBy(() -> analyzers.index(Locale.GERMAN))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }
}
