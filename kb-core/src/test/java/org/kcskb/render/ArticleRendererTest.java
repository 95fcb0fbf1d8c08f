package org.kcskb.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.Environment;
import org.kcskb.article.TextField;
import org.kcskb.article.TextFormat;

class ArticleRendererTest {
    private static final ArticleRenderer RENDERER = ArticleRenderer.create();

    private static String md(String text) {
        return RENDERER.html(text, TextFormat.MARKDOWN);
    }

    private static String plain(String text) {
        return RENDERER.html(text, TextFormat.PLAIN);
    }

    // ---- Markdown ----------------------------------------------------------------------------------------------

    @Test
    void markdown_headingsListsCodeAndLinks() {
        String html = md("""
                # Einrichten
                ## Vorher

                1. Treiber von der [Downloadseite](https://acme.example/dl) laden
                2. `setup.exe` *starten*

                - **wichtig**

                ```sh
                net stop spooler
                ```
                Mail an <support@acme.example> oder www.acme.example
                """);
        assertThat(html)
                .contains("<h3>Einrichten</h3>", "<h4>Vorher</h4>")
                .contains("<ol>\n<li>Treiber von der <a href=\"https://acme.example/dl\" rel=\"noopener nofollow\""
                        + " target=\"_blank\">Downloadseite</a> laden</li>")
                .contains("<li><code>setup.exe</code> <em>starten</em></li>")
                .contains("<ul>\n<li><strong>wichtig</strong></li>")
                .contains("<pre><code class=\"language-sh\">net stop spooler\n</code></pre>")
                .contains("<a href=\"mailto:support@acme.example\">support@acme.example</a>")
                .contains("<a href=\"http://www.acme.example\" rel=\"noopener nofollow\" target=\"_blank\">"
                        + "www.acme.example</a>");
    }

    @Test
    void markdown_tables() {
        String html = md("""
                | Modell | Treiber |
                |:-------|--------:|
                | P400   | [5.1](https://acme.example/5.1) |
                """);
        assertThat(html)
                .contains("<table>", "<thead>", "<th align=\"left\">Modell</th>", "<th align=\"right\">Treiber</th>")
                .contains("<tbody>", "<td align=\"left\">P400</td>")
                .contains("<td align=\"right\"><a href=\"https://acme.example/5.1\" rel=\"noopener nofollow\"")
                .doesNotContain("|");
    }

    @Test
    void markdown_softLineBreaks_joinSentences() {
        assertThat(md("Laden Sie den Treiber\nherunter.")).isEqualTo("<p>Laden Sie den Treiber herunter.</p>\n");
    }

    @Test
    void markdown_rawHtml_isShownAsText() {
        assertThat(md("<script>alert(1)</script>")).isEqualTo("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n");
        assertThat(md("Text <img src=x onerror=alert(1)> und <b onclick=\"x()\">fett</b>"))
                .doesNotContain("<img", "<b ")
                .contains("&lt;img src=x onerror=alert(1)&gt;", "&lt;b onclick=&quot;x()&quot;&gt;fett&lt;/b&gt;");
        assertThat(md("<div>\n<iframe src=\"https://evil.example\"></iframe>\n</div>"))
                .doesNotContain("<div", "<iframe")
                .contains("&lt;iframe");
    }

    @Test
    void markdown_unsafeSchemes_becomeText() {
        for (String target : List.of(
                "javascript:alert(1)",
                "JaVaScRiPt:alert(1)",
                "java\tscript:alert(1)",
                "&#106;avascript:alert(1)",
                "javascript&#58;alert(1)",
                "vbscript:msgbox(1)",
                "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
                "file:///etc/passwd",
                " javascript:alert(1)",
                "<javascript:alert(1)>")) {
            String html = md("[klick](" + target + ")");
            assertThat(html).as(target).contains("klick").doesNotContain("<a", "href");
        }
        assertThat(md("[klick](javascript:alert(1))")).isEqualTo("<p>klick</p>\n");
        assertThat(md("<javascript:alert(1)>")).doesNotContain("href");
        assertThat(md("![bild](javascript:alert(1))")).isEqualTo("<p>bild</p>\n");
        assertThat(md("[ref]\n\n[ref]: javascript:alert(1)")).isEqualTo("<p>ref</p>\n");
    }

