package org.kcskb.index.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.apache.lucene.analysis.Analyzer;
import org.junit.jupiter.api.Test;

class ZuInfinitiveFilterTest {
    private static Analyzer analyzer(CompoundVocabulary vocabulary) {
        return Token.germanNormalFormThen(stream -> new ZuInfinitiveFilter(stream, vocabulary));
    }

    @Test
    void dropsTheZuOfASeparableVerb_whenTheVerbIsKnown() {
        Analyzer analyzer = analyzer(Token.vocabulary("anmelden", "zurücksetzen", "herunterladen", "hinzufügen"));

        assertThat(Token.terms(analyzer, "anzumelden zurückzusetzen herunterzuladen hinzuzufügen"))
                .containsExactly("anmelden", "zuruecksetzen", "herunterladen", "hinzufuegen");
    }

    @Test
    void keepsTheWord_whenNoReadingIsKnown() {
        Analyzer analyzer = analyzer(Token.vocabulary("anmelden", "frieden"));

        assertThat(Token.terms(analyzer, "aufzuräumen unzufrieden Anzug Bezugsquellen"))
                .containsExactly("aufzuraeumen", "unzufrieden", "anzug", "bezugsquellen");
    }

    @Test
    void germanChain_findsTheNounOfTheVerb() {
        CompoundVocabulary vocabulary = Token.vocabulary("anmelden", "Anmeldung");
        try (KbAnalyzers analyzers = KbAnalyzers.create(vocabulary)) {
            assertThat(Token.words(analyzers.query(Locale.GERMAN), "anzumelden"))
                    .containsExactlyElementsOf(Token.words(analyzers.index(Locale.GERMAN), "anmelden"));
        }
    }
}
