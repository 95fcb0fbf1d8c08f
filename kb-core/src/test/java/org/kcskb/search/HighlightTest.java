package org.kcskb.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class HighlightTest {
    @Test
    void fromHtml_readsTheEnginesMarkup_intoTextAndRanges() {
        Highlight h = Highlight.fromHtml("<mark>Drucker</mark> druckt &quot;nicht&quot; &amp; <mark>Treiber</mark>");

        assertThat(h.text()).isEqualTo("Drucker druckt \"nicht\" & Treiber");
        assertThat(h.matches()).containsExactly(new Highlight.Span(0, 7), new Highlight.Span(25, 32));
        assertThat(h.matches().stream().map(s -> h.text().substring(s.start(), s.end())))
                .containsExactly("Drucker", "Treiber");
    }

    @Test
    void fromHtml_decodesEveryReferenceTheEnginesWrote_andKeepsStrayMarkupAsText() {
        assertThat(Highlight.fromHtml("it&#39;s &#x27;a&#x2F;b&#x27; &lt;b&gt; &unknown; & x")
                        .text())
                .isEqualTo("it's 'a/b' <b> &unknown; & x");
        assertThat(Highlight.fromHtml("<b>x</b>").text()).isEqualTo("<b>x</b>");
        // Adjacent marks are one match; an unclosed mark runs to the end.
        assertThat(Highlight.fromHtml("<mark>Druck</mark><mark>er</mark>treiber <mark>neu")
                        .matches())
                .containsExactly(new Highlight.Span(0, 7), new Highlight.Span(15, 18));
    }

    @Test
    void toHtml_escapesTheText_andWrapsMatchesInTheCallersTags() {
        Highlight h = new Highlight("<a> & 'b'", List.of(new Highlight.Span(6, 9)));

        assertThat(h.toHtml()).isEqualTo("&lt;a&gt; &amp; <mark>&#39;b&#39;</mark>");
        assertThat(h.toHtml("<em>", "</em>")).isEqualTo("&lt;a&gt; &amp; <em>&#39;b&#39;</em>");
        assertThat(Highlight.plain("x<y").toHtml()).isEqualTo("x&lt;y");
    }

    @Test
    void spansOutOfOrderOrOutsideTheText_areRefused() {
        assertThatThrownBy(() -> new Highlight("abc", List.of(new Highlight.Span(1, 2), new Highlight.Span(0, 1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sorted");
        assertThatThrownBy(() -> new Highlight("abc", List.of(new Highlight.Span(2, 4))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Highlight.Span(3, 3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void searchHitAndSuggestion_offerTheirHtmlAsStructure() {
        var suggestion = new Suggestion(
                "Drucker druckt", "<mark>Druck</mark>er druckt", Suggestion.Kind.QUERY, java.util.Optional.empty(), 1);

        assertThat(suggestion.highlight().matches()).containsExactly(new Highlight.Span(0, 5));
        assertThat(suggestion.highlight().text()).isEqualTo(suggestion.text());
    }

    @Property
    void toHtmlThenFromHtml_givesTheSameHighlight(@ForAll String text, @ForAll int a, @ForAll int b) {
        int start = text.isEmpty() ? 0 : Math.floorMod(a, text.length());
        int end = text.isEmpty() ? 0 : start + 1 + Math.floorMod(b, text.length() - start);
        List<Highlight.Span> spans = text.isEmpty() ? List.of() : List.of(new Highlight.Span(start, end));
        Highlight h = new Highlight(text, spans);

        Highlight back = Highlight.fromHtml(h.toHtml());

        // The library's escaper shows control characters (other than tab and line breaks) as spaces.
        var shown = new StringBuilder(text.length());
        text.chars()
                .forEach(c -> shown.append(
                        Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r' ? ' ' : (char) c));
        assertThat(back).isEqualTo(new Highlight(shown.toString(), spans));
        assertThat(h.toHtml()).doesNotContain("<script", "\"", "'");
    }
}
