package org.kcskb.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

class CompareCommandTest {
    @Test
    void quick_addsTheCiProfileBeforeTheCallersJmhOptions_andAlwaysWritesJson() {
        var options = CompareCommand.Options.parse(List.of("--quick", "--no-solr", "--", "-p", "corpus=synthetic-1k"));

        var args = CompareCommand.jmhArgs(CompareCommand.KB_BENCHMARKS, options, Path.of("out.json"));

        assertThat(options.solrJar()).isNull();
        assertThat(args.getFirst()).isEqualTo(CompareCommand.KB_BENCHMARKS);
        assertThat(String.join(" ", args))
                .contains("-f 1", "-p workload=text", "-p corpus=synthetic-1k", "-rf json -rff out.json");
        assertThat(args).doesNotContain("corpus=synthetic-10k");
    }

    @Test
    void quick_callersSingleValuedOptionReplacesTheProfiles() {
        var options = CompareCommand.Options.parse(List.of("--quick", "--", "-f", "2"));

        var args = CompareCommand.jmhArgs(CompareCommand.KB_BENCHMARKS, options, Path.of("out.json"));

        assertThat(args.stream().filter("-f"::equals)).hasSize(1);
        assertThat(args.get(args.indexOf("-f") + 1)).isEqualTo("2");
    }

    @Test
    void quick_pairedRunsTheGatedCorpusWithMoreIterations_unlessTheCallerSaysOtherwise() {
        var quick = CompareCommand.Options.parse(List.of("--quick"));
        var args = CompareCommand.jmhArgs(
                CompareCommand.PAIRED_BENCHMARKS, CompareCommand.QUICK_PAIRED, quick, Path.of("p.json"));

        assertThat(String.join(" ", args)).contains("-p corpus=synthetic-100k", "-i 10", "-f 1", "-wi 12");
        assertThat(args).doesNotContain("corpus=synthetic-10k,synthetic-100k", "5");

        var chosen = CompareCommand.Options.parse(List.of("--quick", "--", "-p", "corpus=synthetic-1m", "-i", "3"));
        var overridden = CompareCommand.jmhArgs(
                CompareCommand.PAIRED_BENCHMARKS, CompareCommand.QUICK_PAIRED, chosen, Path.of("p.json"));

        assertThat(overridden.stream().filter("-i"::equals)).hasSize(1);
        assertThat(overridden.get(overridden.indexOf("-i") + 1)).isEqualTo("3");
        assertThat(overridden.stream().filter(a -> a.startsWith("corpus="))).containsExactly("corpus=synthetic-1m");
    }

    @Test
    void pairedBenchmark_runsThroughJmh_andReadsAsOneRowPerEngine(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("jmh-paired.json");
        // In this JVM (no fork), one short iteration over a small corpus: the counters' names and the JSON reader
        // must agree, or the gate would silently find no paired row.
        new Runner(new OptionsBuilder()
                        .include(CompareCommand.PAIRED_BENCHMARKS)
                        .param("corpus", "synthetic-300")
                        .forks(0)
                        .warmupIterations(0)
                        .measurementIterations(1)
                        .measurementTime(TimeValue.milliseconds(300))
                        .resultFormat(ResultFormatType.JSON)
                        .result(json.toString())
                        .build())
                .run();

        var results = JmhResult.read(json);

        assertThat(results).extracting(JmhResult::engine).containsExactlyInAnyOrder("kb", "lucene");
        assertThat(results).allSatisfy(result -> {
            assertThat(result.workload()).isEqualTo(RatioGate.WORKLOAD.replace("synthetic-100k", "synthetic-300"));
            assertThat(result.score()).isPositive().isFinite();
        });
    }

    @Test
    void full_leavesTheBenchmarksOwnSettings() {
        var options = CompareCommand.Options.parse(List.of());

        assertThat(CompareCommand.jmhArgs(CompareCommand.KB_BENCHMARKS, options, Path.of("o.json")))
                .doesNotContain("-f", "-wi");
        assertThat(options.solrJar()).isEqualTo(Path.of(CompareCommand.DEFAULT_SOLR_JAR));
    }

    @Test
    void openSearch_runsInTheFullProfile_notInQuickUnlessAsked() {
        assertThat(CompareCommand.Options.parse(List.of()).openSearchJar())
                .isEqualTo(Path.of(CompareCommand.DEFAULT_OPENSEARCH_JAR));
        assertThat(CompareCommand.Options.parse(List.of("--quick")).openSearchJar())
                .isNull();
        assertThat(CompareCommand.Options.parse(List.of("--quick", "--opensearch"))
                        .openSearchJar())
                .isEqualTo(Path.of(CompareCommand.DEFAULT_OPENSEARCH_JAR));
        assertThat(CompareCommand.Options.parse(List.of("--no-opensearch")).openSearchJar())
                .isNull();
        assertThat(CompareCommand.Options.parse(List.of("--opensearch-jar", "os.jar", "--quick", "--opensearch"))
                        .openSearchJar())
                .isEqualTo(Path.of("os.jar"));
        assertThat(CompareCommand.Options.parse(List.of("--opensearch-jar", "os.jar"))
                        .solrJar())
                .isEqualTo(Path.of(CompareCommand.DEFAULT_SOLR_JAR));
    }

    @Test
    void openSearch_contradictionsAndMissingValues_areUsageErrors() {
        var err = new ByteArrayOutputStream();
        var quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

        assertThat(CompareCommand.run(
                        List.of("--opensearch", "--no-opensearch"),
                        quiet,
                        new PrintStream(err, true, StandardCharsets.UTF_8)))
                .isEqualTo(2);
        assertThat(CompareCommand.run(
                        List.of("--opensearch-jar"), quiet, new PrintStream(err, true, StandardCharsets.UTF_8)))
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains(
                        "--opensearch, --no-opensearch are mutually exclusive",
                        "Missing required parameter for option '--opensearch-jar'");
    }

    @Test
    void openSearch_getsTheSameJmhOptionsAsEveryEngine() {
        var options = CompareCommand.Options.parse(
                List.of("--quick", "--opensearch", "--", "-p", "workload=page", "-p", "hits=default"));

        var args = CompareCommand.jmhArgs(CompareCommand.OPENSEARCH_BENCHMARKS, options, Path.of("os.json"));

        assertThat(args.getFirst()).isEqualTo(CompareCommand.OPENSEARCH_BENCHMARKS);
        assertThat(String.join(" ", args)).contains("-f 1", "-p workload=page", "-rf json -rff os.json");
        assertThat(args).doesNotContain("workload=text");
    }

    @Test
    void ci_staysWithoutOpenSearch() {
        assertThat(CompareCommand.Options.parse(List.of("--quick", "--out", "target/x"))
                        .openSearchJar())
                .isNull();
    }

    @Test
    void unknownArgument_isUsageError_listingValidOnes() {
        var err = new ByteArrayOutputStream();

        int code = CompareCommand.run(
                List.of("--fast"),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("--fast", "--quick", "--no-solr", "--no-opensearch", "Usage:");
    }

    @Test
    void ci_unknownArgument_isUsageError_beforeRunningAnything() {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();

        int code = CiCommand.run(
                List.of("--data", "x"),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--data", "--data-root", "--baseline");
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("relevance");
    }
}
