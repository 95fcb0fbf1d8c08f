package org.kcskb.bench.relevance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RelevanceSuiteCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void missingDataRoot_outsideCi_skipsAndSucceeds() {
        assertThat(run(false, "--data-root", dir.resolve("absent").toString())).isEqualTo(RelevanceCommand.OK);
        assertThat(out()).contains("SKIPPED relevance", "absent");
    }

    @Test
    void missingDataRoot_inCi_fails() {
        assertThat(run(true, "--data-root", dir.resolve("absent").toString())).isEqualTo(RelevanceCommand.FAILED);
        assertThat(err()).contains("no data folder", "CI=true");
    }

    @Test
    void missingBaselineFile_isUsageError_namingTheCommandThatCreatesIt() throws IOException {
        writeDataset(dir.resolve("data/tiny-en"));

        assertThat(run(false, "--data-root", dir.resolve("data").toString(), "--baseline", baseline()))
                .isEqualTo(RelevanceCommand.USAGE);
        assertThat(err()).contains("baseline not found", "--update-baseline");
    }

    @Test
    void updateThenGate_passes_andWritesOneJsonPerSet() throws IOException {
        writeDataset(dir.resolve("data/tiny-en"));

        assertThat(run(false, args("--update-baseline"))).isEqualTo(RelevanceCommand.OK);
        var written = RelevanceBaseline.read(Path.of(baseline()));
        assertThat(written.sets()).containsOnlyKeys("tiny-en");
        assertThat(written.sets().get("tiny-en").language()).isEqualTo("en");

        assertThat(run(false, args())).as(err()).isEqualTo(RelevanceCommand.OK);
        assertThat(out()).contains("PASS", "tiny-en", "relevance gate passed");
        assertThat(dir.resolve("out/tiny-en.json")).exists();
        assertThat(dir.resolve("out/report.html"))
                .content()
                .contains("relevance gate passed", "tiny-en", "committed baseline", "BM25", "<svg");
    }

    @Test
    void gate_failsWhenNdcgIsMoreThanToleranceBelowBaseline() throws IOException {
        writeDataset(dir.resolve("data/tiny-en"));
        assertThat(run(false, args("--update-baseline"))).isEqualTo(RelevanceCommand.OK);
        var measured = RelevanceBaseline.read(Path.of(baseline())).sets().get("tiny-en");
        var s = measured.scores();
        // A baseline above what the system can reach stands for a ranking change that lost relevance.
        new RelevanceBaseline(Map.of(
                        "tiny-en",
                        new RelevanceBaseline.Entry(
                                "en", new Metrics.Scores(s.ndcg10() + 0.05, s.mrr10(), s.recall10(), s.recall100()))))
                .write(Path.of(baseline()));

        assertThat(run(false, args())).isEqualTo(RelevanceCommand.FAILED);
        assertThat(err()).contains("FAIL", "tiny-en", "dropped from", "--update-baseline");
    }

    private String[] args(String... extra) {
        var args = new ArrayList<>(List.of(
                "--data-root",
                dir.resolve("data").toString(),
                "--out",
                dir.resolve("out").toString(),
                "--baseline",
                baseline()));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    private String baseline() {
        return dir.resolve("baseline.json").toString();
    }

    private static void writeDataset(Path set) throws IOException {
        Files.createDirectories(set);
        Files.write(
                set.resolve("corpus.jsonl"),
                List.of(
                        "{\"id\": \"d1\", \"title\": \"How do I reset the printer?\", \"text\": \"Hold the button"
                                + " for ten seconds and the printer is reset.\"}",
                        "{\"id\": \"d2\", \"title\": \"Where is the invoice?\", \"text\": \"The invoice is in the"
                                + " billing portal of your account.\"}",
                        "{\"id\": \"d3\", \"title\": \"The password does not work\", \"text\": \"Reset the password"
                                + " in the portal and sign in again.\"}"));
        Files.write(
                set.resolve("queries.jsonl"),
                List.of(
                        "{\"id\": \"q1\", \"text\": \"reset printer\"}",
                        "{\"id\": \"q2\", \"text\": \"where is my invoice\"}",
                        "{\"id\": \"q3\", \"text\": \"my password is not working\"}"));
        Files.write(
                set.resolve("qrels.tsv"), List.of("query-id\tcorpus-id\tscore", "q1\td1\t1", "q2\td2\t1", "q3\td3\t1"));
    }

    private int run(boolean ci, String... args) {
        out.reset();
        err.reset();
        return RelevanceSuiteCommand.run(
                List.of(args),
                ci,
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
