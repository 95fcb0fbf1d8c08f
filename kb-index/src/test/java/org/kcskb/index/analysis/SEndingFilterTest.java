package org.kcskb.index.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.lucene.analysis.Analyzer;
import org.junit.jupiter.api.Test;

class SEndingFilterTest {
    private static Analyzer analyzer(CompoundVocabulary vocabulary) {
        return Token.germanNormalFormThen(stream -> new SEndingFilter(stream, vocabulary));
    }

    @Test
    void dropsPluralAndGenitiveSAfterVowel_whenTheWordIsKnownWithoutIt() {
        Analyzer analyzer = analyzer(Token.vocabulary("Konto", "Handy", "Victoria", "Kamera"));

        assertThat(Token.terms(analyzer, "Kontos Handys Victorias Kameras"))
                .containsExactly("konto", "handy", "victoria", "kamera");
    }

    @Test
    void keepsS_whenTheRestIsUnknown() {
        Analyzer analyzer = analyzer(Token.vocabulary("Konto"));

        assertThat(Token.terms(analyzer, "Status Virus Fokus Kenias"))
                .containsExactly("status", "virus", "fokus", "kenias");
    }

    @Test
    void leavesEndingsToTheStemmer_whereSnowballRemovesThem() {
        Analyzer analyzer = analyzer(Token.vocabulary("Drucker", "Prozes", "Anschlus"));

        // Snowball removes the "s" of "Druckers" itself; "-ss" is no ending at all.
        assertThat(Token.terms(analyzer, "Druckers Prozess Anschluss"))
                .containsExactly("druckers", "prozess", "anschluss");
    }

    @Test
    void keepsNumbersAndWordsWithDigits() {
        Analyzer analyzer = analyzer(Token.vocabulary("Auto"));

        assertThat(Token.terms(analyzer, "Autos 1234s Auto4s")).containsExactly("auto", "1234s", "auto4s");
    }
}
