package org.kcskb.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class CompareReportTest {
    private static final String SEARCH = "org.kcskb.bench.search.SearchBenchmark.search";
    private static final String PAIRED = "org.kcskb.bench.search.PairedSearchBenchmark.paired";

    @Test
    void report_plotsLatencyByCorpusSize_inSizeOrder_andThePairedRatioAgainstTheGate() {
        var summary = Summary.of(List.of(
                result(SEARCH, "kb", "synthetic-100k", 300),
                result(SEARCH, "lucene", "synthetic-100k", 150),
                result(SEARCH, "kb", "synthetic-10k", 120),
                result(SEARCH, "lucene", "synthetic-10k", 40),
                result(PAIRED, "kb", "synthetic-100k", 170),
                result(PAIRED, "lucene", "synthetic-100k", 100)));
        var verdict = RatioGate.check(summary, "3.0");

        String html = CompareReport.of(summary, verdict, "3.0", true).html();

        assertThat(html).contains("Latency by corpus size", "search hits=default limit=10 workload=text (avgt)");
        String search = html.substring(html.indexOf("aria-label=\"search hits=default"));
        assertThat(search.indexOf(">synthetic-10k<")).isLessThan(search.indexOf(">synthetic-100k<"));
        assertThat(html).contains("Paired kb/lucene ratio", "kb/lucene, corpus=synthetic-100k", "gate 3");
        assertThat(html).contains("1.70x", verdict.message().substring(0, 20));
    }

    @Test
    void corpusSize_readsSyntheticNames_andPutsDataSetsLast() {
        assertThat(CompareReport.size("synthetic-10k")).isEqualTo(10_000);
        assertThat(CompareReport.size("synthetic-1m")).isEqualTo(1_000_000);
        assertThat(CompareReport.size("covidfaq-de")).isInfinite();
        assertThat(CompareReport.withoutCorpus("search corpus=synthetic-1k workload=text"))
                .isEqualTo("search workload=text");
    }

    private static JmhResult result(String benchmark, String engine, String corpus, double score) {
        var params = new HashMap<>(
                Map.of("corpus", corpus, "hits", "default", "limit", "10", "workload", "text", "engine", engine));
        return new JmhResult(
                benchmark, "avgt", params, score, Double.NaN, "us/op", OptionalDouble.empty(), OptionalDouble.empty());
    }
}
