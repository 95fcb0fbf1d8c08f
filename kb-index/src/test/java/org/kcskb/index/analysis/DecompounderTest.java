package org.kcskb.index.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.junit.jupiter.api.Test;

class DecompounderTest {
    private static CompoundVocabulary.Snapshot vocabulary(Map<String, Integer> words) {
        CompoundVocabulary vocabulary = CompoundVocabulary.empty();
        words.forEach(vocabulary::add);
        return vocabulary.snapshot();
    }

    /** An analyzer that splits compounds with a published vocabulary of {@code words} and their counts. */
    private static Analyzer decompounding(Map<String, Integer> words) {
        CompoundVocabulary vocabulary = CompoundVocabulary.empty();
        words.forEach(vocabulary::add);
        vocabulary.snapshot();
        return Token.germanNormalFormThen(stream -> new DecompoundFilter(stream, vocabulary));
    }

    private final CompoundVocabulary.Snapshot seeded =
            CompoundVocabulary.create().snapshot();

    @Test
    void split_findsEveryPartOfLongCompound() {
        assertThat(seeded.split("Druckertreiberfehler")).containsExactly("drucker", "treiber", "fehler");
        assertThat(seeded.split("Druckerproblem")).containsExactly("drucker", "problem");
        assertThat(seeded.split("Treiberfehler")).containsExactly("treiber", "fehler");
    }

    @Test
    void split_keepsCommonWordsWhole() {
        assertThat(seeded.split("Verbindung")).isEmpty();
        assertThat(seeded.split("Anmeldung")).isEmpty();
        assertThat(seeded.split("Einstellungen")).isEmpty();
        assertThat(seeded.split("Netzwerk")).isEmpty();
    }

    @Test
    void split_neverUsesPartsShorterThanFourLetters() {
        CompoundVocabulary.Snapshot snapshot = vocabulary(Map.of("ver", 1000, "bindung", 1000, "verbindung", 1));

        assertThat(snapshot.split("verbindung")).isEmpty();
    }

    @Test
    void split_neverUsesStopwordsAsParts() {
        CompoundVocabulary.Snapshot snapshot = vocabulary(Map.of("unter", 1000, "stützung", 1000));

        assertThat(snapshot.split("Unterstützung")).isEmpty();
    }

    @Test
    void split_keepsWordMoreFrequentThanItsParts() {
        CompoundVocabulary.Snapshot snapshot = vocabulary(Map.of("pass", 2, "wort", 3, "passwort", 50));

        assertThat(snapshot.split("passwort")).isEmpty();
    }

    @Test
    void split_splitsWordLessFrequentThanItsParts() {
        CompoundVocabulary.Snapshot snapshot = vocabulary(Map.of("pass", 200, "wort", 300, "passwort", 50));

        assertThat(snapshot.split("passwort")).containsExactly("pass", "wort");
    }

    @Test
    void split_keepsShortWordsWhole() {
        CompoundVocabulary.Snapshot snapshot = vocabulary(Map.of("haus", 100, "bau", 100, "baum", 100));

        assertThat(snapshot.split("hausbaum")).containsExactly("haus", "baum");
        assertThat(snapshot.split("hausbau")).isEmpty();
    }

    @Test
    void split_skipsLinkingElements() {
        CompoundVocabulary.Snapshot snapshot =
                vocabulary(Map.of("anmeldung", 10, "fehler", 10, "kunde", 10, "nummer", 10, "bund", 10, "land", 10));

        assertThat(snapshot.split("Anmeldungsfehler")).containsExactly("anmeldung", "fehler");
        assertThat(snapshot.split("Kundennummer")).containsExactly("kunde", "nummer");
        assertThat(snapshot.split("Bundesland")).containsExactly("bund", "land");
    }

    @Test
    void split_acceptsTruncatedVerbAsHead() {
        CompoundVocabulary.Snapshot snapshot =
                vocabulary(Map.of("anmelden", 10, "daten", 10, "suchen", 10, "feld", 10));

        assertThat(snapshot.split("Anmeldedaten")).containsExactly("anmelde", "daten");
        assertThat(snapshot.split("Suchfeld")).containsExactly("such", "feld");
    }

    @Test
    void split_prefersIntactHeadOverSomewhatMoreFrequentTruncatedOne() {
        CompoundVocabulary.Snapshot snapshot = vocabulary(Map.of("drucker", 10, "drucken", 15, "treiber", 10));

        assertThat(snapshot.split("Druckertreiber")).containsExactly("drucker", "treiber");
    }

    @Test
    void split_acceptsInflectedLastPart() {
        CompoundVocabulary.Snapshot snapshot = vocabulary(Map.of("drucker", 10, "problem", 10));

        assertThat(snapshot.split("Druckerproblemen")).containsExactly("drucker", "problemen");
    }

