package org.kcskb.index.analysis;

import java.io.IOException;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Spells out umlauts and ß the way German writes them without them: ä as ae, ö as oe, ü as ue, ß as ss, and a, o
 * or u followed by a combining diaeresis (U+0308, text that is not NFC) likewise. Runs on lower-cased text. Not
 * thread-safe, like every token stream.
 *
 * <p>Why not fold umlauts to their base letter, as Lucene's {@code GermanNormalizationFilter} does: German keeps
 * words apart by their umlaut alone ("drücken" press, "drucken" print; "zählen" count, "zahlen" pay; "schön",
 * "schon"; "Bär", "Bar"), and after folding and stemming a search for "Drucker" found every article saying "Drücken
 * Sie". Spelled out, "Drücken" and the typed "druecken" are one word and "drucken" another. A query that leaves out
 * an umlaut ("kundigung") finds the umlaut's word through typo correction (one edit: the missing "e"), which only
 * corrects a word that the articles the viewer may see do not have; search-as-you-type tries the umlauts when
 * nothing completes the letters as typed. Where the umlaut only inflects a word ("Ärzte", "schützen"), the stemmer
 * still conflates ({@link GermanStemFilter}).
 */
final class UmlautFilter extends TokenFilter {
    private static final char COMBINING_DIAERESIS = '\u0308';

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

    UmlautFilter(TokenStream input) {
        super(input);
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (!input.incrementToken()) {
            return false;
        }
        char[] buffer = term.buffer();
        int length = term.length();
        int extra = 0;
        for (int i = 0; i < length; i++) {
            switch (buffer[i]) {
                case 'ä', 'ö', 'ü', 'ß' -> extra++;
                default -> {}
            }
        }
        if (extra == 0 && indexOf(buffer, length, COMBINING_DIAERESIS) < 0) {
            return true;
        }
        // Rewrite from a copy into the (possibly grown) buffer: each umlaut becomes two letters.
        char[] source = new char[length];
        System.arraycopy(buffer, 0, source, 0, length);
        buffer = term.resizeBuffer(length + extra);
        int out = 0;
        for (int i = 0; i < length; i++) {
            char c = source[i];
            switch (c) {
                case 'ä' -> out = put(buffer, out, 'a', 'e');
                case 'ö' -> out = put(buffer, out, 'o', 'e');
                case 'ü' -> out = put(buffer, out, 'u', 'e');
                case 'ß' -> out = put(buffer, out, 's', 's');
                case COMBINING_DIAERESIS -> {
                    char base = out > 0 ? buffer[out - 1] : 0;
                    if (base == 'a' || base == 'o' || base == 'u') {
                        buffer[out++] = 'e';
                    }
                    // Over any other letter the mark is dropped, as ASCII folding would.
                }
                default -> buffer[out++] = c;
            }
        }
        term.setLength(out);
        return true;
    }

    private static int put(char[] buffer, int out, char first, char second) {
        buffer[out] = first;
        buffer[out + 1] = second;
        return out + 2;
    }

    private static int indexOf(char[] buffer, int length, char c) {
        for (int i = 0; i < length; i++) {
            if (buffer[i] == c) {
                return i;
            }
        }
        return -1;
    }
}
