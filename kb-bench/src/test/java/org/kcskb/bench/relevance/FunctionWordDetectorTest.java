package org.kcskb.bench.relevance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FunctionWordDetectorTest {
    @Test
    void detect_germanFaq_isGerman() {
        var guess = FunctionWordDetector.detect(List.of(new CorpusDocument(
                "d1",
                "Wer zahlt das Kurzarbeitergeld?",
                "Die Auszahlung an die Arbeitnehmer erfolgt zunächst durch den Arbeitgeber und ist steuerfrei.")));

        assertThat(guess.language()).contains(Language.GERMAN);
        assertThat(guess.germanHits()).isEqualTo(6);
        assertThat(guess.englishHits()).isZero();
    }

    @Test
    void detect_englishFaq_isEnglish() {
        var guess = FunctionWordDetector.detect(List.of(new CorpusDocument(
                "d1", "How can I delete my account?", "Open the settings and choose delete; this is final.")));

        assertThat(guess.language()).contains(Language.ENGLISH);
    }

    @Test
    void detect_withoutFunctionWords_isUndecided() {
        var guess = FunctionWordDetector.detect(List.of(new CorpusDocument("d1", "COVID-19", "Kurzarbeit 2020")));

        assertThat(guess.language()).isEqualTo(Optional.empty());
    }

    @Test
    void detect_evenMix_isUndecided() {
        var guess = FunctionWordDetector.detect(
                List.of(new CorpusDocument("d1", "der die das", "the and is"), new CorpusDocument("d2", "", "und")));

        assertThat(guess.language()).isEmpty();
    }
}
