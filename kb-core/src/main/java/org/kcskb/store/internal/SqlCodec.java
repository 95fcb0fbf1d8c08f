package org.kcskb.store.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Encodes environment attributes and tags as one text column each, so that a revision is one row.
 *
 * <p>The format is one entry per line ({@code \n}); inside an entry a backslash is written {@code \\} and a line
 * feed {@code \n}, so that every value round-trips exactly, with any Unicode, carriage returns and line feeds.
 * Tags are one tag per line; attributes are {@code key=value} per line (keys cannot contain {@code =} or line
 * breaks, see {@link org.kcskb.article.Environment}). The empty collection is the empty string. The text stays
 * readable in SQL, for example {@code product=Acme Print\nversion=4.2}.
 */
final class SqlCodec {
    private SqlCodec() {}

    static String encodeTags(Iterable<String> tags) {
        var text = new StringBuilder();
        for (String tag : tags) {
            if (!text.isEmpty()) {
                text.append('\n');
            }
            escape(tag, text);
        }
        return text.toString();
    }

    static List<String> decodeTags(String text) {
        var tags = new ArrayList<String>();
        for (String line : lines(text)) {
            tags.add(unescape(line));
        }
        return tags;
    }

    static String encodeAttributes(Map<String, String> attributes) {
        var text = new StringBuilder();
        attributes.forEach((key, value) -> {
            if (!text.isEmpty()) {
                text.append('\n');
            }
            text.append(key).append('=');
            escape(value, text);
        });
        return text.toString();
    }

    /** The line {@link #encodeAttributes} writes for one attribute: how SQL finds an attribute in the column. */
    static String encodeAttribute(String key, String value) {
        var line = new StringBuilder(key).append('=');
        escape(value, line);
        return line.toString();
    }

    static Map<String, String> decodeAttributes(String text) {
        var attributes = new TreeMap<String, String>();
        for (String line : lines(text)) {
            int separator = line.indexOf('=');
            if (separator < 1) {
                throw new IllegalStateException("Corrupt environment attribute in the store: '" + line + "'");
            }
            attributes.put(line.substring(0, separator), unescape(line.substring(separator + 1)));
        }
        return attributes;
    }

    /** Splits on line feeds only; {@link String#lines()} would also split on carriage returns. */
    private static List<String> lines(String text) {
        var lines = new ArrayList<String>();
        if (text.isEmpty()) {
            return lines;
        }
        int start = 0;
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', start)) {
            lines.add(text.substring(start, i));
            start = i + 1;
        }
        lines.add(text.substring(start));
        return lines;
    }

    private static void escape(String value, StringBuilder out) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
    }

    private static String unescape(String value) {
        if (value.indexOf('\\') < 0) {
            return value;
        }
        var out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                char next = value.charAt(++i);
                out.append(next == 'n' ? '\n' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
