package org.kcskb.bench.relevance;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

/**
 * Puts a fixed number of deterministic typing errors into query texts, to measure robustness to typos.
 *
 * <p>Each edit picks a word of at least {@link #MIN_WORD_LENGTH} letters (a maximal run of letters; digits and
 * punctuation are kept) and swaps two adjacent letters, drops one, inserts one or replaces one. The first
 * letter of a word is never touched; inserted and replacing letters come from the word's own letters in lower
 * case. Shorter words are never changed; when no word is long enough, the remaining edits are skipped. Every
 * edit changes the text (a swap of two equal letters, or a replacement without another letter to choose,
 * becomes a drop).
 *
 * <p>The random choices are seeded from a fixed seed and the query id, so a query gets the same typos in every
 * run and on every JVM ({@link String#hashCode()} is specified). Immutable and thread-safe.
 */
final class Typos {
    /** Words shorter than this are never edited. */
    static final int MIN_WORD_LENGTH = 5;

    private static final long SEED = 0x6B62_7479_706F_73L;
    private static final long MIX = 0x9E37_79B9_7F4A_7C15L;

    private final int edits;

    Typos(int edits) {
        if (edits < 0) {
            throw new IllegalArgumentException("The number of typos must be 0 or more, was " + edits);
        }
        this.edits = edits;
    }

    int edits() {
        return edits;
    }

    /** Returns {@code text} with this many edits, the same every time for the same query id and text. */
    String apply(String queryId, String text) {
        if (edits == 0) {
            return text;
        }
        var random = new Random(SEED ^ (queryId.hashCode() * MIX));
        var chars = new StringBuilder(text);
        for (int i = 0; i < edits; i++) {
            List<int[]> words = longWords(chars);
            if (words.isEmpty()) {
                break;
            }
            int[] word = words.get(random.nextInt(words.size()));
            edit(chars, word[0], word[1], random);
        }
        return chars.toString();
    }

    /** Applies one edit to the word {@code [start, end)} of {@code chars}, keeping its first letter. */
    private static void edit(StringBuilder chars, int start, int end, Random random) {
        String alphabet = alphabet(chars, start, end);
        switch (random.nextInt(4)) {
            case 0 -> {
                var swappable = new ArrayList<Integer>();
                for (int i = start + 1; i + 1 < end; i++) {
                    if (chars.charAt(i) != chars.charAt(i + 1)) {
                        swappable.add(i);
                    }
                }
                if (swappable.isEmpty()) {
                    drop(chars, start, end, random);
                } else {
                    int i = swappable.get(random.nextInt(swappable.size()));
                    char c = chars.charAt(i);
                    chars.setCharAt(i, chars.charAt(i + 1));
                    chars.setCharAt(i + 1, c);
                }
            }
            case 1 -> drop(chars, start, end, random);
            case 2 -> {
                int at = start + 1 + random.nextInt(end - start);
                chars.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
            }
            default -> {
                int i = start + 1 + random.nextInt(end - start - 1);
                String others = alphabet.replace(String.valueOf(Character.toLowerCase(chars.charAt(i))), "");
                if (others.isEmpty()) {
                    drop(chars, start, end, random);
                } else {
                    chars.setCharAt(i, others.charAt(random.nextInt(others.length())));
                }
            }
        }
    }

    private static void drop(StringBuilder chars, int start, int end, Random random) {
        chars.deleteCharAt(start + 1 + random.nextInt(end - start - 1));
    }

    /** Returns the distinct lower-case letters of a word, sorted so that the choice is reproducible. */
    private static String alphabet(CharSequence chars, int start, int end) {
        var letters = new TreeSet<Character>();
        for (int i = start; i < end; i++) {
            letters.add(Character.toLowerCase(chars.charAt(i)));
        }
        var alphabet = new StringBuilder(letters.size());
        letters.forEach(alphabet::append);
        return alphabet.toString();
    }

    /** Returns {@code [start, end)} of every maximal run of at least {@link #MIN_WORD_LENGTH} letters. */
    private static List<int[]> longWords(CharSequence chars) {
        var words = new ArrayList<int[]>();
        int i = 0;
        while (i < chars.length()) {
            if (!Character.isLetter(chars.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < chars.length() && Character.isLetter(chars.charAt(i))) {
                i++;
            }
            if (i - start >= MIN_WORD_LENGTH) {
                words.add(new int[] {start, i});
            }
        }
        return words;
    }
}
