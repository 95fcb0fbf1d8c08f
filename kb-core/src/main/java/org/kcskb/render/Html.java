package org.kcskb.render;

import java.util.Objects;

/**
 * Escapes text for HTML: the one escaper of the library (article rendering, search snippets and highlights,
 * suggestions on every engine, the help site), for element content and for attribute values in double or single
 * quotes. Stateless and thread-safe.
 */
public final class Html {
    private Html() {}

    /**
     * Returns {@code text} with {@code &}, {@code <}, {@code >}, {@code "} and {@code '} as character references,
     * so that it reads as the same text in element content and in a quoted attribute value. Control characters other
     * than tab, line feed and carriage return, which no page should show, become spaces.
     */
    public static String escape(String text) {
        Objects.requireNonNull(text, "text");
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement =
                    switch (c) {
                        case '&' -> "&amp;";
                        case '<' -> "&lt;";
                        case '>' -> "&gt;";
                        case '"' -> "&quot;";
                        case '\'' -> "&#39;";
                        case '\t', '\n', '\r' -> null;
                        default -> Character.isISOControl(c) ? " " : null;
                    };
            if (replacement != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }

    /** Appends {@code text[from, to)} to {@code out}, escaped as {@link #escape(String)} does. */
    public static void escape(StringBuilder out, CharSequence text, int from, int to) {
        Objects.requireNonNull(out, "out");
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                case '\t', '\n', '\r' -> out.append(c);
                default -> out.append(Character.isISOControl(c) ? ' ' : c);
            }
        }
    }
}
