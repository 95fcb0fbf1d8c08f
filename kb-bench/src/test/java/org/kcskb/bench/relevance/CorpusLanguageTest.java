package org.kcskb.bench.relevance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CorpusLanguageTest {
    @Test
    void detect_germanCorpus_isGermanByTheLibraryDetector() {
        var detection = CorpusLanguage.detect(List.of(
                new CorpusDocument(
                        "d1",
                        "Ab wann wird Kurzarbeitergeld gezahlt?",
                        "Die Auszahlung an die einzelnen Arbeitnehmer erfolgt zunächst durch den Arbeitgeber."),
                new CorpusDocument(
                        "d2",
                        "Schulen",
                        "Die Schulen bleiben bis zum Ende der Osterferien geschlossen, sagt das Land.")));

        assertThat(detection.language()).contains(Language.GERMAN);
        assertThat(detection.evidence()).startsWith("language detector: 2 of 2 sampled documents German");
    }

    @Test
    void detect_englishCorpus_isEnglish() {
        var detection = CorpusLanguage.detect(List.of(new CorpusDocument(
                "d1",
                "How do I delete my account?",
                "Open the settings page, choose the privacy tab and press the delete button at the bottom.")));

        assertThat(detection.language()).contains(Language.ENGLISH);
    }

    @Test
    void detect_noWords_isUndecided_andSaysWhy() {
        var detection = CorpusLanguage.detect(List.of(new CorpusDocument("d1", "", "2020 42 %")));

        assertThat(detection.language()).isEmpty();
        assertThat(detection.evidence()).contains("function words: 0 German, 0 English");
    }
}
