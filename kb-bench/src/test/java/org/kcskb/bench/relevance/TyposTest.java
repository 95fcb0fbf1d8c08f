package org.kcskb.bench.relevance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TyposTest {
    private static final String QUERY = "Wie lange dauert die Quarantäne, wenn ich Kontaktperson bin?";

    @Test
    void apply_zeroEdits_returnsTextUnchanged() {
        assertThat(new Typos(0).apply("q1", QUERY)).isEqualTo(QUERY);
    }

    @Test
    void apply_sameQueryIdAndText_givesSameResult_acrossInstances() {
        String first = new Typos(3).apply("deq0001", QUERY);
        String second = new Typos(3).apply("deq0001", QUERY);

        assertThat(first).isEqualTo(second).isNotEqualTo(QUERY);
    }

    @Test
    void apply_knownQuery_givesPinnedResult() {
        // Pins the sequence of random choices: if this changes, earlier --typos results are no longer comparable.
        assertThat(new Typos(2).apply("deq0001", QUERY))
                .isEqualTo("Wie lnage dauer die Quarantäne, wenn ich Kontaktperson bin?");
    }

    @Test
    void apply_oneEdit_alwaysChangesATextWithALongWord() {
        for (int i = 0; i < 500; i++) {
            assertThat(new Typos(1).apply("q" + i, "aaaaa bbbbb"))
                    .as("query q%d", i)
                    .isNotEqualTo("aaaaa bbbbb");
        }
    }

    @Test
    void apply_onlyShortWords_leavesTextUnchanged() {
        String text = "Wie geht es dir, Herr Abc? 12345 67";

        assertThat(new Typos(5).apply("q1", text)).isEqualTo(text);
    }

    @Test
    void apply_manyEdits_neverChangesShortWordsPunctuationOrFirstLetters() {
        long seed = new Random().nextLong();
        var random = new Random(seed);
        String[] vocabulary = {
            "ich",
            "Ab",
            "wann",
            "Kurzarbeitergeld",
            "gezahlt",
            "Drucker",
            "Quarantäne",
            "the",
            "printer",
            "driver",
            "x",
            "Hello",
            "12345",
            "COVID-19",
            "öffnen",
            "Straße"
        };
        String[] separators = {" ", ", ", "? ", " - ", "!", "  "};
        for (int n = 0; n < 300; n++) {
            var text = new StringBuilder();
            int words = 1 + random.nextInt(8);
            for (int w = 0; w < words; w++) {
                text.append(vocabulary[random.nextInt(vocabulary.length)])
                        .append(separators[random.nextInt(separators.length)]);
            }
            String original = text.toString();
            String edited = new Typos(1 + random.nextInt(6)).apply("q" + n, original);

            var before = runs(original);
            var after = runs(edited);
            assertThat(after)
                    .as("seed %d, text '%s' -> '%s'", seed, original, edited)
                    .hasSameSizeAs(before);
            for (int i = 0; i < before.size(); i++) {
                String b = before.get(i);
                String a = after.get(i);
                if (!Character.isLetter(b.charAt(0)) || b.length() < Typos.MIN_WORD_LENGTH) {
                    assertThat(a)
                            .as("seed %d, text '%s' -> '%s'", seed, original, edited)
                            .isEqualTo(b);
                } else {
                    assertThat(a.charAt(0))
                            .as("seed %d, first letter of '%s'", seed, b)
                            .isEqualTo(b.charAt(0));
                }
            }
        }
    }

    @Test
    void constructor_negativeEdits_isRejected() {
        assertThatThrownBy(() -> new Typos(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Splits text into maximal runs of letters and of non-letters. */
    private static List<String> runs(String text) {
        var runs = new ArrayList<String>();
        int i = 0;
        while (i < text.length()) {
            boolean letter = Character.isLetter(text.charAt(i));
            int start = i;
            while (i < text.length() && Character.isLetter(text.charAt(i)) == letter) {
                i++;
            }
            runs.add(text.substring(start, i));
        }
        return runs;
    }
}
