package org.kcskb.search.spi;

import java.time.Instant;

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
        return html.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#x27;", "'")
                .replace("&#39;", "'")
                .replace("&#x2F;", "/")
                .replace("&amp;", "&");
    }
}
