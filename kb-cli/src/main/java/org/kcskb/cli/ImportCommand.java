package org.kcskb.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.kcskb.KnowledgeBase;
import org.kcskb.actor.Actor;
import org.kcskb.transfer.ArticleImport;
import org.kcskb.transfer.ImportFailure;
import org.kcskb.transfer.ImportReport;
import org.kcskb.transfer.json.ArticleJsonLines;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = {
            "Imports articles from a JSON-lines file in the library's article format (see README, \"Knowledge in and"
                    + " out\").",
            "Idempotent: a record whose sourceId was imported before updates that article instead of creating"
                    + " another. Bad lines are reported by number; the others are imported."
        })
final class ImportCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    Target target;

    @Parameters(paramLabel = "FILE", description = "The JSON-lines file, or - for standard input.")
    String file;

    @Option(
            names = "--actor",
            defaultValue = "kb-import",
            description = "The administrator id the import writes under (default: ${DEFAULT-VALUE}).")
    String actor;

    @Option(
            names = "--max-errors-shown",
            defaultValue = "20",
            description = "How many failed lines to print (default: ${DEFAULT-VALUE}); all are counted.")
    int maxErrorsShown;

    @Option(names = "--no-wait", description = "Do not wait until the index has caught up with the import.")
    boolean noWait;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        OptionalLong lines = file.equals("-") ? OptionalLong.empty() : OptionalLong.of(countLines(Path.of(file)));
        long started = System.nanoTime();
        ImportReport report;
        try (KnowledgeBase kb = target.open();
                BufferedReader in = file.equals("-")
                        ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8), 1 << 16)
                        : Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
            var bar = new ProgressBar(err, "import");
            try (ArticleImport run = kb.startImport(Actor.administrator(actor), lines, bar)) {
                report = ArticleJsonLines.read(in, run);
            }
            bar.finish();
            double seconds = (System.nanoTime() - started) / 1e9;
            out.printf(
                    Locale.ROOT,
                    "%,d records read in %.1f s (%,.0f/s): %,d created, %,d updated, %,d unchanged, %,d failed%n",
                    report.read(),
                    seconds,
                    report.read() / Math.max(seconds, 1e-9),
                    report.created(),
                    report.updated(),
                    report.unchanged(),
                    report.failures().size());
            int shown = 0;
            for (ImportFailure failure : report.failures()) {
                if (shown++ == maxErrorsShown) {
                    err.printf(
                            "... and %d more failed lines%n", report.failures().size() - maxErrorsShown);
                    break;
                }
                err.println(failure);
            }
            if (!noWait && !kb.awaitSearchable(Duration.ofHours(1))) {
                err.println("The index has not caught up within an hour; it goes on following the store at the next"
                        + " start");
            }
        }
        return report.succeeded() ? 0 : KbCli.SOME_FAILED;
    }

    /** Counts the lines first, for the progress bar's total: a fast pass over the file, which the OS then caches. */
    private static long countLines(Path path) throws IOException {
        long count = 0;
        try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            while (in.readLine() != null) {
                count++;
            }
        }
        return count;
    }
}
