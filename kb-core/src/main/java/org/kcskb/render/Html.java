package org.kcskb.render;

import java.util.Objects;

/**
 * Escapes text for HTML: the one escaper of the library, for element content and for attribute values in double or
 * single quotes. Stateless and thread-safe.
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
}
