package org.kcskb.bench.relevance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class Bm25BaselineTest {
    @Test
    void search_german_findsStemmedWordsInTitleAndText() {
        try (var baseline = new Bm25Baseline(Language.GERMAN)) {
            baseline.index(List.of(
                    new CorpusDocument("d1", "Kurzarbeitergeld beantragen", "Die Agentur für Arbeit zahlt."),
                    new CorpusDocument("d2", "Schulen", "Die Schulen bleiben geschlossen."),
                    new CorpusDocument("d3", "", "Wann öffnen die Schulen wieder?")));

            assertThat(baseline.search("Wann öffnet die Schule?")).containsExactly("d3", "d2");
            assertThat(baseline.search("kurzarbeitergeld")).containsExactly("d1");
        }
    }

    @Test
    void search_onlyStopwords_findsNothing() {
        try (var baseline = new Bm25Baseline(Language.ENGLISH)) {
            baseline.index(List.of(new CorpusDocument("d1", "The printer", "It is not printing.")));

            assertThat(baseline.search("the is it")).isEmpty();
            assertThat(baseline.search("printing")).containsExactly("d1");
        }
    }

    @Test
    void search_querySyntax_isReadAsPlainWords() {
        try (var baseline = new Bm25Baseline(Language.ENGLISH)) {
            baseline.index(List.of(new CorpusDocument("d1", "Printer", "offline"), new CorpusDocument("d2", "", "x")));

            // As query syntax, "-offline" would exclude d1.
            assertThat(baseline.search("+printer -offline*")).containsExactly("d1");
        }
    }
}
