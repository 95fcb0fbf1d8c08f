package org.kcskb.index.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The German normal form of words, as the analysers write them, for code outside this package that must agree with
 * them (the OpenSearch engine's index settings, search-as-you-type): lower case, umlauts and ß spelled out ("Drücken"
 * is {@code druecken}, "Größe" {@code groesse}), other accents folded. Keeping the umlaut as "ae", "oe", "ue" keeps
 * "drücken" (press) apart from "drucken" (print). Thread-safe.
 */
public final class GermanNormalForm {
    /** How many letters of what was typed {@link #umlautVariants} tries as umlauts, at most. */
    public static final int MAX_UMLAUT_LETTERS = 3;

    private GermanNormalForm() {}

    /** Returns one word in normal form ({@code "Drücken"} gives {@code "druecken"}). */
    public static String word(String word) {
        return GermanText.normalize(word);
    }

    /**
     * Returns the German stopwords in normal form, and without their umlauts ("für", {@code fuer} and {@code fur}),
     * as the query analysers drop them.
     */
    public static Set<String> stopWords() {
        var words = new TreeSet<String>();
        for (Object word : GermanText.STOP_WORDS) {
            words.add(new String((char[]) word));
        }
        return Set.copyOf(words);
    }

    /**
     * Returns words in normal form again with umlauts where they were perhaps typed without ("kund" as {@code
     * kuend}, the normal form of "künd"), fewest umlauts first, at most {@link #MAX_UMLAUT_LETTERS} letters tried;
     * empty when no letter may stand for one. An "a", "o" or "u" may, unless an "e" already follows it, or the "u"
     * follows a vowel or "q" ("au", "eu", "qu"). For search-as-you-type, where a word typed without its umlaut
     * completes nothing.
     */
    public static List<List<String>> umlautVariants(List<String> words) {
        var letters = new ArrayList<int[]>(MAX_UMLAUT_LETTERS);
        for (int w = 0; w < words.size() && letters.size() < MAX_UMLAUT_LETTERS; w++) {
            String word = words.get(w);
            for (int i = 0; i < word.length() && letters.size() < MAX_UMLAUT_LETTERS; i++) {
                if (mayBeUmlaut(word, i)) {
                    letters.add(new int[] {w, i});
                }
            }
        }
        var variants = new ArrayList<List<String>>();
        for (int size = 1; size <= letters.size(); size++) {
            for (int subset = 1; subset < 1 << letters.size(); subset++) {
                if (Integer.bitCount(subset) != size) {
                    continue;
                }
                var variant = new ArrayList<String>(words.size());
                for (int w = 0; w < words.size(); w++) {
                    var word = new StringBuilder(words.get(w));
                    // From the end, so that an inserted "e" does not move the letters still to come.
                    for (int l = letters.size() - 1; l >= 0; l--) {
                        if ((subset & 1 << l) != 0 && letters.get(l)[0] == w) {
                            word.insert(letters.get(l)[1] + 1, 'e');
                        }
                    }
                    variant.add(word.toString());
                }
                variants.add(List.copyOf(variant));
            }
        }
        return List.copyOf(variants);
    }

    private static boolean mayBeUmlaut(String word, int i) {
        char c = word.charAt(i);
        if (c != 'a' && c != 'o' && c != 'u') {
            return false;
        }
        if (i + 1 < word.length() && word.charAt(i + 1) == 'e') {
            return false;
        }
        if (c == 'u' && i > 0) {
            switch (word.charAt(i - 1)) {
                case 'a', 'e', 'i', 'o', 'u', 'q' -> {
                    return false;
                }
                default -> {}
            }
        }
        return true;
    }
}
