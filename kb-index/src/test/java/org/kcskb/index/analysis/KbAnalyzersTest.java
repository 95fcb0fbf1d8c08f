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
    void german_umlautAndItsTranscription_giveOneTerm_andThePlainVowelAnother() {
        assertThat(Token.words(germanIndex, "Drücker")).containsExactly("drueck");
        assertThat(Token.words(germanIndex, "Druecker")).containsExactly("drueck");
        assertThat(Token.words(germanIndex, "Drucker")).containsExactly("druck");
        assertThat(Token.words(germanIndex, "Grüße")).isEqualTo(Token.words(germanIndex, "Gruesse"));
        assertThat(Token.words(germanIndex, "Änderung")).isEqualTo(Token.words(germanIndex, "Aenderung"));
        assertThat(Token.words(germanIndex, "Öffnen")).isEqualTo(Token.words(germanIndex, "Oeffnen"));
    }

    @Test
    void german_sharpSAndDoubleS_giveOneTerm() {
        assertThat(Token.words(germanIndex, "Straße")).isEqualTo(Token.words(germanIndex, "Strasse"));
        assertThat(Token.words(germanQuery, "STRASSE")).isEqualTo(Token.words(germanIndex, "straße"));
    }

    @Test
    void german_lightStemming_mapsSingularAndPluralToOneStem() {
        assertThat(Token.words(germanIndex, "Fehler Fehlern Treiber Treibern Drucker drucken"))
                .containsExactly("fehl", "fehl", "treib", "treib", "druck", "druck");
    }

    @Test
    void german_index_keepsStopwordsForQueriesMadeOnlyOfThem() {
        assertThat(Token.words(germanIndex, "Was kann ich tun")).containsExactly("was", "kann", "ich", "tun");
    }

    @Test
    void german_query_dropsStopwordsWhenAnotherTermRemains() {
        assertThat(Token.words(germanQuery, "Was kann ich tun?")).containsExactly("tun");
        assertThat(Token.words(germanQuery, "Drucker druckt nicht")).containsExactly("druck", "druckt");
    }

    @Test
    void german_query_keepsAllTermsWhenAllAreStopwords() {
        assertThat(Token.words(germanQuery, "Was ist das?")).containsExactly("was", "ist", "das");
    }

    @Test
    void german_query_treatsTranscribedStopwordAsStopword() {
        assertThat(Token.words(germanQuery, "Treiber fuer Drucker"))
                .isEqualTo(Token.words(germanQuery, "Treiber für Drucker"))
                .containsExactly("treib", "druck");
    }

    @Test
    void german_query_dropsStopwordsOfIndexedPositions() {
        assertThat(Token.all(germanQuery, "der Drucker"))
                .filteredOn(token -> !KbAnalyzers.isPrefix(token.term()))
                .extracting(Token::term, Token::position)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("druck", 1));
    }

    @Test
    void german_splitsCompoundsAtIndexAndQueryTime() {
        assertThat(Token.words(germanIndex, "Druckertreiberfehler"))
                .containsExactly("druckertreiberfehl", "druck", "treib", "fehl");
        assertThat(Token.words(germanQuery, "Druckertreiberfehler"))
                .containsExactly("druckertreiberfehl", "druck", "treib", "fehl");
    }

    @Test
    void german_addsFiveLetterPrefixOfLongWordsAtTheirPosition() {
        assertThat(Token.all(germanIndex, "Dezentralisierung dezentral Netz"))
                .extracting(Token::term, Token::position)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("dezentralisier", 0),
                        org.assertj.core.groups.Tuple.tuple("~dezen", 0),
                        org.assertj.core.groups.Tuple.tuple("dezentral", 1),
                        org.assertj.core.groups.Tuple.tuple("~dezen", 1),
                        org.assertj.core.groups.Tuple.tuple("netz", 2));
        assertThat(Token.terms(germanQuery, "Qualifizierung")).contains("~quali");
        assertThat(Token.terms(germanIndex, "qualifiziert")).contains("~quali");
    }

    @Test
    void german_prefix_onlyForLongPlainWords() {
        assertThat(Token.terms(germanIndex, "Fehler Drucker")).containsExactly("fehl", "druck", "~druck");
        assertThat(Token.terms(germanIndex, "Windows11 VPN-Client")).noneMatch(KbAnalyzers::isPrefix);
    }

    @Test
    void german_prefix_isNeverAWord() {
        assertThat(KbAnalyzers.isPrefix("~dezen")).isTrue();
        assertThat(KbAnalyzers.isPrefix("dezen")).isFalse();
        assertThat(KbAnalyzers.isPrefix("")).isFalse();
        assertThat(Token.terms(analyzers.exactIndex(Locale.GERMAN), "Dezentralisierung"))
                .containsExactly("dezentralisierung");
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
        assertThat(analyzers.index(Locale.ITALIAN)).isSameAs(analyzers.index(Locale.ROOT));
    }

    @Test
    void index_givesGermanChainToRegionalGerman() {
        assertThat(analyzers.index(Locale.forLanguageTag("de-CH"))).isSameAs(germanIndex);
        assertThat(analyzers.query(Locale.forLanguageTag("en-GB"))).isSameAs(englishQuery);
    }

    @Test
    void normalize_foldsWithoutStemmingForWildcardQueries() {
        assertThat(germanIndex.normalize("body", "Drücker*").utf8ToString()).isEqualTo("druecker*");
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
