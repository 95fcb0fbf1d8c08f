package org.kcskb.web;

import java.util.regex.Pattern;
import org.kcskb.render.Html;

/** Checks HTML from the knowledge base before it leaves the server: escaped text with {@code <mark>} only. */
final class SafeHtml {
    private static final Pattern MARK_TAGS = Pattern.compile("</?mark>");

    private SafeHtml() {}

    /**
     * Returns {@code html} if it is escaped text in which only {@code <mark>} and {@code </mark>} are tags (what
     * the knowledge base promises for snippets and suggestions); otherwise the same text with the marks removed and
     * everything escaped, so that nothing else can ever reach a page.
     */
    static String markedText(String html) {
        String withoutMarks = MARK_TAGS.matcher(html).replaceAll("");
        if (withoutMarks.indexOf('<') < 0 && withoutMarks.indexOf('>') < 0) {
            return html;
        }
        return escape(withoutMarks);
    }

    /** Escapes text for HTML element content and attribute values, with the library's one escaper. */
    static String escape(String text) {
        return Html.escape(text);
    }
}
