package org.kcskb.bench.relevance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RelevanceCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void help_printsUsage_andSucceeds() {
        assertThat(run("--help")).isEqualTo(RelevanceCommand.OK);
        assertThat(out())
                .contains("--data=DIR", "--typos=N", "--baseline-only", "Usage: java -jar kb-bench.jar relevance");
    }

    @Test
    void unknownOption_isUsageError_listingValidOptions() {
        assertThat(run("--data", "x", "--verbose")).isEqualTo(RelevanceCommand.USAGE);
        assertThat(err())
                .contains("relevance: Unknown option: '--verbose'", "Usage:", "--data=DIR", "relevance --help'");
    }

    @Test
    void missingData_isUsageError() {
        assertThat(run("--lang", "de")).isEqualTo(RelevanceCommand.USAGE);
        assertThat(err()).contains("Missing required option: '--data=DIR'");
    }

    @Test
    void badValues_areUsageErrors_namingValidValues() {
        assertThat(run("--data", "x", "--lang", "fr")).isEqualTo(RelevanceCommand.USAGE);
        assertThat(err()).contains("\"fr\"", "valid values: de, en");
        assertThat(run("--data", "x", "--typos=-1")).isEqualTo(RelevanceCommand.USAGE);
        assertThat(err()).contains("--typos must be a whole number of 0 or more");
        assertThat(run("--data", "x", "--data", "y")).isEqualTo(RelevanceCommand.USAGE);
        assertThat(err()).contains("'--data' (DIR) should be specified only once");
        assertThat(run("--data")).isEqualTo(RelevanceCommand.USAGE);
        assertThat(err()).contains("Missing required parameter for option '--data' (DIR)");
    }

    @Test
    void jsonIntoMissingDirectory_failsBeforeTheRun() {
        Path json = dir.resolve("no/such/dir/out.json");

        assertThat(run("--data", dir.toString(), "--json", json.toString())).isEqualTo(RelevanceCommand.USAGE);
        assertThat(err()).contains(json.getParent().toString(), "does not exist");
    }

    @Test
    void missingDataDirectory_namesPath_withoutStackTrace() {
        Path missing = dir.resolve("covidfaq-xx");

        assertThat(run("--data", missing.toString(), "--baseline-only")).isEqualTo(RelevanceCommand.USAGE);
        assertThat(err()).contains("Data directory not found: " + missing).doesNotContain("Exception", "\tat ");
    }

    @Test
    void malformedData_namesFileAndLine_withoutStackTrace() throws IOException {
        writeDataset();
        Files.write(dir.resolve("qrels.tsv"), List.of("query-id\tcorpus-id\tscore", "q1\td1"));

        assertThat(run("--data", dir.toString(), "--baseline-only")).isEqualTo(RelevanceCommand.USAGE);
        assertThat(err()).contains(dir.resolve("qrels.tsv") + " line 2").doesNotContain("\tat ");
    }

    @Test
    void baselineOnly_detectsLanguage_printsTable_andWritesJson() throws IOException {
        writeDataset();
        Path json = dir.resolve("report.json");

        int code = run("--data", dir.toString(), "--baseline-only", "--json=" + json);

        assertThat(code).as(err()).isEqualTo(RelevanceCommand.OK);
        assertThat(out()).contains("Language: en (detected", "baseline", "nDCG@10");
        var report = new ObjectMapper().readTree(json.toFile());
        assertThat(report.get("lang").asText()).isEqualTo("en");
        assertThat(report.get("langSource").asText()).isEqualTo("detected");
        assertThat(report.get("baseline").get("ndcg@10").asDouble()).isEqualTo(1.0);
    }

    private void writeDataset() throws IOException {
        Files.write(
                dir.resolve("corpus.jsonl"),
                List.of(
                        "{\"id\": \"d1\", \"title\": \"How do I reset the printer?\", \"text\": \"Hold the button.\"}",
                        "{\"id\": \"d2\", \"title\": \"Where is the invoice?\", \"text\": \"It is in the portal.\"}"));
        Files.write(
                dir.resolve("queries.jsonl"),
                List.of("{\"id\": \"q1\", \"text\": \"reset printer\"}", "{\"id\": \"q2\", \"text\": \"invoice\"}"));
        Files.write(dir.resolve("qrels.tsv"), List.of("query-id\tcorpus-id\tscore", "q1\td1\t1", "q2\td2\t1"));
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        return RelevanceCommand.run(
                List.of(args),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
