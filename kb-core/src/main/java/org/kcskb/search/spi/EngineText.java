package org.kcskb.search.spi;

import java.text.Normalizer;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import org.kcskb.search.Highlight;

/**
 * Small rules every search engine applies alike, so that engines answer the same input the same way: how a
 * query's text is cleaned before analysis, how a date filter's instants become milliseconds, and how a marked
 * snippet's text is read back. Stateless.
 */
public final class EngineText {
    private EngineText() {}

    /**
     * The text to search for: control and format characters (which no article holds, and which could forge log
     * lines or hide text) as spaces, leading and trailing white space removed. Blank for text of those only.
     */
    public static String sanitize(String text) {
        var clean = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            clean.append(Character.isISOControl(c) || Character.getType(c) == Character.FORMAT ? ' ' : c);
        }
        return clean.toString().strip();
    }

    /**
     * The distinct words of a text without an engine's analysis, in order of first appearance: lower-cased, accents
     * and umlaut dots removed, split at every character that is neither a letter nor a digit. What {@link
     * SearchEngine#words} answers by default, and how text is compared where no engine is at hand.
     */
    public static List<String> plainWords(String text) {
        String folded = Normalizer.normalize(text.toLowerCase(Locale.ROOT), Normalizer.Form.NFD)
                .replaceAll("\\p{M}+", "");
        var words = new LinkedHashSet<String>();
        for (String word : folded.split("[^\\p{L}\\p{N}]+")) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return List.copyOf(words);
    }

    /**
     * Milliseconds since the epoch, saturated: an instant beyond the range of a long (the far past or future a date
     * filter may name) filters as the end of that range, never as an arithmetic overflow.
     */
    public static long epochMillis(Instant instant) {
        try {
            return instant.toEpochMilli();
        } catch (ArithmeticException e) {
            return instant.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    /** Undoes the HTML escaping of a snippet (as engines and their highlighters write it), for text read back. */
    public static String unescapeHtml(String html) {
        return Highlight.fromHtml(html.replace("<mark>", "&lt;mark&gt;").replace("</mark>", "&lt;/mark&gt;"))
                .text();
    }
}
