package org.kcskb.index.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.kcskb.vocabulary.Vocabulary;

class VocabularyMatcherTest {
    private static final Vocabulary RULES = Vocabulary.parse("t", Locale.GERMAN, """
            beamer, projektor, videoprojektor
            ap => access point, wlan zugangspunkt
            """);

    /** Words as typed: lower case, split at spaces (the suggestions' normal form, simplified). */
    private static List<String> words(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("\\s+"))
                .filter(w -> !w.isEmpty())
                .toList();
    }

    private static final VocabularyMatcher MATCHER =
            VocabularyMatcher.compile(RULES, Locale.GERMAN, VocabularyMatcherTest::words);

    @Test
    void rewrites_replaceEachMatchedSpanByEachAlternative_keepingTheOtherWords() {
        assertThat(MATCHER.rewrites(words("ap blinkt rot"), 8))
                .containsExactly(words("access point blinkt rot"), words("wlan zugangspunkt blinkt rot"));
        assertThat(MATCHER.rewrites(words("der beamer"), 8))
                .containsExactly(words("der projektor"), words("der videoprojektor"));
    }

    @Test
    void rewrites_ofSeveralSpans_replaceOneAtATime_thenAllByTheirFirstAlternative() {
        assertThat(MATCHER.rewrites(words("beamer ap"), 8))
                .containsExactly(
                        words("projektor ap"),
                        words("videoprojektor ap"),
                        words("beamer access point"),
                        words("beamer wlan zugangspunkt"),
                        words("projektor access point"));
        assertThat(MATCHER.rewrites(words("beamer ap"), 3)).hasSize(3);
    }

    @Test
    void rewrites_areNone_withoutAMatch_andAnExpansionIsOneWay() {
        assertThat(MATCHER.rewrites(words("drucker blinkt"), 8)).isEmpty();
        assertThat(MATCHER.rewrites(words("access point"), 8)).isEmpty();
        assertThat(VocabularyMatcher.empty().rewrites(words("beamer"), 8)).isEmpty();
        assertThatThrownBy(() -> MATCHER.rewrites(words("beamer"), 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
