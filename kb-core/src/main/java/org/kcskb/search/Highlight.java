package org.kcskb.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.kcskb.render.Html;

/**
 * Text with the parts that matched a query, as structure: the plain text and the character ranges to emphasise.
 * For clients that do not render HTML (an agent desktop's native list, a chat bot, a JSON API that leaves the markup
 * to its front end); pages can use {@link #toHtml()} or the engines' ready-made HTML ({@link SearchHit#snippet()},
 * {@link Suggestion#highlighted()}), which this reads.
 *
 * <pre>
 * Highlight h = hit.highlight();                 // "Drucker druckt nicht", matches [0,7)
 * for (Highlight.Span span : h.matches()) {
 *     String matched = h.text().substring(span.start(), span.end());
 * }
 * String html = h.toHtml("&lt;em&gt;", "&lt;/em&gt;");     // escaped text, matches in &lt;em&gt;
 * </pre>
 *
 * @param text the plain text, unescaped
 * @param matches the matched ranges, sorted, not overlapping, within {@code text}
 */
public record Highlight(String text, List<Span> matches) {
    /**
     * One matched range of {@link Highlight#text()}.
     *
     * @param start the first character's index
     * @param end the index after the last character; greater than {@code start}
     */
    public record Span(int start, int end) {
        public Span {
            if (start < 0 || end <= start) {
                throw new IllegalArgumentException(
                        "a span needs 0 <= start < end, was [" + start + ", " + end + "); give non-empty ranges");
            }
        }
    }

    public Highlight {
        Objects.requireNonNull(text, "text");
        matches = List.copyOf(matches);
        int previousEnd = 0;
        for (Span span : matches) {
            if (span.start() < previousEnd || span.end() > text.length()) {
                throw new IllegalArgumentException("spans must be sorted, apart and within the text's " + text.length()
                        + " characters, was " + matches);
            }
            previousEnd = span.end();
        }
    }

    /** Returns text without matches. */
    public static Highlight plain(String text) {
        return new Highlight(text, List.of());
    }

    /**
     * Reads the HTML the engines produce for snippets and suggestions: escaped text with matches in {@code <mark>}
     * and {@code </mark>}. Character references are decoded; any other markup is kept as text.
     */
    public static Highlight fromHtml(String html) {
        Objects.requireNonNull(html, "html");
        var text = new StringBuilder(html.length());
        var matches = new ArrayList<Span>();
        int open = -1;
        int i = 0;
        while (i < html.length()) {
            char c = html.charAt(i);
            if (c == '<' && html.startsWith("<mark>", i)) {
                if (open < 0) {
                    open = text.length();
                }
                i += "<mark>".length();
            } else if (c == '<' && html.startsWith("</mark>", i)) {
                if (open >= 0 && text.length() > open) {
                    addMerged(matches, open, text.length());
                }
                open = -1;
                i += "</mark>".length();
            } else if (c == '&') {
                int semicolon = html.indexOf(';', i);
                int code = semicolon > i && semicolon - i <= 10 ? decode(html.substring(i + 1, semicolon)) : -1;
                if (code >= 0) {
                    text.appendCodePoint(code);
                    i = semicolon + 1;
                } else {
                    text.append(c);
                    i++;
                }
            } else {
                text.append(c);
                i++;
            }
        }
        if (open >= 0 && text.length() > open) {
            addMerged(matches, open, text.length());
        }
        return new Highlight(text.toString(), matches);
    }

    /**
     * Returns the text, HTML-escaped, with every match in {@code <mark>}: safe to put into a page as it is. Control
     * characters other than tab and line breaks show as spaces, as everywhere the library writes HTML.
     */
    public String toHtml() {
        return toHtml("<mark>", "</mark>");
    }

    /**
     * Returns the text, HTML-escaped, with every match between {@code open} and {@code close}, which are inserted
     * as they are (they are the caller's markup, for example {@code <em class="hit">} and {@code </em>}).
     */
    public String toHtml(String open, String close) {
        Objects.requireNonNull(open, "open");
        Objects.requireNonNull(close, "close");
        var out = new StringBuilder(text.length() + 16 * matches.size());
        int copied = 0;
        for (Span span : matches) {
            Html.escape(out, text, copied, span.start());
            out.append(open);
            Html.escape(out, text, span.start(), span.end());
            out.append(close);
            copied = span.end();
        }
        Html.escape(out, text, copied, text.length());
        return out.toString();
    }

    private static void addMerged(List<Span> matches, int start, int end) {
        if (!matches.isEmpty() && matches.getLast().end() == start) {
            Span last = matches.removeLast();
            matches.add(new Span(last.start(), end));
        } else {
            matches.add(new Span(start, end));
        }
    }

    /** The code point of a character reference's name ({@code amp}, {@code #39}, {@code #x27}), or -1. */
    private static int decode(String name) {
        switch (name) {
            case "amp":
                return '&';
            case "lt":
                return '<';
            case "gt":
                return '>';
            case "quot":
                return '"';
            case "apos":
                return '\'';
            case "nbsp":
                return 0xA0;
            default:
                break;
        }
        try {
            int code = name.startsWith("#x") || name.startsWith("#X")
                    ? Integer.parseInt(name.substring(2), 16)
                    : name.startsWith("#") ? Integer.parseInt(name.substring(1)) : -1;
            return Character.isValidCodePoint(code) ? code : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
