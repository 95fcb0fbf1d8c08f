package org.kcskb.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.OptionalDouble;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
    @Test
    void page_isSelfContained_andEscapesEveryText() {
        String html = HtmlReport.titled("run <1>")
                .paragraph("a & b")
                .table(List.of("<th>"), List.of(List.of("\"quoted\"")))
                .lineChart(
                        "chart '1'",
                        "x",
                        "y",
                        List.of("<a>"),
                        List.of(new HtmlReport.Series("<script>alert(1)</script>", List.of(1.0))))
                .html();

        assertThat(html)
                .startsWith("<!DOCTYPE html>")
                .contains("<title>run &lt;1&gt;</title>", "a &amp; b", "&lt;th&gt;", "&quot;quoted&quot;")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;", "chart &#39;1&#39;")
                .doesNotContain("<script", "src=", "href=", "@import");
    }

    @Test
    void lineChart_drawsOneLinePerSeries_leavingGapsForMissingValues() {
        String html = HtmlReport.titled("t")
                .lineChart(
                        "latency",
                        "corpus",
                        "us/op",
                        List.of("10k", "100k", "1m"),
                        List.of(
                                new HtmlReport.Series("kb", List.of(100.0, 200.0, 400.0)),
                                new HtmlReport.Series("lucene", List.of(50.0, Double.NaN, 150.0))))
                .html();

        assertThat(count(html, "<path ")).isEqualTo(2);
        assertThat(count(html, "<circle ")).isEqualTo(5);
        assertThat(html).contains(">10k<", ">100k<", ">1m<", ">kb<", ">lucene<", "kb, 1m: 400");
    }

    @Test
    void barChart_drawsABarPerValue_andTheGate() {
        String html = HtmlReport.titled("t")
                .barChart(
                        "ratio",
                        "workload",
                        "x",
                        List.of("a", "b"),
                        List.of(new HtmlReport.Series("kb/lucene", List.of(1.7, 2.1))),
                        OptionalDouble.of(3.0))
                .html();

        assertThat(count(html, "<rect x=") - 1)
                .as("bars, without the legend's swatch")
                .isEqualTo(2);
        assertThat(html).contains("class=\"th\"", "gate 3");
    }

    @Test
    void seriesOfTheWrongLength_isRefused_sayingWhatToGive() {
        assertThatThrownBy(() -> HtmlReport.titled("t")
                        .lineChart("c", "x", "y", List.of("a", "b"), List.of(new HtmlReport.Series("s", List.of(1.0)))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one per category");
    }

    @Test
    void niceCeiling_roundsUpToAReadableAxisEnd() {
        assertThat(HtmlReport.niceCeiling(0.83)).isEqualTo(1.0);
        assertThat(HtmlReport.niceCeiling(1.7)).isEqualTo(2.0);
        assertThat(HtmlReport.niceCeiling(2.2)).isEqualTo(2.5);
        assertThat(HtmlReport.niceCeiling(420)).isEqualTo(500);
    }

    private static long count(String text, String needle) {
        return Pattern.compile(Pattern.quote(needle)).matcher(text).results().count();
    }
}
