package org.kcskb.index.analysis;

import com.github.benmanes.caffeine.cache.Cache;
import java.util.Arrays;

/**
 * Splits a German compound in normal form into known words, after Koehn and Knight (2003), "Empirical Methods for
 * Compound Splitting". Not thread-safe: it holds scratch arrays; each {@link DecompoundFilter} owns one.
 *
 * <p>A split has 2 to {@value #MAX_PARTS} parts, each a word of the vocabulary with at least {@value #MIN_PART}
 * letters and not a stopword. Between parts a German linking element may stand (Anmeldung-s-fehler,
 * Kunde-n-nummer); a head may be a truncated word (Anmelde-daten from "anmelden", Such-feld from "suchen"), and the
 * last part may carry an inflection (Drucker-problem-en). Among all splits the one with the highest geometric mean of
 * part frequencies wins, and only if that mean exceeds the frequency of the whole word: frequent words stay whole, and
 * a nonsense split needs parts that are far more frequent than the word itself. Ties go to fewer parts. The parts of
 * the winning split are split again by the same rule, so a compound part that the corpus knows well still yields its
 * own parts when those are more frequent.
 *
 * <p>A compound whose head the vocabulary cannot read at all ("Hauptrolle": "haupt" hardly ever stands alone;
 * "Spurweite", "Wirkstoffklassen") still yields its last part, the word it is a kind of (see {@link #MIN_TAIL}).
 *
 * <p>The result is a list of character ranges of the input word: the caller copies parts out of its own buffer and
 * nothing is allocated per part. Results are cached in the {@link CompoundVocabulary.Snapshot} they were computed
 * from, shared by all threads.
 */
final class Decompounder {
    /**
     * The shortest part. Three would admit "ver", "ein", "aus" and split "verbindung"; four still finds "bild",
     * "netz", "hand", "post". Hyphenated short parts (VPN-Client) are split by the tokenizer anyway.
     */
    static final int MIN_PART = FrequencyTable.PREFIX;

    static final int MAX_PARTS = 4;
    /** Words shorter than two parts cannot be split; skipping them costs one comparison. */
    static final int MIN_WORD = 2 * MIN_PART;
    /** Longer tokens are identifiers, hashes or run-together garbage; the dynamic program is quadratic in length. */
    static final int MAX_WORD = 48;
    /** Bounds the parts added per word, recursive ones included. */
    static final int MAX_EMITTED = 8;

    static final int[] NO_SPLIT = new int[0];

    /**
     * The shortest last part taken after a head the vocabulary does not know. German compounds are right-headed: a
     * "Hauptrolle" is a "Rolle", "Wirkstoffklassen" are "Klassen", so the known last part is worth adding even when
     * the head is unknown. Five letters keep out the short words that end many non-compounds ("ende" in
     * "Vorsitzende", "rate", "haft"). Measured with the relevance harness (nDCG@10, with the other changes of this
     * version): xquadr-de 0.8359 to 0.8405 together with {@link #lastPartFrequency}; covidfaq-de unchanged.
     */
    static final int MIN_TAIL = 5;

    /** Linking elements (Fugenelemente) that may stand between two parts; the empty one first. */
    private static final char[][] LINKS = chars("", "s", "es", "n", "en", "er", "e");
    /** Endings a head may have lost: anmelde(n), such(en), schul(e). */
    private static final char[][] TRUNCATIONS = chars("n", "en", "e");
    /** Inflections the last part may carry beyond its dictionary form; longest first. */
    private static final char[][] INFLECTIONS = chars("ern", "en", "er", "es", "e", "n", "s");
    /**
     * A truncated head is a guess (every "xyz" + "en" could be a verb), so it counts half: an intact word of the same
     * frequency wins, and "druck" + er + "treiber" (from "drucken") loses against "drucker" + "treiber".
     */
    private static final double TRUNCATION_PENALTY = Math.log(2);

    private static final double NONE = Double.NEGATIVE_INFINITY;

    /** {@code best[i][k]}: the highest sum of log frequencies of {@code word[from + i, to)} split into k parts. */
    private final double[][] best = new double[MAX_WORD + 1][MAX_PARTS + 1];

