package org.kcskb.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.kcskb.article.TextFormat;

/**
 * Generated input, mostly assembled from the pieces of XSS attempts: whatever the text, the HTML holds only the
 * renderer's elements and attributes, no {@code <script}, no event handler, and no link outside the allowed schemes.
 */
class ArticleRendererPropertyTest {
    private static final Set<String> ELEMENTS = Set.of(
            "p",
            "br",
            "em",
            "strong",
            "code",
            "pre",
            "blockquote",
            "ul",
            "ol",
            "li",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "hr",
            "a",
            "table",
            "thead",
            "tbody",
            "tr",
            "th",
            "td",
            "dl",
            "dt",
            "dd");
    private static final Set<String> ATTRIBUTES = Set.of("href", "title", "rel", "target", "start", "align", "class");
    /** A tag as the renderer writes them: lower-case names, double-quoted values without {@code "}. */
    private static final Pattern TAG = Pattern.compile("<(/?)([a-z0-9]+)((?: [a-z]+=\"[^\"<>]*\")*) ?/?>");

    private static final Pattern ATTRIBUTE = Pattern.compile(" ([a-z]+)=\"([^\"]*)\"");

    private static final List<String> PIECES = List.of(
            "<script>alert(1)</script>",
            "<SCRIPT SRC=//x.example/x.js>",
            "<img src=x onerror=alert(1)>",
            "<a href=\"javascript:alert(1)\">",
            "<svg/onload=alert(1)>",
            "<iframe src=",
            "</p>",
            "<!-- x -->",
            "<![CDATA[",
            "javascript:",
            "JAVASCRIPT:",
            "java\tscript:",
            "java\nscript:",
            "&#106;avascript:",
            "&#x6A;avascript&#58;",
            "vbscript:",
            "data:text/html;base64,PHNjcmlwdD4=",
            "data:",
            "file:",
            "http://",
            "https://",
            "mailto:",
            "www.",
            "//",
            "\\\\",
            "a.example",
            "alert(1)",
            "\" onmouseover=\"",
            "' onfocus='",
            " onclick=",
            "onerror=",
            "[",
            "]",
            "(",
            ")",
            "](",
            "![",
            "<",
            ">",
            "\"",
            "'",
            "`",
            "```",
            "*",
            "**",
            "_",
            "#",
            "- ",
            "1. ",
            "2) ",
            "> ",
            "|",
            "| --- |",
            "\n",
            "\n\n",
            "  \n",
            "\\",
            "&",
            "&amp;",
            "&lt;",
            "&#60;",
            ":",
            "?",
            "=",
            " ",
            "text",
            "Ü",
            "\u0000",
            "\u200b",
            "\u00a0");

    @Provide
    Arbitrary<String> hostile() {
        Arbitrary<String> pieces = Arbitraries.of(PIECES);
        Arbitrary<String> any = Arbitraries.strings().ofMaxLength(6);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(8, pieces), net.jqwik.api.Tuple.of(1, any))
                .list()
                .ofMaxSize(40)
                .map(list -> String.join("", list));
    }

    @Property(tries = 1500)
    void markdown_neverYieldsScriptHandlersOrUnsafeLinks(@ForAll("hostile") String text) {
        check(ArticleRenderer.create().html(text, TextFormat.MARKDOWN), text);
    }

    @Property(tries = 1500)
    void plainText_neverYieldsScriptHandlersOrUnsafeLinks(@ForAll("hostile") String text) {
        check(ArticleRenderer.create().html(text, TextFormat.PLAIN), text);
    }

    @Property(tries = 500)
    void arbitraryText_neverYieldsScriptHandlersOrUnsafeLinks(@ForAll String text) {
        check(ArticleRenderer.create().html(text, TextFormat.MARKDOWN), text);
        check(ArticleRenderer.create().html(text, TextFormat.PLAIN), text);
    }

    private static void check(String html, String input) {
        String where = "input " + escapeJava(input) + " gave " + html;
        assertThat(html.toLowerCase(Locale.ROOT)).as(where).doesNotContain("<script");
        int at = 0;
        while ((at = html.indexOf('<', at)) >= 0) {
            Matcher tag = TAG.matcher(html).region(at, html.length());
            assertThat(tag.lookingAt())
                    .as(where + ": a tag of the renderer at " + at)
                    .isTrue();
            assertThat(ELEMENTS).as(where).contains(tag.group(2));
            Matcher attribute = ATTRIBUTE.matcher(tag.group(3));
            while (attribute.find()) {
                String name = attribute.group(1);
                assertThat(ATTRIBUTES).as(where + ": attribute " + name).contains(name);
                assertThat(name).as(where).doesNotStartWith("on");
                if (name.equals("href")) {
                    assertSafe(unescape(attribute.group(2)), where);
                }
            }
            at = tag.end();
        }
        assertThat(html).as(where + ": no stray '>'").doesNotContainPattern(">[^<]*>");
    }

    /** The scheme a browser would read, checked independently of {@link Links}. */
    private static void assertSafe(String href, String where) {
        String url = href.replaceAll("[\\x00-\\x20\\x7f]", "").toLowerCase(Locale.ROOT);
        int colon = url.indexOf(':');
        // A scheme is a letter followed by letters, digits, '+', '-' or '.' (WHATWG URL, RFC 3986): anything else
        // before the first colon ("%5cjavascript:", "./a:b") makes the reference relative.
        boolean relative = colon < 0 || !url.substring(0, colon).matches("[a-z][a-z0-9+.-]*");
        if (!relative) {
            assertThat(url).as(where + ": href " + href).matches("(https?|mailto):.+");
        }
        assertThat(url).as(where).doesNotStartWith("javascript:").doesNotStartWith("data:");
    }

    private static String unescape(String value) {
        return value.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&");
    }

    private static String escapeJava(String text) {
        var out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            out.append(c < ' ' || c > '~' ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return out.append('"').toString();
    }
}
