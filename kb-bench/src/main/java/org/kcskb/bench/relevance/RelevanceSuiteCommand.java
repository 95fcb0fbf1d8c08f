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
import java.util.stream.Stream;

/**
 * The {@code relevance-suite} command: runs the relevance harness on every data set under a folder, writes one
 * JSON report per set and fails when a set's nDCG@10 dropped more than the tolerance below the committed
 * {@link RelevanceBaseline}.
 *
 * <p>When the data folder does not exist, the command says so and succeeds, unless {@code CI=true}: CI expects
 * the data, so there a missing folder fails. Exit codes as {@link RelevanceCommand}: 0 pass (or skipped), 1 a
 * set regressed or the run failed, 2 a bad command line or data set.
 */
public final class RelevanceSuiteCommand {
    /** Where the data sets are by default: beside the project, as in CI. */
    public static final String DEFAULT_DATA_ROOT = "../shared/data";
    /** The committed baseline, relative to the project root. */
    public static final String DEFAULT_BASELINE = "kb-bench/relevance-baseline.json";

    static final String USAGE = """
            Usage: java -jar kb-bench.jar relevance-suite [--data-root DIR] [--out DIR] [--baseline FILE]
                                                          [--tolerance X] [--update-baseline]

            Runs the relevance harness on every data set in DIR (each sub-folder with corpus.jsonl) and compares
            the system's nDCG@10 with the committed baseline: a drop of more than X fails the command.

              --data-root DIR     folder of data sets (default ../shared/data); when it does not exist the
                                  command skips relevance and succeeds, unless the environment has CI=true
              --out DIR           where to write <set>.json per data set (default target/kb-bench/relevance)
              --baseline FILE     the committed baseline (default kb-bench/relevance-baseline.json)
              --tolerance X       the largest allowed nDCG@10 drop (default 0.01)
              --update-baseline   write this run's figures into the baseline file instead of gating; commit the
                                  file together with the change that moved the figures, and say why
            """;

    private RelevanceSuiteCommand() {}

    /**
     * The parsed command line.
     *
     * @param dataRoot the folder of data sets
     * @param out where the per-set JSON reports go
     * @param baseline the baseline file
     * @param tolerance the largest allowed drop
     * @param update whether to write the baseline instead of gating
     * @param help whether only the usage was asked for
     */
    record Options(Path dataRoot, Path out, Path baseline, double tolerance, boolean update, boolean help) {
        static Options parse(List<String> args) {
            Map<String, String> values = new LinkedHashMap<>();
            boolean update = false;
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                switch (arg) {
                    case "--help", "-h" -> {
                        return new Options(Path.of(""), Path.of(""), Path.of(""), 0, false, true);
                    }
                    case "--update-baseline" -> update = true;
                    case "--data-root", "--out", "--baseline", "--tolerance" -> {
                        if (i + 1 >= args.size()) {
                            throw new UsageException(arg + " needs a value");
                        }
                        if (values.put(arg, args.get(++i)) != null) {
                            throw new UsageException(arg + " was given twice");
                        }
                    }
                    default ->
                        throw new UsageException("Unknown argument \"" + arg + "\"; valid options: --data-root,"
                                + " --out, --baseline, --tolerance, --update-baseline, --help");
                }
            }
            double tolerance;
            String toleranceText = values.getOrDefault("--tolerance", Double.toString(RelevanceGate.DEFAULT_TOLERANCE));
            try {
                tolerance = Double.parseDouble(toleranceText);
            } catch (NumberFormatException e) {
                throw new UsageException("--tolerance must be a number such as 0.01, was \"" + toleranceText + "\"");
            }
            if (!(tolerance >= 0 && tolerance < 1)) {
                throw new UsageException("--tolerance must be at least 0 and below 1, was " + toleranceText);
            }
            return new Options(
                    Path.of(values.getOrDefault("--data-root", DEFAULT_DATA_ROOT)),
                    Path.of(values.getOrDefault("--out", "target/kb-bench/relevance")),
                    Path.of(values.getOrDefault("--baseline", DEFAULT_BASELINE)),
                    tolerance,
                    update,
                    false);
        }
    }

    /** Runs the command with the arguments after {@code relevance-suite}, reading {@code CI} from the environment. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        return run(args, "true".equalsIgnoreCase(System.getenv("CI")), out, err);
    }

    /**
     * Runs the command.
     *
     * @param ci whether this is a CI run, where a missing data folder is an error
     * @return the exit code
     */
    static int run(List<String> args, boolean ci, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (UsageException e) {
            err.println("relevance-suite: " + e.getMessage());
            err.println();
            err.print(USAGE);
            return RelevanceCommand.USAGE;
        }
        if (options.help()) {
            out.print(USAGE);
            return RelevanceCommand.OK;
        }
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
            for (Path set : sets) {
                measured.put(set.getFileName().toString(), runOne(set, options.out(), out));
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
            return report(RelevanceGate.compare(baseline.orElseThrow(), ndcg, options.tolerance()), out, err);
        } catch (DatasetException e) {
            err.println("relevance-suite: " + e.getMessage());
            return RelevanceCommand.USAGE;
        } catch (IOException e) {
            err.println("relevance-suite: cannot write the reports: " + e);
            return RelevanceCommand.FAILED;
        }
    }

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

    private static RelevanceBaseline.Entry runOne(Path directory, Path outDir, PrintStream out) throws IOException {
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
        return new RelevanceBaseline.Entry(language.tag(), system);
    }

    private static List<Path> dataSets(Path root) throws IOException {
        try (Stream<Path> children = Files.list(root)) {
            return new ArrayList<>(children.filter(p -> Files.isRegularFile(p.resolve(DatasetReader.CORPUS)))
                    .sorted()
                    .toList());
        }
    }
}
