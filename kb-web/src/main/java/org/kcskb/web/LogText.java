package org.kcskb.web;

/**
 * Makes text from a visitor safe to write into a log line or onto a terminal.
 *
 * <p>Line breaks would let a visitor forge log lines, ESC sequences would drive the operator's terminal, and bidi
 * controls would make a line read differently from what it holds; all of them, every other control or format
 * character and lone surrogates leave as backslash-u escapes. Long text is cut, so that one request cannot fill a log.
 */
final class LogText {
    /** The most characters of visitor text in one log line. */
    static final int MAX_LENGTH = 120;

    private LogText() {}

    static String escape(String text) {
        if (text == null) {
            return "(none)";
        }
        var out = new StringBuilder(Math.min(text.length(), MAX_LENGTH) + 16);
        int i = 0;
        for (; i < text.length() && out.length() < MAX_LENGTH; i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                int codePoint = text.codePointAt(i);
                if (isUnsafe(codePoint)) {
                    out.append(String.format("\\u%04x\\u%04x", (int) c, (int) text.charAt(i + 1)));
                } else {
                    out.append(c).append(text.charAt(i + 1));
                }
                i++;
            } else if (Character.isSurrogate(c) || isUnsafe(c) || c == '\\') {
                out.append(c == '\\' ? "\\\\" : String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (i < text.length()) {
            out.append("...(").append(text.length()).append(" chars)");
        }
        return out.toString();
    }

    private static boolean isUnsafe(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL,
                    Character.FORMAT,
                    Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR,
                    Character.PRIVATE_USE,
                    Character.UNASSIGNED -> true;
            default -> false;
        };
    }
}
