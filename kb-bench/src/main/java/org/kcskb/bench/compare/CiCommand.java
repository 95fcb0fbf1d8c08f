package org.kcskb.bench.compare;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.kcskb.bench.relevance.RelevanceSuiteCommand;

/**
 * The {@code ci} command: the benchmark profile a CI runs after its tests, in one call. First {@code
 * relevance-suite} (every data set, gated against the committed baseline), then {@code compare --quick} (the
 * summary of kb, Lucene and Solr, with the kb/lucene ratio gate). Both always run; the exit code is 1 when either
 * failed.
 */
public final class CiCommand {
    static final String USAGE = """
            Usage: java -jar kb-bench.jar ci [--data-root DIR] [--baseline FILE] [--out DIR]
                                             [--solr-jar FILE | --no-solr]

            The CI profile, a few minutes on two cores: relevance JSON for every data set in DIR (default
            ../shared/data) gated against FILE (default kb-bench/relevance-baseline.json; nDCG@10 may drop at most
            0.01), then the quick search comparison of kb, raw Lucene and Solr (OUT/summary.csv, summary.json and
            the table) with the paired kb/lucene ratio gate (-Dkb.bench.gate.ratio, default 3.0; off reports only). OUT
            defaults to target/kb-bench; relevance reports go to OUT/relevance.
            """;

    private CiCommand() {}

    /** Runs the command with the arguments after {@code ci}; returns the exit code. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        String dataRoot = RelevanceSuiteCommand.DEFAULT_DATA_ROOT;
        String baseline = RelevanceSuiteCommand.DEFAULT_BASELINE;
        String outDir = "target/kb-bench";
        var compare = new ArrayList<String>(List.of("--quick"));
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--help", "-h" -> {
                    out.print(USAGE);
                    return 0;
                }
                case "--no-solr" -> compare.add(arg);
                case "--data-root", "--baseline", "--out", "--solr-jar" -> {
                    if (i + 1 >= args.size()) {
                        err.println("ci: " + arg + " needs a value");
                        return 2;
                    }
                    String value = args.get(++i);
                    switch (arg) {
                        case "--data-root" -> dataRoot = value;
                        case "--baseline" -> baseline = value;
                        case "--out" -> outDir = value;
                        default -> compare.addAll(List.of(arg, value));
                    }
                }
                default -> {
                    err.println("ci: unknown argument \"" + arg + "\"; valid: --data-root, --baseline, --out,"
                            + " --solr-jar, --no-solr, --help");
                    err.print(USAGE);
                    return 2;
                }
            }
        }
        compare.addAll(List.of("--out", outDir));
        out.println("== kb-bench ci: relevance");
        int relevance = RelevanceSuiteCommand.run(
                List.of("--data-root", dataRoot, "--baseline", baseline, "--out", outDir + "/relevance"), out, err);
        out.println();
        out.println("== kb-bench ci: quick search comparison (smoke figures)");
        int timings = CompareCommand.run(compare, out, err);
        out.println();
        out.println("== kb-bench ci: relevance " + (relevance == 0 ? "passed" : "FAILED (exit " + relevance + ")")
                + ", comparison " + (timings == 0 ? "passed" : "FAILED (exit " + timings + ")"));
        return relevance == 0 && timings == 0 ? 0 : 1;
    }
}
