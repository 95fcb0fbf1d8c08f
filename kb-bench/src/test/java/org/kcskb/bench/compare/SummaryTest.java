package org.kcskb.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryTest {
    private static final String SEARCH = "org.kcskb.bench.search.SearchBenchmark.search";
    private static final String SOLR = "org.kcskb.bench.solr.SolrSearchBenchmark.search";
    private static final String PAIRED = "org.kcskb.bench.search.PairedSearchBenchmark.paired";
    private static final String OPENSEARCH = "org.kcskb.bench.opensearch.OpenSearchSearchBenchmark.search";
    /** The gated workload. */
    private static final Map<String, String> TEXT =
            Map.of("corpus", "synthetic-100k", "hits", "default", "limit", "10", "workload", "text");

    @TempDir
    Path dir;

    @Test
    void of_pairsEnginesOnTheSameWorkload_andComputesRatios() {
        var summary = Summary.of(List.of(
                result(SEARCH, "kb", TEXT, 300), result(SEARCH, "lucene", TEXT, 100), result(SOLR, null, TEXT, 600)));

        assertThat(summary.rows()).extracting(Summary.Row::engine).containsExactly("kb", "lucene", "solr");
        var kb = summary.row("search corpus=synthetic-100k hits=default limit=10 workload=text", "avgt", "kb")
                .orElseThrow();
        assertThat(kb.kbToLucene().getAsDouble()).isEqualTo(3.0);
        assertThat(kb.kbToSolr().getAsDouble()).isEqualTo(0.5);
        assertThat(summary.table()).contains("kb/lucene", "3.00x", "0.50x", "solr");
    }

    @Test
    void of_mergesTheOpenSearchRows_withTheirRatios() {
        var summary = Summary.of(List.of(
                result(OPENSEARCH, "opensearch", TEXT, 800),
                result(SEARCH, "kb", TEXT, 200),
                result(OPENSEARCH, "kb-opensearch", TEXT, 1_200),
                result(SEARCH, "lucene", TEXT, 100),
                result(SOLR, null, TEXT, 400)));

        assertThat(summary.rows())
                .extracting(Summary.Row::engine)
                .containsExactly("kb", "lucene", "solr", "kb-opensearch", "opensearch");
        assertThat(summary.rows()).allSatisfy(row -> {
            assertThat(row.kbToOpenSearch().getAsDouble()).isEqualTo(0.25);
            assertThat(row.kbOpenSearchToOpenSearch().getAsDouble()).isEqualTo(1.5);
            assertThat(row.kbToLucene().getAsDouble()).isEqualTo(2.0);
        });
        assertThat(summary.table())
                .contains("kb/opensearch", "kb-opensearch/opensearch", "0.25x", "1.50x", "kb-opensearch ");
    }

    @Test
    void of_withoutOpenSearch_leavesItsRatiosEmpty() throws IOException {
        var summary = Summary.of(List.of(result(SEARCH, "kb", TEXT, 300), result(SEARCH, "lucene", TEXT, 100)));

        assertThat(summary.rows()).allSatisfy(row -> {
            assertThat(row.kbToOpenSearch()).isEmpty();
            assertThat(row.kbOpenSearchToOpenSearch()).isEmpty();
        });
        summary.write(dir);
        assertThat(Files.readAllLines(dir.resolve("summary.csv")).get(1)).endsWith(",3.0000,,,");
    }

    @Test
    void of_differentWorkloads_areNotCompared() {
        var filtered = Map.of("corpus", "synthetic-10k", "hits", "default", "limit", "10", "workload", "filtered");

        var summary = Summary.of(List.of(result(SEARCH, "kb", TEXT, 300), result(SEARCH, "lucene", filtered, 100)));

        assertThat(summary.rows())
                .allSatisfy(row -> assertThat(row.kbToLucene()).isEmpty());
    }

    @Test
    void write_producesCsvAndJsonWithOneRowPerWorkloadAndEngine() throws IOException {
        var summary = Summary.of(List.of(result(SEARCH, "kb", TEXT, 300), result(SEARCH, "lucene", TEXT, 100)));

        summary.write(dir);

        List<String> csv = Files.readAllLines(dir.resolve("summary.csv"));
        assertThat(csv.getFirst())
                .isEqualTo(
                        "workload,engine,mode,score,error,unit,p50,p99,kb_lucene,kb_solr,kb_opensearch,kb-opensearch_opensearch");
        assertThat(csv).hasSize(3);
        assertThat(csv.get(1))
                .startsWith("search corpus=synthetic-100k hits=default limit=10 workload=text,kb,avgt,300.0000")
                .contains("3.0000");
        assertThat(Files.readString(dir.resolve("summary.json"))).contains("\"kb/lucene\" : 3.0");
    }

    @Test
    void read_parsesJmhJson_withPercentilesInSampleMode() throws IOException {
        Path file = dir.resolve("jmh.json");
        Files.writeString(file, """
                [ {
                  "benchmark" : "org.kcskb.bench.search.SearchBenchmark.search",
                  "mode" : "sample",
                  "params" : { "engine" : "lucene", "workload" : "text" },
                  "primaryMetric" : {
                    "score" : 120.5, "scoreError" : 3.5, "scoreUnit" : "us/op",
                    "scorePercentiles" : { "50.0" : 110.0, "99.0" : 400.0 }
                  }
                } ]
                """);

        var result = JmhResult.read(file).getFirst();

        assertThat(result.engine()).isEqualTo("lucene");
        assertThat(result.workload()).isEqualTo("search workload=text");
        assertThat(result.p50()).isEqualTo(OptionalDouble.of(110.0));
        assertThat(result.p99()).isEqualTo(OptionalDouble.of(400.0));
        assertThat(result.score()).isEqualTo(120.5);
    }

    @Test
    void read_turnsAPairedResultIntoOneScorePerEngine_fromTheSummedRawData() throws IOException {
        Path file = dir.resolve("jmh-paired.json");
        Files.writeString(file, """
                [ {
                  "benchmark" : "org.kcskb.bench.search.PairedSearchBenchmark.paired",
                  "mode" : "avgt",
                  "params" : { "corpus" : "synthetic-100k", "hits" : "default", "limit" : "10", "workload" : "text" },
                  "primaryMetric" : { "score" : 900.0, "scoreError" : 9.0, "scoreUnit" : "us/op" },
                  "secondaryMetrics" : {
                    "kbNanos" : { "score" : 1.0, "scoreUnit" : "#", "rawData" : [ [ 6.0E8, 5.0E8 ], [ 7.0E8 ] ] },
                    "luceneNanos" : { "score" : 1.0, "scoreUnit" : "#", "rawData" : [ [ 3.0E8, 3.0E8 ], [ 3.0E8 ] ] },
                    "queries" : { "score" : 1.0, "scoreUnit" : "#", "rawData" : [ [ 1000.0, 1000.0 ], [ 1000.0 ] ] }
                  }
                } ]
                """);

        var results = JmhResult.read(file);

        assertThat(results).extracting(JmhResult::engine).containsExactlyInAnyOrder("kb", "lucene");
        assertThat(results).extracting(JmhResult::workload).containsOnly(RatioGate.WORKLOAD);
        var summary = Summary.of(results);
        var kb = summary.row(RatioGate.WORKLOAD, "avgt", "kb").orElseThrow();
        assertThat(kb.score()).isEqualTo(600.0);
        assertThat(kb.unit()).isEqualTo("us/op");
        assertThat(summary.row(RatioGate.WORKLOAD, "avgt", "lucene")
                        .orElseThrow()
                        .score())
                .isEqualTo(300.0);
        assertThat(kb.kbToLucene().getAsDouble()).isEqualTo(2.0);
        assertThat(RatioGate.check(summary, "3.0").message()).contains("PASS", "2.00x");
    }

    @Test
    void read_pairedResultWithoutQueries_isAnErrorNamingTheFile() throws IOException {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, """
                [ { "benchmark" : "x.Paired.paired", "mode" : "avgt", "params" : { },
                    "secondaryMetrics" : { "kbNanos" : { "rawData" : [ [ 5.0 ] ] }, "queries" : { "rawData" : [ [ 0 ] ] } } } ]
                """);

        assertThatThrownBy(() -> JmhResult.read(file))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("broken.json")
                .hasMessageContaining("no queries");
    }

    @Test
    void ratioGate_failsAboveThreshold_passesBelow_andOffOnlyReports() {
        var summary = Summary.of(List.of(result(PAIRED, "kb", TEXT, 350), result(PAIRED, "lucene", TEXT, 100)));

        var failed = RatioGate.check(summary, "3.0");
        assertThat(failed.passed()).isFalse();
        assertThat(failed.message()).contains("FAIL", "3.50x", "3.00x", RatioGate.PROPERTY);
        assertThat(RatioGate.check(summary, "4").passed()).isTrue();
        var off = RatioGate.check(summary, "off");
        assertThat(off.passed()).isTrue();
        assertThat(off.message()).contains("OFF", "3.50x");
        assertThatThrownBy(() -> RatioGate.check(summary, "three"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("off");
    }

    @Test
    void ratioGate_readsThePaired100kRow_only() {
        var small = new java.util.HashMap<>(TEXT);
        small.put("corpus", "synthetic-10k");
        var summary = Summary.of(List.of(
                result(PAIRED, "kb", small, 350),
                result(PAIRED, "lucene", small, 100),
                result(SEARCH, "kb", TEXT, 400),
                result(SEARCH, "lucene", TEXT, 100),
                result(PAIRED, "kb", TEXT, 180),
                result(PAIRED, "lucene", TEXT, 100)));

        var verdict = RatioGate.check(summary, "3.0");

        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.message()).contains("PASS", "1.80x", "paired corpus=synthetic-100k");
        assertThat(summary.table()).contains("3.50x", "4.00x");
    }

    @Test
    void ratioGate_withoutTheGatedWorkload_isNotApplied() {
        var verdict = RatioGate.check(
                Summary.of(List.of(result(SEARCH, "kb", TEXT, 350), result(SEARCH, "lucene", TEXT, 100))), "3.0");

        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.message()).contains("not applied");
    }

    private static JmhResult result(String benchmark, String engine, Map<String, String> params, double score) {
        var all = new java.util.HashMap<>(params);
        if (engine != null) {
            all.put("engine", engine);
        }
        return new JmhResult(
                benchmark, "avgt", all, score, Double.NaN, "us/op", OptionalDouble.empty(), OptionalDouble.empty());
    }
}
