package org.kcskb.index.analysis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;
import org.apache.lucene.util.ArrayUtil;
import org.kcskb.KbException;
import org.tartarus.snowball.ext.GermanStemmer;

/**
 * Stems German words in normal form ({@link GermanText}) with the Snowball German stemmer, but keeps their umlauts
 * spelled out: "druecken" (from "drücken") gives {@code drueck}, "drucken" gives {@code druck}. Keyword tokens are
 * left alone, as Lucene's {@code SnowballFilter} leaves them. Not thread-safe, like every token stream.
 *
 * <p>Snowball German reads "ae", "oe" and "ue" as umlauts (except in "qu" and where the u stands between vowels,
 * as in "bauen") and writes every umlaut back as its base letter, so on its own it makes "drücken" and "drucken" one
 * stem, and the normal form's distinction would be lost again. It only ever removes endings, so its stem is a prefix
 * of the word once the word's spelled-out umlauts are read as one letter: this filter walks the word and the stem
 * side by side, skipping the "e" of an umlaut wherever the stem has none, and keeps that prefix of the word as
 * written. A stem that does not line up (no known case) is kept as Snowball gave it.
 *
 * <p>What this costs: an umlaut plural or derivation no longer meets its base ("Häuser" and "Haus", "schützen" and
 * "Schutz"), since nothing in the letters tells "schützen" (from "Schutz") from "drücken" (not from "drucken"). The
 * common ones whose umlaut makes no other word are listed in {@value #FAMILIES_RESOURCE} and folded after all, and
 * the five-letter prefixes of long words fold umlauts ({@link PrefixFilter}), a backoff that never makes a hit alone.
 * Measured with the relevance harness (nDCG@10, covidfaq-de and xquadr-de; umlauts folded everywhere before: 0.3258
 * and 0.8385): umlauts kept apart 0.3154 and 0.8367, mostly "schützen" questions whose answers say "Schutz"; with
 * the list 0.3218 and 0.8378; with the list and folded prefixes 0.3257 and 0.8376; folded prefixes without the list
 * 0.3177. A folded stem as an extra backoff term of every word, instead of the list, gave 0.3174 and 0.8357.
 */
final class GermanStemFilter extends TokenFilter {
    /** In this package, as analysis data of its own: read once, when the first German chain is built. */
    static final String FAMILIES_RESOURCE = "umlaut-families-de.txt";

    /**
     * The umlaut-keeping stems that are folded to the plain vowel's stem after all ({@value #FAMILIES_RESOURCE}): the
     * stems of plurals and derivations whose umlaut makes no other word ("aerzt" of "Ärzte" to {@code arzt}).
     */
    private static final CharArraySet FAMILIES = families();

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final KeywordAttribute keyword = addAttribute(KeywordAttribute.class);
    private final GermanStemmer stemmer = new GermanStemmer();
    private char[] copy = new char[32];

    GermanStemFilter(TokenStream input) {
        super(input);
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (!input.incrementToken()) {
            return false;
        }
        if (keyword.isKeyword()) {
            return true;
        }
        char[] word = term.buffer();
        int length = term.length();
        // The stemmer works in the array it is given; it gets a copy, since the word is needed to align the stem.
        if (copy.length < length) {
            copy = new char[ArrayUtil.oversize(length, Character.BYTES)];
        }
        System.arraycopy(word, 0, copy, 0, length);
        stemmer.setCurrent(copy, length);
        stemmer.stem();
        char[] stem = stemmer.getCurrentBuffer();
        int stemLength = stemmer.getCurrentBufferLength();
        int kept = prefixOf(word, length, stem, stemLength);
        if (kept >= 0 && !FAMILIES.contains(word, 0, kept)) {
            term.setLength(kept);
        } else {
            term.copyBuffer(stem, 0, stemLength);
        }
        return true;
    }

    /**
     * The length of the prefix of {@code word} that spells {@code stem} with its umlauts spelled out, or -1 when
     * the stem is no such prefix.
     */
    static int prefixOf(char[] word, int length, char[] stem, int stemLength) {
        int i = 0;
        for (int j = 0; j < stemLength; ) {
            if (i >= length) {
                return -1;
            }
            if (word[i] == stem[j]) {
                i++;
                j++;
            } else if (word[i] == 'e' && i > 0 && isUmlautBase(word[i - 1])) {
                // The "e" of "ae", "oe", "ue", which Snowball read as part of an umlaut and folded away.
                i++;
            } else {
                return -1;
            }
        }
        return i;
    }

    private static CharArraySet families() {
        var stems = new CharArraySet(64, false);
        var stemmer = new GermanStemmer();
        try (InputStream in = GermanStemFilter.class.getResourceAsStream(FAMILIES_RESOURCE)) {
            if (in == null) {
                throw new KbException("The umlaut list " + FAMILIES_RESOURCE + " is missing from the class path of"
                        + " kb-index; rebuild the jar with its resources");
            }
            var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String written = line.strip();
                if (written.isEmpty() || written.startsWith("#")) {
                    continue;
                }
                char[] word = GermanText.normalize(written).toCharArray();
                stemmer.setCurrent(word.clone(), word.length);
                stemmer.stem();
                int kept = prefixOf(word, word.length, stemmer.getCurrentBuffer(), stemmer.getCurrentBufferLength());
                if (kept < 0) {
                    throw new KbException("The umlaut list " + FAMILIES_RESOURCE + " has '" + written
                            + "', whose stem does not line up with the word; remove it");
                }
                stems.add(new String(word, 0, kept));
            }
        } catch (IOException e) {
            throw new KbException("Cannot read the umlaut list " + FAMILIES_RESOURCE + ": " + e.getMessage(), e);
        }
        return CharArraySet.unmodifiableSet(stems);
    }

    private static boolean isUmlautBase(char c) {
        return c == 'a' || c == 'o' || c == 'u';
    }
}
