package org.kcskb.index.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.apache.lucene.analysis.Analyzer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** German umlauts: spelled out and kept apart from their base letter, through normal form and stemming. */
class UmlautTest {
    private final KbAnalyzers analyzers = KbAnalyzers.create(CompoundVocabulary.create());
    private final Analyzer germanIndex = analyzers.index(Locale.GERMAN);
    private final Analyzer germanQuery = analyzers.query(Locale.GERMAN);
    private final Analyzer germanExact = analyzers.exactIndex(Locale.GERMAN);

    @AfterEach
    void close() {
        analyzers.close();
    }

    @Test
    void normalForm_spellsUmlautsOut() {
        assertThat(GermanText.normalize("Drücken")).isEqualTo("druecken");
        assertThat(GermanText.normalize("ÄRGER")).isEqualTo("aerger");
        assertThat(GermanText.normalize("Größe")).isEqualTo("groesse");
        assertThat(GermanText.normalize("STRASSE")).isEqualTo(GermanText.normalize("Straße"));
        // Decomposed text (u followed by a combining diaeresis) is the same word.
        assertThat(GermanText.normalize("Dru\u0308cken")).isEqualTo("druecken");
        // Other accents are still folded.
        assertThat(GermanText.normalize("Café")).isEqualTo("cafe");
    }

    @Test
    void normalForm_leavesWrittenVowelPairsAlone() {
        // The old folding read every "ue" as an umlaut: "aktuell" became "aktull", "zuerst" "zurst".
        assertThat(GermanText.normalize("aktuell")).isEqualTo("aktuell");
        assertThat(GermanText.normalize("zuerst")).isEqualTo("zuerst");
        assertThat(GermanText.normalize("Quelle")).isEqualTo("quelle");
    }

    @ParameterizedTest(name = "{0} and {1} stay apart")
    @CsvSource({
        "drücken, Drucker",
        "Drücken, drucken",
        "zählen, zahlen",
        "schön, schon",
        "Bär, Bar",
        "Mütter, Mutter",
        "Zähler, Zahler",
        "fördern, fordern",
        "Hütte, Hutte",
    })
    void umlautAndPlainVowel_stayApart_inEveryChain(String umlaut, String plain) {
        // Words only: a long word's prefix folds umlauts, a backoff that never makes a hit alone.
        assertThat(Token.words(germanIndex, umlaut)).doesNotContainAnyElementsOf(Token.words(germanIndex, plain));
        assertThat(Token.words(germanQuery, plain)).doesNotContainAnyElementsOf(Token.words(germanIndex, umlaut));
        assertThat(Token.terms(germanExact, umlaut)).doesNotContainAnyElementsOf(Token.terms(germanExact, plain));
    }

    @ParameterizedTest(name = "{0} and {1} are one word")
    @CsvSource({
        "Kündigung, kuendigung",
        "Größe, groesse",
        "Drücken, druecken",
        "Änderungen, Aenderungen",
        "öffnen, oeffnen",
        "Straße, Strasse",
        "Grüße, Gruesse",
    })
    void umlautAndItsTranscription_areOneWord(String umlaut, String transcribed) {
        assertThat(Token.terms(germanIndex, transcribed)).isEqualTo(Token.terms(germanIndex, umlaut));
        assertThat(Token.terms(germanQuery, transcribed)).isEqualTo(Token.terms(germanQuery, umlaut));
        assertThat(Token.terms(germanExact, transcribed)).isEqualTo(Token.terms(germanExact, umlaut));
    }

    @Test
    void stemming_conflatesInflections_andKeepsTheUmlaut() {
        assertThat(Token.words(germanIndex, "Drucker Druckers drucken")).containsExactly("druck", "druck", "druck");
        assertThat(Token.words(germanIndex, "drücken Drücken drückt")).containsExactly("drueck", "drueck", "drueckt");
        assertThat(Token.words(germanIndex, "Fehler Fehlern Fehlers")).containsExactly("fehl", "fehl", "fehl");
        assertThat(Token.words(germanIndex, "Kündigung Kündigungen")).containsExactly("kuendig", "kuendig");
        assertThat(Token.words(germanIndex, "Gebäude Gebäuden")).containsExactly("gebaeud", "gebaeud");
    }

    @Test
    void compounds_withUmlauts_stillSplit() {
        assertThat(Token.words(germanIndex, "Druckertreiberfehler"))
                .containsExactly("druckertreiberfehl", "druck", "treib", "fehl");
        var vocabulary = Token.vocabulary("kündigung", "frist");
        try (var withUmlauts = KbAnalyzers.create(vocabulary)) {
            assertThat(Token.words(withUmlauts.index(Locale.GERMAN), "Kündigungsfrist"))
                    .contains("kuendig", "frist");
            assertThat(Token.words(withUmlauts.query(Locale.GERMAN), "Kuendigungsfrist"))
                    .isEqualTo(Token.words(withUmlauts.index(Locale.GERMAN), "Kündigungsfrist"));
        }
    }

    @Test
    void prefixesOfLongWords_foldTheUmlaut_asABackoffThatMakesNoHitAlone() {
        assertThat(Token.terms(germanIndex, "Gefährdung")).contains("~gefah");
        assertThat(Token.terms(germanIndex, "Gefahren")).contains("~gefah");
        assertThat(Token.terms(germanIndex, "Drückerei")).contains("~druck");
        // The "ue" of "Steuer" and "qu" is no umlaut.
        assertThat(Token.terms(germanIndex, "Steuererklärung")).contains("~steue");
        assertThat(Token.terms(germanIndex, "Quellen")).contains("~quell");
    }

    @Test
    void stopwords_areStopwordsWithUmlautTranscribedOrLeftOut() {
        assertThat(Token.words(germanQuery, "Treiber für Drucker"))
                .isEqualTo(Token.words(germanQuery, "Treiber fuer Drucker"))
                .isEqualTo(Token.words(germanQuery, "Treiber fur Drucker"))
                .containsExactly("treib", "druck");
    }

    @Test
    void stemFilter_keepsTheWordsSpellingOfTheStem() {
        assertThat(prefix("druecken", "druck")).isEqualTo("drueck");
        assertThat(prefix("gebaeude", "gebaud")).isEqualTo("gebaeud");
        assertThat(prefix("drucken", "druck")).isEqualTo("druck");
        assertThat(prefix("aktuell", "aktull")).isEqualTo("aktuell");
        // A stem that is no prefix of the word, even read with umlauts: none.
        assertThat(GermanStemFilter.prefixOf("druck".toCharArray(), 5, "drang".toCharArray(), 5))
                .isEqualTo(-1);
        assertThat(GermanStemFilter.prefixOf("dru".toCharArray(), 3, "druck".toCharArray(), 5))
                .isEqualTo(-1);
    }

    private static String prefix(String word, String stem) {
        int length = GermanStemFilter.prefixOf(word.toCharArray(), word.length(), stem.toCharArray(), stem.length());
        return length < 0 ? null : word.substring(0, length);
    }
}