    @Test
    void markdown_attributeInjection_staysInsideTheValue() {
        String html = md("[x](<https://a.example/\" onmouseover=\"alert(1)>)");
        assertThat(html)
                .startsWith("<p><a href=\"https://a.example/%22%20onmouseover=%22alert(1)\"")
                .doesNotContain("\" onmouseover");
        String titled = md("[x](https://a.example \"<script>alert(1)</script>\\\" onclick=\\\"y\")");
        assertThat(titled)
                .contains("title=\"&lt;script&gt;alert(1)&lt;/script&gt;&quot; onclick=&quot;y\"")
                .doesNotContain("<script");
        assertThat(md("```\" onclick=\"x\nCode\n```")).doesNotContain("class=").contains("<pre><code>Code");
    }

    @Test
    void markdown_imagesAreLinks_andRelativeLinksStayOnTheSite() {
        assertThat(md("![Dialog](https://acme.example/d.png \"Titel\")"))
                .isEqualTo("<p><a href=\"https://acme.example/d.png\" title=\"Titel\" rel=\"noopener nofollow\""
                        + " target=\"_blank\">Dialog</a></p>\n");
        assertThat(md("[Schritt 2](#schritt-2) und [KB-12](/kb/KB-12)"))
                .isEqualTo("<p><a href=\"#schritt-2\">Schritt 2</a> und <a href=\"/kb/KB-12\">KB-12</a></p>\n");
        assertThat(md("[fremd](//evil.example/x)")).contains("rel=\"noopener nofollow\"");
    }

    @Test
    void markdown_deeplyNestedEmphasis_staysBounded() {
        String nested = "*".repeat(5000) + "x" + "*".repeat(5000);
        String html = md(nested);
        assertThat(html).startsWith("<p>").doesNotContain("<script");
        assertThat(md("> ".repeat(2000) + "tief")).contains("tief");
        assertThat(md("**fett *und kursiv* fett**"))
                .isEqualTo("<p><strong>fett <em>und kursiv</em> fett</strong></p>\n");
    }

    @Test
    void options_headingLevelAndNewTabs() {
        ArticleRenderer renderer = ArticleRenderer.builder()
                .firstHeadingLevel(5)
                .externalLinksInNewTab(false)
                .build();
        assertThat(renderer.html("# A\n## B\n### C", TextFormat.MARKDOWN))
                .isEqualTo("<h5>A</h5>\n<h6>B</h6>\n<h6>C</h6>\n");
        assertThat(renderer.html("[x](https://a.example)", TextFormat.MARKDOWN))
                .isEqualTo("<p><a href=\"https://a.example\" rel=\"noopener nofollow\">x</a></p>\n");
        assertThatThrownBy(() -> ArticleRenderer.builder().firstHeadingLevel(7))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 to 6");
        assertThatThrownBy(() -> ArticleRenderer.builder().firstHeadingLevel(2).firstHeadingLevel(3))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already set to 2");
    }

    // ---- Plain text --------------------------------------------------------------------------------------------

    @Test
    void plain_joinsHardWraps_intoParagraphs() {
        assertThat(plain("Seit dem Update druckt\nder Drucker nicht mehr.\n\n  \nZweiter Absatz\r\nhier."))
                .isEqualTo("<p>Seit dem Update druckt der Drucker nicht mehr.</p>\n<p>Zweiter Absatz hier.</p>\n");
    }

    @Test
    void plain_numberedAndBulletedLines_areLists() {
        String html = plain("""
                Gehen Sie so vor:
                1. Öffnen Sie die Einstellungen und entfernen
                   Sie den Drucker.
                2) Laden Sie den Treiber
                von https://acme.example/support/print herunter.
                3. Drucken Sie eine Testseite.
                Danach sollte alles gehen.
                - erstens
                * zweitens""");
        assertThat(html)
                .isEqualTo("<p>Gehen Sie so vor:</p>\n"
                        + "<ol>\n"
                        + "<li>Öffnen Sie die Einstellungen und entfernen Sie den Drucker.</li>\n"
                        + "<li>Laden Sie den Treiber von <a href=\"https://acme.example/support/print\""
                        + " rel=\"noopener nofollow\" target=\"_blank\">https://acme.example/support/print</a>"
                        + " herunter.</li>\n"
                        + "<li>Drucken Sie eine Testseite.</li>\n"
                        + "</ol>\n"
                        + "<p>Danach sollte alles gehen.</p>\n"
                        + "<ul>\n<li>erstens</li>\n<li>zweitens</li>\n</ul>\n");
        assertThat(plain("3. drei\n4. vier")).startsWith("<ol start=\"3\">");
    }

