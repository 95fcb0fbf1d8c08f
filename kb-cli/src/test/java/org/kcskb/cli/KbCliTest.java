package org.kcskb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kcskb.transfer.TransferProgress;
import picocli.CommandLine;

class KbCliTest {
    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {}

    private static Run kb(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        CommandLine cli = KbCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** Twenty articles in the library's format, the sixth with a state that does not exist. */
    private Path twentyArticles() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            lines.add("{\"sourceId\":\"ZD-" + i + "\",\"revisions\":[{\"title\":\"Drucker " + i + " druckt nicht\","
                    + "\"issue\":\"Seit dem Update " + i + "\",\"resolution\":\"Treiber neu installieren\","
                    + "\"language\":\"de\",\"state\":\"" + (i == 6 ? "PUBLISHED" : "VALIDATED") + "\","
                    + "\"audience\":\"PUBLIC\",\"author\":{\"id\":\"alice\",\"licence\":\"PUBLISHER\"},"
                    + "\"at\":\"2024-05-01T08:00:00Z\"}],\"links\":[{\"caseId\":\"CASE-" + i + "\",\"type\":"
                    + "\"RESOLUTION\",\"linkedBy\":\"alice\",\"linkedAt\":\"2024-05-01T08:00:00Z\"}]}");
        }
        Path file = dir.resolve("articles.jsonl");
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void importTwice_findsEachArticleOnce_reportsTheBadLine_andStatsCountsThem() throws IOException {
        Path file = twentyArticles();
        String store = dir.resolve("kb").toString();

        Run first = kb("import", "--store", store, file.toString());
        Run second = kb("import", "--store", store, file.toString());
        Run stats = kb("stats", "--store", store);

        assertThat(first.exit()).isEqualTo(KbCli.SOME_FAILED);
        assertThat(first.out())
                .contains("20 records read")
                .contains("19 created")
                .contains("1 failed");
        assertThat(first.err()).contains("line 6: revisions[0].state: 'PUBLISHED' is not a state");
        assertThat(first.err()).contains("import [").contains("100%").contains("20/20");
        assertThat(second.out()).contains("0 created").contains("19 unchanged");
        assertThat(stats.exit()).isZero();
        assertThat(stats.out())
                .contains("articles      19 (19 imported)")
                .contains("case links    19")
                .contains("VALIDATED 19")
                .contains("PUBLIC 19")
                .contains("de 19");
    }

    @Test
    void export_importedIntoAnEmptyFolder_exportsTheSameFile_andRebuildKeepsItSearchable() throws IOException {
        Path file = twentyArticles();
        String origin = dir.resolve("origin").toString();
        String copy = dir.resolve("copy").toString();
        kb("import", "--store", origin, file.toString());

        Path first = dir.resolve("first.jsonl");
        Path second = dir.resolve("second.jsonl");
        Run export = kb("export", "--store", origin, first.toString());
        kb("import", "--store", copy, first.toString());
        kb("export", "--store", copy, second.toString());
        Run rebuild = kb("rebuild", "--store", copy);

        assertThat(export.exit()).isZero();
        assertThat(export.err()).contains("19 articles exported");
        assertThat(Files.readAllLines(first)).hasSize(19);
        assertThat(Files.readString(second)).isEqualTo(Files.readString(first));
        assertThat(rebuild.exit()).isZero();
        assertThat(rebuild.err()).contains("Index rebuilt");
        // The bar has a total, the store's articles, and ends with all of them indexed.
        assertThat(rebuild.err()).contains("rebuild [").contains("100%").contains("19/19");
    }

    @Test
    void help_isGenerated_andUsageErrorsSayWhatIsMissing() {
        Run help = kb("--help");
        Run importHelp = kb("import", "--help");
        Run missingTarget = kb("import", "file.jsonl");
        Run both = kb("stats", "--store", "a", "--jdbc", "jdbc:postgresql://localhost/kb");

        assertThat(help.exit()).isZero();
        assertThat(help.out())
                .contains("import")
                .contains("export")
                .contains("rebuild")
                .contains("stats");
        assertThat(importHelp.out())
                .contains("--store=DIR")
                .contains("--jdbc=URL")
                .contains("sourceId");
        assertThat(missingTarget.exit()).isEqualTo(2);
        assertThat(missingTarget.err()).contains("--store=DIR").contains("--jdbc=URL");
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).contains("mutually exclusive");
    }

    @Test
    void importIntoAMissingFile_failsWithTheFileName() {
        Run run = kb(
                "import",
                "--store",
                dir.resolve("kb").toString(),
                dir.resolve("nope.jsonl").toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("nope.jsonl");
    }

    @Test
    void aMistypedFolder_isAnErrorForEveryCommandButImport_andNothingIsCreated() {
        Path missing = dir.resolve("typo");
        for (List<String> command : List.of(
                List.of("stats"), List.of("export", dir.resolve("out.jsonl").toString()), List.of("rebuild"))) {
            var args = new ArrayList<>(command);
            args.addAll(List.of("--store", missing.toString()));
            Run run = kb(args.toArray(String[]::new));

            assertThat(run.exit()).as(command.toString()).isEqualTo(2);
            assertThat(run.err()).contains("No knowledge base at", "typo", "create one with import");
        }
        assertThat(missing).doesNotExist();
    }

    @Test
    void progressBar_showsShareCountsRateAndFailures() {
        var bar = new ProgressBar(new PrintWriter(new StringWriter()), "import");

        assertThat(bar.line(new TransferProgress(50_000, OptionalLong.of(100_000), 3), 10))
                .isEqualTo("import [###############...............]  50%  50,000/100,000  5,000/s  3 failed   ");
        assertThat(bar.line(new TransferProgress(1_234, OptionalLong.empty(), 0), 0))
                .isEqualTo("import 1,234   ");
    }
}
