package org.kcskb.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

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
    void full_leavesTheBenchmarksOwnSettings() {
        var options = CompareCommand.Options.parse(List.of());

        assertThat(CompareCommand.jmhArgs(CompareCommand.KB_BENCHMARKS, options, Path.of("o.json")))
                .doesNotContain("-f", "-wi");
        assertThat(options.solrJar()).isEqualTo(Path.of(CompareCommand.DEFAULT_SOLR_JAR));
    }

    @Test
    void unknownArgument_isUsageError_listingValidOnes() {
        var err = new ByteArrayOutputStream();

        int code = CompareCommand.run(
                List.of("--fast"),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--fast", "--quick", "--no-solr", "Usage:");
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
