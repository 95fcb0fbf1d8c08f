package org.kcskb.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.kcskb.index.analysis.CompletionAnalyzer;
import org.kcskb.index.analysis.CompoundVocabulary;

class SuggestionTextTest {
    private static final CompletionAnalyzer ANALYZER = CompletionAnalyzer.create(CompoundVocabulary.create());

    @AfterAll
    static void close() {
        ANALYZER.close();
    }

    private static String highlight(String text, String typed) {
        return SuggestionText.highlight(
                text,
                SuggestionText.tokens(ANALYZER, CompletionAnalyzer.COMPOUNDS, text),
                SuggestionText.typedWords(ANALYZER, typed));
    }

    @Test
    void highlight_marksThePrefixAsWritten_whateverTheSpelling() {
        assertThat(highlight("Druecker streikt", "drü")).isEqualTo("<mark>Drue</mark>cker streikt");
        assertThat(highlight("Drücker streikt", "druec")).isEqualTo("<mark>Drüc</mark>ker streikt");
        assertThat(highlight("Drücker streikt", "drue")).isEqualTo("<mark>Drü</mark>cker streikt");
        assertThat(highlight("Drücker streikt", "dru")).isEqualTo("<mark>Drü</mark>cker streikt");
        assertThat(highlight("Dru\u0308cker streikt", "drue")).isEqualTo("<mark>Dru\u0308</mark>cker streikt");
        assertThat(highlight("Straße gesperrt", "strass")).isEqualTo("<mark>Straß</mark>e gesperrt");
        assertThat(highlight("Café öffnet", "cafe")).isEqualTo("<mark>Café</mark> öffnet");
        assertThat(highlight("Blue screen", "blu")).isEqualTo("<mark>Blu</mark>e screen");
    }

    @Test
    void highlight_marksCompoundPartsInsideTheWord() {
        assertThat(highlight("Druckertreiber neu installieren", "treib"))
                .isEqualTo("Drucker<mark>treib</mark>er neu installieren");
        assertThat(highlight("Druckertreiber neu installieren", "druckertr"))
                .isEqualTo("<mark>Druckertr</mark>eiber neu installieren");
    }

    @Test
    void highlight_escapesEveryCharacter_andMarksNothingUnmatched() {
        assertThat(highlight("a < b & 'c' \"d\"", "zz")).isEqualTo("a &lt; b &amp; &#39;c&#39; &quot;d&quot;");
        assertThat(highlight("<b>Fehler</b>", "fehl")).isEqualTo("&lt;b&gt;<mark>Fehl</mark>er&lt;/b&gt;");
    }

    @Test
    void typedWords_keepsTheEndOfLongInput_inNormalForm() {
        assertThat(SuggestionText.typedWords(ANALYZER, "Drücker  STRASSE-Karte"))
                .containsExactly("druecker", "strasse", "karte");
        String many = "eins zwei drei vier funf sechs sieben acht neun zehn elf zwolf";
        assertThat(SuggestionText.typedWords(ANALYZER, many))
                .hasSize(SuggestionText.MAX_TYPED_WORDS)
                .endsWith("zwolf");
        String longWord = "x".repeat(300) + " druck";
        assertThat(SuggestionText.typedWords(ANALYZER, longWord)).containsExactly("druck");
        assertThat(SuggestionText.typedWords(ANALYZER, "a".repeat(30)))
                .containsExactly("a".repeat(SuggestionText.MAX_PREFIX));
    }

    @Test
    void umlautVariants_putAnUmlautWhereALetterMayStandForOne_fewestFirst() {
        assertThat(SuggestionText.umlautVariants(List.of("kund"))).containsExactly(List.of("kuend"));
        assertThat(SuggestionText.umlautVariants(List.of("gross", "an")))
                .containsExactly(List.of("groess", "an"), List.of("gross", "aen"), List.of("groess", "aen"));
        // "ue" is typed already; "au", "eu" and "qu" hold no umlaut of u.
        assertThat(SuggestionText.umlautVariants(List.of("kuend", "bei"))).isEmpty();
        assertThat(SuggestionText.umlautVariants(List.of("haus"))).containsExactly(List.of("haeus"));
        assertThat(SuggestionText.umlautVariants(List.of("quell", "neu"))).isEmpty();
        // At most the first three letters: seven variants.
        assertThat(SuggestionText.umlautVariants(List.of("aaaaa")))
                .hasSize(7)
                .first()
                .isEqualTo(List.of("aeaaaa"));
    }

    @Test
    void prefixes_coverEveryWordAndPart_upToTheLimit() {
        var tokens = SuggestionText.tokens(ANALYZER, CompletionAnalyzer.COMPOUNDS, "Druckertreiber neu");
        assertThat(SuggestionText.prefixes(tokens)).contains("d", "druckertreiber", "t", "treiber", "n", "neu");
        assertThat(SuggestionText.firstWordPrefixes(tokens)).contains("druck").doesNotContain("treiber", "neu");
        assertThat(SuggestionText.key(tokens)).isEqualTo("druckertreiber neu");
        assertThat(SuggestionText.key(SuggestionText.tokens(ANALYZER, CompletionAnalyzer.WORDS, "DRÜCKERTREIBER  Neu")))
                .isEqualTo("drueckertreiber neu");
        assertThat(SuggestionText.prefixes(List.of(new SuggestionText.Token("x".repeat(40), 0, 40, false))))
                .hasSize(SuggestionText.MAX_PREFIX);
    }
}
