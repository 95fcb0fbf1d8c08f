package org.kcskb.search;

/**
 * The library's HTML escaping: what its snippets, suggestions and {@link Highlight#toHtml()} use, so that every piece
 * of HTML it hands out escapes the same characters the same way. Escapes {@code & < > " '}, which makes text safe
 * in element content and in quoted attribute values. Stateless.
 */
public final class Html {
    private Html() {}

    /** Returns {@code text} escaped. */
    public static String escape(CharSequence text) {
        var out = new StringBuilder(text.length() + 16);
        escape(out, text, 0, text.length());
        return out.toString();
    }

    /** Appends {@code text[from, to)} to {@code out}, escaped. */
    public static void escape(StringBuilder out, CharSequence text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
    }
}
