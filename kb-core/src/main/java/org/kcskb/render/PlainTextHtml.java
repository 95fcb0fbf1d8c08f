package org.kcskb.render;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plain text as HTML: paragraphs at blank lines, a paragraph's lines joined into one flow of sentences (the source's
 * hard wraps must not break a sentence), runs of {@code 1.}/{@code 1)} lines as a numbered list and of
 * {@code -}/{@code *} lines as a bulleted list, and web URLs as links. Everything else is escaped text.
 */
final class PlainTextHtml {
    private static final Pattern NUMBERED = Pattern.compile("\\s{0,3}(\\d{1,3})[.)]\\s+(\\S.*)");
    private static final Pattern BULLETED = Pattern.compile("\\s{0,3}[-*•]\\s+(\\S.*)");
    /** A web URL: http(s) or www., up to white space or a character that cannot stand in a URL unescaped. */
    private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?://|www\\.)[^\\s<>\"'`]+");

    private final LinkWriter links;

    PlainTextHtml(LinkWriter links) {
        this.links = links;
    }

    /** Writes a link: {@code href} is safe, {@code text} is unescaped. */
    @FunctionalInterface
    interface LinkWriter {
        void write(StringBuilder out, String href, String text);
    }

    private enum Kind {
        PARAGRAPH,
        NUMBERED,
        BULLETED
    }

    /** A paragraph or a list being collected: its kind, its first number, and its lines (one per item). */
    private static final class Run {
        final Kind kind;
        final int start;
        final List<StringBuilder> parts = new ArrayList<>();

        Run(Kind kind, int start) {
            this.kind = kind;
            this.start = start;
        }

        StringBuilder last() {
            return parts.getLast();
        }
    }

    String html(String text) {
        var out = new StringBuilder(text.length() + text.length() / 4);
        Run run = null;
        for (String line : text.split("\\R", -1)) {
            if (line.isBlank()) {
                write(run, out);
                run = null;
                continue;
            }
            Matcher numbered = NUMBERED.matcher(line);
            Matcher bulleted = BULLETED.matcher(line);
            if (numbered.matches()) {
                if (run == null || run.kind != Kind.NUMBERED) {
                    write(run, out);
                    run = new Run(Kind.NUMBERED, Integer.parseInt(numbered.group(1)));
                }
                run.parts.add(new StringBuilder(numbered.group(2).strip()));
            } else if (bulleted.matches()) {
                if (run == null || run.kind != Kind.BULLETED) {
                    write(run, out);
                    run = new Run(Kind.BULLETED, 1);
                }
                run.parts.add(new StringBuilder(bulleted.group(1).strip()));
            } else if (run != null && (run.kind == Kind.PARAGRAPH || continues(run.last(), line))) {
                run.last().append(' ').append(line.strip());
            } else {
                write(run, out);
                run = new Run(Kind.PARAGRAPH, 1);
                run.parts.add(new StringBuilder(line.strip()));
            }
        }
        write(run, out);
        return out.toString();
    }

    /**
     * Whether a line without a list marker goes on with the list item before it: when it is indented, or when the
     * item has not ended its sentence (a hard wrap). Otherwise it starts a paragraph after the list.
     */
    private static boolean continues(StringBuilder item, String line) {
        if (Character.isWhitespace(line.charAt(0))) {
            return true;
        }
        char end = item.charAt(item.length() - 1);
        return end != '.' && end != '!' && end != '?' && end != ':';
    }

    private void write(Run run, StringBuilder out) {
        if (run == null) {
            return;
        }
        switch (run.kind) {
            case PARAGRAPH -> {
                out.append("<p>");
                inline(run.last().toString(), out);
                out.append("</p>\n");
            }
            case NUMBERED, BULLETED -> {
                boolean numbered = run.kind == Kind.NUMBERED;
                out.append(numbered ? "<ol" : "<ul");
                if (numbered && run.start != 1) {
                    out.append(" start=\"").append(run.start).append('"');
                }
                out.append(">\n");
                for (StringBuilder item : run.parts) {
                    out.append("<li>");
                    inline(item.toString(), out);
                    out.append("</li>\n");
                }
                out.append(numbered ? "</ol>\n" : "</ul>\n");
            }
        }
    }

    /** Writes a line of text: escaped, with its web URLs as links. */
    private void inline(String text, StringBuilder out) {
        Matcher url = URL.matcher(text);
        int at = 0;
        while (url.find()) {
            int end = trimmedEnd(text, url.start(), url.end());
            String shown = text.substring(url.start(), end);
            String target = shown.regionMatches(true, 0, "www.", 0, 4) ? "https://" + shown : shown;
            var href = Links.safe(target);
            if (href.isEmpty() || end - url.start() <= 8) {
                continue;
            }
            out.append(Html.escape(text.substring(at, url.start())));
            links.write(out, href.get(), shown);
            at = end;
        }
        out.append(Html.escape(text.substring(at)));
    }

    /**
     * The end of a URL in running text: without the punctuation that closes the sentence or a parenthesis opened
     * before the URL ({@code "(see https://a.example/x)."}).
     */
    private static int trimmedEnd(String text, int start, int end) {
        while (end > start) {
            char c = text.charAt(end - 1);
            if (".,;:!?".indexOf(c) >= 0) {
                end--;
            } else if (c == ')' && count(text, start, end, '(') < count(text, start, end, ')')) {
                end--;
            } else {
                break;
            }
        }
        return end;
    }

    private static int count(String text, int start, int end, char c) {
        int n = 0;
        for (int i = start; i < end; i++) {
            n += text.charAt(i) == c ? 1 : 0;
        }
        return n;
    }
}
