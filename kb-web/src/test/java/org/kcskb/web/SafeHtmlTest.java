package org.kcskb.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafeHtmlTest {
    @Test
    void markedText_keepsEscapedTextWithMarks() {
        String snippet = "Der <mark>Drucker</mark> zeigt &lt;Offline&gt; &amp; &quot;blinkt&quot;";

        assertThat(SafeHtml.markedText(snippet)).isEqualTo(snippet);
    }

    @Test
    void markedText_escapesEverythingWhenAnyOtherTagIsPresent() {
        assertThat(SafeHtml.markedText("<mark>VPN</mark> <img src=x onerror=alert(1)>"))
                .isEqualTo("VPN &lt;img src=x onerror=alert(1)&gt;");
        assertThat(SafeHtml.markedText("<mark onclick=x>VPN</mark>")).isEqualTo("&lt;mark onclick=x&gt;VPN");
        assertThat(SafeHtml.markedText("a > b")).isEqualTo("a &gt; b");
    }

    @Test
    void escape_escapesMarkupAndQuotes() {
        assertThat(SafeHtml.escape("<a href=\"x\">'&'</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    }
}