    @Test
    void split_restoresEDeletedByNormalFormAtTheSeam() {
        CompoundVocabulary.Snapshot snapshot = vocabulary(Map.of("konto", 10, "kamera", 10, "einstellungen", 10));

        assertThat(snapshot.split("Kontoeinstellungen")).containsExactly("konto", "einstellungen");
        assertThat(snapshot.split("Kameraeinstellungen")).containsExactly("kamera", "einstellungen");
    }

    @Test
    void split_prefersFewerParts_whenMoreDoNotScoreHigher() {
        CompoundVocabulary.Snapshot snapshot =
                vocabulary(Map.of("drucker", 10, "treiber", 10, "druckertreiber", 10, "fehler", 10));

        assertThat(snapshot.split("druckertreiberfehler")).containsExactly("druckertreiber", "fehler");
    }

    @Test
    void split_splitsPartsAgain_whenTheirOwnPartsAreMoreFrequent() {
        CompoundVocabulary.Snapshot snapshot =
                vocabulary(Map.of("drucker", 20, "treiber", 20, "druckertreiber", 10, "fehler", 10_000));

        assertThat(snapshot.split("druckertreiberfehler"))
                .containsExactly("druckertreiber", "drucker", "treiber", "fehler");
    }

    @Test
    void split_usesAtMostFourParts() {
        CompoundVocabulary.Snapshot snapshot =
                vocabulary(Map.of("haus", 10, "baum", 10, "garten", 10, "zaun", 10, "farbe", 10));

        assertThat(snapshot.split("hausbaumgartenzaun")).containsExactly("haus", "baum", "garten", "zaun");
        assertThat(snapshot.split("hausbaumgartenzaunfarbe")).isEmpty();
    }

    @Test
    void split_countsEveryInflectionOfTheLastPart() {
        // "tests" seen once, "test" ten times: the last part is the word "test", ten times and once.
        CompoundVocabulary.Snapshot snapshot = vocabulary(Map.of("boden", 2, "test", 10, "tests", 1, "bodentest", 2));

        assertThat(snapshot.split("Bodentests")).containsExactly("boden", "tests");
    }

    @Test
    void split_addsKnownLastPart_afterUnknownHead() {
        CompoundVocabulary.Snapshot snapshot = vocabulary(Map.of("rolle", 10, "weite", 4, "klasse", 5));

        assertThat(snapshot.split("Hauptrolle")).containsExactly("rolle");
        assertThat(snapshot.split("Spurweite")).containsExactly("weite");
        assertThat(snapshot.split("Wirkstoffklassen")).containsExactly("klassen");
    }

    @Test
    void split_addsNoLastPart_afterStopwordOrReadableHead() {
        CompoundVocabulary.Snapshot snapshot =
                vocabulary(Map.of("haus", 10, "baum", 10, "garten", 10, "zaun", 10, "farbe", 10, "nehmen", 50));

        assertThat(snapshot.split("Unternehmen")).isEmpty();
        assertThat(snapshot.split("hausbaumgartenzaunfarbe")).isEmpty();
    }

    @Test
    void split_addsNoShortLastPart_afterUnknownHead() {
        CompoundVocabulary.Snapshot snapshot = vocabulary(Map.of("ende", 100, "rate", 100));

        assertThat(snapshot.split("Vorsitzende")).isEmpty();
        assertThat(snapshot.split("Kriminalitatsrate")).isEmpty();
    }

    @Test
    void split_keepsKnownWordWhole_whenItIsMoreFrequentThanItsLastPart() {
        CompoundVocabulary.Snapshot snapshot = vocabulary(Map.of("abteilung", 10, "teilung", 4));

        assertThat(snapshot.split("Abteilung")).isEmpty();
    }

    @Test
    void split_leavesNumbersAndUnknownWordsAlone() {
        assertThat(seeded.split("windows11update")).isEmpty();
        assertThat(seeded.split("xyzzyplughfoobar")).isEmpty();
    }

    @Test
    void filter_addsPartsAtCompoundPositionWithItsOffsets() {
        Analyzer analyzer = decompounding(Map.of("treiber", 10, "fehler", 10));

        assertThat(Token.all(analyzer, "neuer Treiberfehler heute"))
                .extracting(Token::term, Token::position, Token::start, Token::end)
                .containsExactly(
                        tuple("neuer", 0, 0, 5),
                        tuple("treiberfehler", 1, 6, 19),
                        tuple("treiber", 1, 6, 19),
                        tuple("fehler", 1, 6, 19),
                        tuple("heute", 2, 20, 25));
    }

    @Test
    void filter_splitsAtASeamBetweenVowels_keepingTheE() {
        // The normal form once read this "oe" as an umlaut and dropped the "e"; it spells umlauts out instead.
        Analyzer analyzer = decompounding(Map.of("konto", 10, "einstellungen", 10));

        assertThat(Token.terms(analyzer, "Kontoeinstellungen"))
                .containsExactly("kontoeinstellungen", "konto", "einstellungen");
    }
}
