package org.kcskb.index.analysis;

import java.util.Map;

/**
 * An immutable word-to-frequency table over plain {@code a..z} words, looked up by slices of a {@code char[]}.
 * Thread-safe (immutable after construction).
 *
 * <p>It exists because the decompounder looks up hundreds of substrings per word: a {@code Map<String, Long>} would
 * allocate a string per probe. Keys live in one character pool, slots are open-addressed with linear probing, and a
 * bit set of every word's first four letters lets the decompounder skip start positions at which no word begins.
 */
final class FrequencyTable {
    /** Length of the prefixes in {@link #prefixBits}; equal to the shortest decompounding part. */
    static final int PREFIX = 4;

    private static final int ALPHABET = 26;

    static final char[] NO_SUFFIX = new char[0];

    private final char[] pool;
    private final int[] offsets;
    private final int[] lengths;
    private final long[] frequencies;
    /** Entry index + 1 per slot; 0 marks an empty slot. */
    private final int[] slots;

    private final int mask;
    private final long[] prefixBits;

    private FrequencyTable(int entries, int characters) {
        pool = new char[characters];
        offsets = new int[entries];
        lengths = new int[entries];
        frequencies = new long[entries];
        int capacity = Integer.highestOneBit(Math.max(4, entries * 2 - 1)) << 1;
        slots = new int[capacity];
        mask = capacity - 1;
        int prefixes = ALPHABET * ALPHABET * ALPHABET * ALPHABET;
        prefixBits = new long[(prefixes + 63) >>> 6];
    }

    /**
     * Builds a table from plain {@code a..z} words with positive frequencies; the caller filters and passes a map
     * that no longer changes.
     */
    static FrequencyTable of(Map<String, Long> words) {
        int characters = 0;
        for (String word : words.keySet()) {
            characters += word.length();
        }
        FrequencyTable table = new FrequencyTable(words.size(), characters);
        int entry = 0;
        int offset = 0;
        for (Map.Entry<String, Long> e : words.entrySet()) {
            String word = e.getKey();
            word.getChars(0, word.length(), table.pool, offset);
            table.insert(entry++, offset, word.length(), e.getValue());
            offset += word.length();
        }
        return table;
    }

    private void insert(int entry, int offset, int length, long frequency) {
        offsets[entry] = offset;
        lengths[entry] = length;
        frequencies[entry] = frequency;
        int slot = hash(pool, offset, length, NO_SUFFIX) & mask;
        while (slots[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        slots[slot] = entry + 1;
        if (length >= PREFIX) {
            int prefix = prefixCode(pool, offset);
            prefixBits[prefix >>> 6] |= 1L << prefix;
        }
    }

    /** Returns the number of words in the table. */
    int size() {
        return offsets.length;
    }

    /** Returns the frequency of {@code buffer[offset, offset + length)}, 0 when unknown. */
    long frequency(char[] buffer, int offset, int length) {
        return frequency(buffer, offset, length, NO_SUFFIX);
    }

    /**
     * Returns the frequency of {@code buffer[offset, offset + length)} followed by {@code suffix}; 0 when unknown.
     * The decompounder probes "anmelde" + "n" this way without building strings.
     */
    long frequency(char[] buffer, int offset, int length, char[] suffix) {
        int total = length + suffix.length;
        int slot = hash(buffer, offset, length, suffix) & mask;
        while (true) {
            int entry = slots[slot] - 1;
            if (entry < 0) {
                return 0;
            }
            if (lengths[entry] == total && equals(entry, buffer, offset, length, suffix)) {
                return frequencies[entry];
            }
            slot = (slot + 1) & mask;
        }
    }

    /**
     * Returns whether some word starts with the four letters at {@code buffer[offset]}; the caller guarantees plain
     * letters are there.
     */
    boolean hasPrefix(char[] buffer, int offset) {
        int prefix = prefixCode(buffer, offset);
        return (prefixBits[prefix >>> 6] & (1L << prefix)) != 0;
    }

    private boolean equals(int entry, char[] buffer, int offset, int length, char[] suffix) {
        int at = offsets[entry];
        for (int i = 0; i < length; i++) {
            if (pool[at++] != buffer[offset + i]) {
                return false;
            }
        }
        for (char c : suffix) {
            if (pool[at++] != c) {
                return false;
            }
        }
        return true;
    }

    private static int prefixCode(char[] buffer, int offset) {
        int code = 0;
        for (int i = 0; i < PREFIX; i++) {
            code = code * ALPHABET + (buffer[offset + i] - 'a');
        }
        return code;
    }

    private static int hash(char[] buffer, int offset, int length, char[] suffix) {
        int h = 0;
        for (int i = offset, end = offset + length; i < end; i++) {
            h = 31 * h + buffer[i];
        }
        for (char c : suffix) {
            h = 31 * h + c;
        }
        // Spread the bits: the low bits of a polynomial hash of short words cluster.
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