    private final int[][] partEnd = new int[MAX_WORD + 1][MAX_PARTS + 1];
    private final int[][] nextStart = new int[MAX_WORD + 1][MAX_PARTS + 1];

    private FrequencyTable table;
    private Cache<String, int[]> cache;

    /** Switches to a vocabulary snapshot; called when a token stream is reset. */
    void use(CompoundVocabulary.Snapshot snapshot) {
        this.table = snapshot.table();
        this.cache = snapshot.splits();
    }

    /**
     * Returns the parts of {@code word[0, length)} as {@code [start, end)} pairs of offsets into the word, in reading
     * order with sub-parts after their part, or {@link #NO_SPLIT}. The array is shared: do not modify it.
     */
    int[] split(char[] word, int length) {
        // Cheap rejections first, so that short words and numbers never pay for the cache key.
        if (length < MIN_WORD || length > MAX_WORD || !GermanText.isPlainWord(word, 0, length)) {
            return NO_SPLIT;
        }
        String key = new String(word, 0, length);
        int[] parts = cache.getIfPresent(key);
        if (parts == null) {
            // No vocabulary word starts like this one: then only its last part can be known.
            parts = table.hasPrefix(word, 0) ? compute(word, 0, length) : NO_SPLIT;
            if (parts.length == 0) {
                parts = tail(word, length);
            }
            cache.put(key, parts);
        }
        return parts;
    }

    /**
     * Returns the longest known last part of at least {@value #MIN_TAIL} letters after an unreadable head (neither a
     * word nor a compound of words, at least {@value #MIN_PART} letters, not a stopword such as "unter" or "uber"),
     * with that part's own parts; or {@link #NO_SPLIT}. The head counts as a word seen once, so the split must beat
     * the whole word by the same geometric-mean rule as any other split.
     */
    private int[] tail(char[] word, int length) {
        long whole = lastPartFrequency(word, 0, length);
        for (int start = MIN_PART; start <= length - MIN_TAIL; start++) {
            if (!table.hasPrefix(word, start)) {
                continue;
            }
            long last = lastPartFrequency(word, start, length);
            if (last == 0 || Math.sqrt(last) <= whole) {
                continue;
            }
            if (GermanText.STOP_WORDS.contains(word, 0, start)
                    || headScore(word, 0, start) != NONE
                    || segment(word, 0, start) > 0) {
                return NO_SPLIT;
            }
            int[] sub = compute(word, start, length);
            int[] out = new int[2 + Math.min(sub.length, 2 * (MAX_EMITTED - 1))];
            out[0] = start;
            out[1] = length;
            System.arraycopy(sub, 0, out, 2, out.length - 2);
            return out;
        }
        return NO_SPLIT;
    }

    /** Splits {@code word[from, to)}; returns absolute offset pairs, or {@link #NO_SPLIT}. */
    private int[] compute(char[] word, int from, int to) {
        int parts = segment(word, from, to);
        if (parts == 0) {
            return NO_SPLIT;
        }
        // Copy the winning split out of the scratch arrays before recursing overwrites them.
        int[] ranges = new int[2 * parts];
        int start = from;
        for (int k = parts, r = 0; k > 0; k--) {
            int i = start - from;
            ranges[r++] = start;
            ranges[r++] = partEnd[i][k];
            start = nextStart[i][k];
        }
        int[] out = new int[2 * MAX_EMITTED];
        int emitted = 0;
        for (int r = 0; r < ranges.length && emitted < MAX_EMITTED; r += 2) {
            out[2 * emitted] = ranges[r];
            out[2 * emitted + 1] = ranges[r + 1];
            emitted++;
            int[] sub = compute(word, ranges[r], ranges[r + 1]);
            for (int s = 0; s < sub.length && emitted < MAX_EMITTED; s += 2) {
                out[2 * emitted] = sub[s];
                out[2 * emitted + 1] = sub[s + 1];
                emitted++;
            }
        }
        return Arrays.copyOf(out, 2 * emitted);
    }