    @Test
    void plain_urls_areLinked_withoutTheirClosingPunctuation_andTextIsEscaped() {
        assertThat(plain("Siehe (https://acme.example/a_(b)), www.acme.example. <b>nicht fett</b> & \"so\""))
                .isEqualTo("<p>Siehe (<a href=\"https://acme.example/a_(b)\" rel=\"noopener nofollow\""
                        + " target=\"_blank\">https://acme.example/a_(b)</a>), <a href=\"https://www.acme.example\""
                        + " rel=\"noopener nofollow\" target=\"_blank\">www.acme.example</a>."
                        + " &lt;b&gt;nicht fett&lt;/b&gt; &amp; &quot;so&quot;</p>\n");
        assertThat(plain("javascript:alert(1) https://x.example/\"onclick=\"a"))
                .doesNotContain("href=\"javascript")
                .contains("href=\"https://x.example/\"")
                .doesNotContain("\" onclick");
        assertThat(plain("")).isEmpty();
        assertThat(plain(" \n ")).isEmpty();
    }

    // ---- Fields and the environment ----------------------------------------------------------------------------

    @Test
    void fields_followTheContentsFormat_andTheTitleIsEscapedText() {
        var content = new ArticleContent(
                "<Drucker> & *Treiber*", "Fehler\n**0x11b**", Environment.empty(), "", "", Locale.GERMAN, Set.of());
        assertThat(RENDERER.html(content, TextField.TITLE)).isEqualTo("&lt;Drucker&gt; &amp; *Treiber*");
        assertThat(RENDERER.html(content, TextField.ISSUE)).isEqualTo("<p>Fehler **0x11b**</p>\n");
        assertThat(RENDERER.html(content, TextField.RESOLUTION)).isEmpty();
        var markdown = content.withFormat(TextFormat.MARKDOWN);
        assertThat(RENDERER.html(markdown, TextField.TITLE)).isEqualTo("&lt;Drucker&gt; &amp; *Treiber*");
        assertThat(RENDERER.html(markdown, TextField.ISSUE)).isEqualTo("<p>Fehler <strong>0x11b</strong></p>\n");
    }

    @Test
    void environment_isALabelledList() {
        var content = ArticleContent.of("t", "i")
                .withEnvironment(new Environment(
                        Map.of("product", "Acme <Print>", "version", "4.2", "component", "Treiber", "os_build", "22H2"),
                        "Windows 11\nmit USB-Drucker"));
        assertThat(RENDERER.environmentHtml(content))
                .isEqualTo("<dl class=\"kb-environment\">\n"
                        + "<dt>Product</dt><dd>Acme &lt;Print&gt;</dd>\n"
                        + "<dt>Version</dt><dd>4.2</dd>\n"
                        + "<dt>Component</dt><dd>Treiber</dd>\n"
                        + "<dt>Os build</dt><dd>22H2</dd>\n"
                        + "<dt>Platform</dt><dd><p>Windows 11 mit USB-Drucker</p></dd>\n"
                        + "</dl>\n");
        ArticleRenderer german = ArticleRenderer.builder()
                .label("product", "Produkt")
                .label(ArticleRenderer.ENVIRONMENT_TEXT, "Umgebung")
                .build();
        assertThat(german.environmentHtml(content.withFormat(TextFormat.MARKDOWN)))
                .contains("<dt>Produkt</dt>", "<dt>Umgebung</dt><dd><p>Windows 11 mit USB-Drucker</p></dd>");
        assertThat(RENDERER.environmentHtml(ArticleContent.of("t", "i"))).isEmpty();
        assertThatThrownBy(() -> ArticleRenderer.builder().label("product", "A").label("product", "B"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'A'");
    }

    @Test
    void html_escape() {
        assertThat(Html.escape("a<b>&\"'\u0001")).isEqualTo("a&lt;b&gt;&amp;&quot;&#39; ");
        String unchanged = "plain text";
        assertThat(Html.escape(unchanged)).isSameAs(unchanged);
    }
}
