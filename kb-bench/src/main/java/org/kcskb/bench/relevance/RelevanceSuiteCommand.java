package org.kcskb.bench.relevance;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.kcskb.bench.Cli;
import org.kcskb.bench.Main;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code relevance-suite} command: runs the relevance harness on every data set under a folder, writes one
 * JSON report per set and fails when a set's nDCG@10 dropped more than the tolerance below the committed
 * {@link RelevanceBaseline}.
 *
 * <p>When the data folder does not exist, the command says so and succeeds, unless {@code CI=true}: CI expects
 * the data, so there a missing folder fails. Exit codes as {@link RelevanceCommand}: 0 pass (or skipped), 1 a
 * set regressed or the run failed, 2 a bad command line or data set.
 */
@Command(
        name = "relevance-suite",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        sortOptions = false,
        usageHelpWidth = 110,
        description = {
            "Relevance of every data set in a folder, gated against the committed baseline.",
            "",
            "Runs the relevance harness on every data set in DIR (each sub-folder with corpus.jsonl) and compares the"
                    + " system's nDCG@10 with the committed baseline: a drop of more than X fails the command."
        })
public final class RelevanceSuiteCommand implements Callable<Integer> {
    /** Where the data sets are by default: beside the project, as in CI. */
    public static final String DEFAULT_DATA_ROOT = "../shared/data";
    /** The committed baseline, relative to the project root. */
    public static final String DEFAULT_BASELINE = "kb-bench/relevance-baseline.json";

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--data-root",
            paramLabel = "DIR",
            defaultValue = DEFAULT_DATA_ROOT,
            description = "folder of data sets (default: ${DEFAULT-VALUE}); when it does not exist the command skips"
                    + " relevance and succeeds, unless the environment has CI=true")
    private Path dataRoot;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            defaultValue = "target/kb-bench/relevance",
            description = "where to write <set>.json per data set (default: ${DEFAULT-VALUE})")
    private Path outDir;

    @Option(
            names = "--baseline",
            paramLabel = "FILE",
            defaultValue = DEFAULT_BASELINE,
            description = "the committed baseline (default: ${DEFAULT-VALUE})")
    private Path baselineFile;

    @Option(
            names = "--tolerance",
            paramLabel = "X",
            defaultValue = "0.01",
            description = "the largest allowed nDCG@10 drop, at least 0 and below 1 (default: ${DEFAULT-VALUE})")
    private double tolerance;

    @Option(
            names = "--update-baseline",
            description = "write this run's figures into the baseline file instead of gating; commit the file"
                    + " together with the change that moved the figures, and say why")
    private boolean update;

    private final boolean ci;
    private final PrintStream out;
    private final PrintStream err;

    RelevanceSuiteCommand(boolean ci, PrintStream out, PrintStream err) {
        this.ci = ci;
        this.out = out;
        this.err = err;
    }

    /** The command as {@code kb-bench.jar} runs it, reading {@code CI} from the environment. */
    public static RelevanceSuiteCommand printingTo(PrintStream out, PrintStream err) {
        return new RelevanceSuiteCommand("true".equalsIgnoreCase(System.getenv("CI")), out, err);
    }

    /** Runs the command with the arguments after {@code relevance-suite}, reading {@code CI} from the environment. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        return Cli.execute(printingTo(out, err), args, out, err);
    }

    /**
     * Runs the command.
     *
     * @param ci whether this is a CI run, where a missing data folder is an error
     * @return the exit code
     */
    static int run(List<String> args, boolean ci, PrintStream out, PrintStream err) {
        return Cli.execute(new RelevanceSuiteCommand(ci, out, err), args, out, err);
    }

    @Override
    public Integer call() {
        if (!(tolerance >= 0 && tolerance < 1)) {
            throw Cli.usageError(spec, "--tolerance must be at least 0 and below 1, was " + tolerance);
        }
        var options = new Options(dataRoot, outDir, baselineFile, tolerance, update);
        Path root = options.dataRoot().toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            if (ci) {
                err.println("relevance-suite: no data folder at " + root + ", but CI=true expects the data sets"
                        + " there (shared/ beside the clone). Pass --data-root DIR, or unset CI to skip relevance.");
                return RelevanceCommand.FAILED;
            }
            out.println("relevance-suite: SKIPPED relevance: no data folder at " + root
                    + " (pass --data-root DIR to evaluate; CI=true makes this an error)");
            return RelevanceCommand.OK;
        }
        try {
            List<Path> sets = dataSets(root);
            if (sets.isEmpty()) {
                err.println("relevance-suite: " + root + " holds no data set (a sub-folder with " + DatasetReader.CORPUS
                        + ")");
                return RelevanceCommand.USAGE;
            }
            Files.createDirectories(options.out());
            Optional<RelevanceBaseline> baseline = options.update() && !Files.exists(options.baseline())
                    ? Optional.empty()
                    : Optional.of(RelevanceBaseline.read(options.baseline()));
            Map<String, RelevanceBaseline.Entry> measured = new LinkedHashMap<>();
            Map<String, Double> bm25 = new LinkedHashMap<>();
            for (Path set : sets) {
                String name = set.getFileName().toString();
                RelevanceReport report = runOne(set, options.out(), out);
                measured.put(
                        name,
                        new RelevanceBaseline.Entry(
                                report.language().tag(),
                                report.system().orElseThrow().evaluation().mean()));
                bm25.put(name, report.baseline().evaluation().mean().ndcg10());
            }
            if (options.update()) {
                RelevanceBaseline updated = baseline.orElse(new RelevanceBaseline(Map.of()));
                for (var entry : measured.entrySet()) {
                    updated = updated.with(entry.getKey(), entry.getValue());
                }
                updated.write(options.baseline());
                out.println("Wrote the baseline " + options.baseline().toAbsolutePath() + " (" + measured.size()
                        + " data sets); commit it and say in the message why the figures moved");
                return RelevanceCommand.OK;
            }
            Map<String, Double> ndcg = new LinkedHashMap<>();
            measured.forEach((name, entry) -> ndcg.put(name, entry.scores().ndcg10()));
            var findings = RelevanceGate.compare(baseline.orElseThrow(), ndcg, options.tolerance());
            Path html = options.out().resolve("report.html");
            RelevanceSuiteReport.of(findings, bm25, options.tolerance()).write(html);
            out.println("Wrote " + html);
            return report(findings, out, err);
        } catch (DatasetException e) {
            err.println("relevance-suite: " + e.getMessage());
            return RelevanceCommand.USAGE;
        } catch (IOException e) {
            err.println("relevance-suite: cannot write the reports: " + e);
            return RelevanceCommand.FAILED;
        }
    }

    private record Options(Path dataRoot, Path out, Path baseline, double tolerance, boolean update) {}

    private static int report(List<RelevanceGate.Finding> findings, PrintStream out, PrintStream err) {
        out.println();
        out.println("Relevance gate (system nDCG@10 against the committed baseline):");
        int failures = 0;
        for (var finding : findings) {
            boolean failed =
                    finding.status() == RelevanceGate.Status.FAIL || finding.status() == RelevanceGate.Status.MISSING;
            (failed ? err : out).println("  " + finding.status() + "  " + finding.message());
            if (failed) {
                failures++;
            }
        }
        if (failures > 0) {
            err.println("relevance-suite: " + failures + " data set(s) failed the relevance gate");
            return RelevanceCommand.FAILED;
        }
        out.println("relevance-suite: relevance gate passed for " + findings.size() + " data set(s)");
        return RelevanceCommand.OK;
    }

    private static RelevanceReport runOne(Path directory, Path outDir, PrintStream out) throws IOException {
        Dataset dataset = Dataset.load(directory);
        var detection = CorpusLanguage.detect(dataset.documents());
        Language language = detection
                .language()
                .orElseThrow(() -> new DatasetException("Cannot tell the language of " + directory + " ("
                        + detection.evidence() + "); evaluate it alone with relevance --lang de|en"));
        RelevanceReport report =
                RelevanceHarness.run(dataset, new RelevanceHarness.Settings(language, "detected", 0, false));
        Path json = outDir.resolve(dataset.name() + ".json");
        ReportFormat.writeJson(report, json);
        var system = report.system().orElseThrow().evaluation().mean();
        out.printf(
                Locale.ROOT,
                "%-14s %s  system nDCG@10 %.4f  baseline nDCG@10 %.4f  -> %s%n",
                dataset.name(),
                language.tag(),
                system.ndcg10(),
                report.baseline().evaluation().mean().ndcg10(),
                json);
        return report;
    }

    private static List<Path> dataSets(Path root) throws IOException {
        try (Stream<Path> children = Files.list(root)) {
            return new ArrayList<>(children.filter(p -> Files.isRegularFile(p.resolve(DatasetReader.CORPUS)))
                    .sorted()
                    .toList());
        }
    }
}