    /**
     * Fills the dynamic program for {@code word[from, to)} from the right and returns the number of parts of the best
     * split, or 0 when no split beats the whole word.
     */
    private int segment(char[] word, int from, int to) {
        int length = to - from;
        if (length < MIN_WORD) {
            return 0;
        }
        for (int i = 0; i <= length; i++) {
            Arrays.fill(best[i], NONE);
        }
        for (int start = to - (MIN_PART - 1); start >= from; start--) {
            fillRow(word, from, to, start);
        }
        long whole = lastPartFrequency(word, from, to);
        double bar = whole > 0 ? Math.log(whole) : NONE;
        int chosen = 0;
        for (int k = 2; k <= MAX_PARTS; k++) {
            double sum = best[0][k];
            // Geometric mean, compared in log space; strictly greater, so fewer parts win ties.
            if (sum != NONE && sum / k > bar) {
                bar = sum / k;
                chosen = k;
            }
        }
        return chosen;
    }

    /** Computes the best splits of the text from {@code start} into 1..k parts. */
    private void fillRow(char[] word, int from, int to, int start) {
        int minEnd = start + MIN_PART;
        if (minEnd > to || !table.hasPrefix(word, start)) {
            return;
        }
        int i = start - from;
        double[] here = best[i];
        if (start > from) {
            long last = lastPartFrequency(word, start, to);
            if (last > 0) {
                here[1] = Math.log(last);
                partEnd[i][1] = to;
                nextStart[i][1] = to;
            }
        }
        // Longest heads first: on equal scores the split without a linking element wins.
        for (int end = to - (MIN_PART - 1); end >= minEnd; end--) {
            double head = headScore(word, start, end);
            if (head == NONE) {
                continue;
            }
            for (char[] link : LINKS) {
                int next = end + link.length;
                if (next > to - (MIN_PART - 1) || !matches(word, end, link)) {
                    continue;
                }
                if (next <= to - MIN_PART) {
                    extend(here, head, best[next - from], i, end, next);
                }
            }
        }
    }

    private void extend(double[] here, double head, double[] rest, int i, int end, int next) {
        for (int k = 2; k <= MAX_PARTS; k++) {
            if (rest[k - 1] != NONE && head + rest[k - 1] > here[k]) {
                here[k] = head + rest[k - 1];
                partEnd[i][k] = end;
                nextStart[i][k] = next;
            }
        }
    }

    /** Log frequency of a head, or {@link #NONE}: the word itself, else a truncated form at a penalty. */
    private double headScore(char[] word, int start, int end) {
        long direct = table.frequency(word, start, end - start);
        if (direct > 0) {
            return Math.log(direct);
        }
        long restored = 0;
        for (char[] ending : TRUNCATIONS) {
            restored = Math.max(restored, table.frequency(word, start, end - start, ending));
        }
        return restored > 0 ? Math.log(restored) - TRUNCATION_PENALTY : NONE;
    }

    /**
     * Frequency of a last part (or a whole word) as a word, in any of its inflections: the form itself plus its most
     * frequent form without an inflection. Counting only the form itself when it was seen made "Bodentests" (its
     * "tests" seen once, "test" ten times) lose against the whole word's borrowed "bodentest". Measured with the
     * relevance harness (nDCG@10): xquadr-de +0.0015, covidfaq-de -0.0007 (one query).
     */
    private long lastPartFrequency(char[] word, int start, int end) {
        long direct = table.frequency(word, start, end - start);
        long stripped = 0;
        for (char[] inflection : INFLECTIONS) {
            int stem = end - inflection.length;
            if (stem - start >= MIN_PART && matches(word, stem, inflection)) {
                stripped = Math.max(stripped, table.frequency(word, start, stem - start));
            }
        }
        return direct + stripped;
    }

    private static boolean matches(char[] word, int offset, char[] text) {
        for (int i = 0; i < text.length; i++) {
            if (word[offset + i] != text[i]) {
                return false;
            }
        }
        return true;
    }

    private static char[][] chars(String... texts) {
        char[][] result = new char[texts.length][];
        for (int i = 0; i < texts.length; i++) {
            result[i] = texts[i].toCharArray();
        }
        return result;
    }
}
