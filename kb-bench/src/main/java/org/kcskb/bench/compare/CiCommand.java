package org.kcskb.bench.compare;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.kcskb.bench.Cli;
import org.kcskb.bench.Main;
import org.kcskb.bench.relevance.RelevanceSuiteCommand;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code ci} command: the benchmark profile a CI runs after its tests, in one call. First {@code
 * relevance-suite} (every data set, gated against the committed baseline), then {@code compare --quick} (the
 * summary of kb, Lucene and Solr, with the kb/lucene ratio gate). Both always run; the exit code is 1 when either
 * failed.
 */
@Command(
        name = "ci",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        sortOptions = false,
        usageHelpWidth = 110,
        description = {
            "The CI profile: relevance-suite, then compare --quick.",
            "",
            "The CI profile, a few minutes on two cores: relevance JSON for every data set in DIR gated against the"
                    + " baseline FILE (nDCG@10 may drop at most 0.01), then the quick search comparison of kb, raw"
                    + " Lucene and Solr (OUT/summary.csv, summary.json and the table) with the paired kb/lucene"
                    + " ratio gate (-Dkb.bench.gate.ratio, default 3.0; off reports only). Relevance reports go to"
                    + " OUT/relevance."
        })
public final class CiCommand implements Callable<Integer> {
    @Option(
            names = "--data-root",
            paramLabel = "DIR",
            defaultValue = RelevanceSuiteCommand.DEFAULT_DATA_ROOT,
            description = "folder of data sets (default: ${DEFAULT-VALUE})")
    private String dataRoot;

    @Option(
            names = "--baseline",
            paramLabel = "FILE",
            defaultValue = RelevanceSuiteCommand.DEFAULT_BASELINE,
            description = "the committed relevance baseline (default: ${DEFAULT-VALUE})")
    private String baseline;

    @Option(
            names = "--out",
            paramLabel = "OUT",
            defaultValue = "target/kb-bench",
            description = "where the reports go (default: ${DEFAULT-VALUE})")
    private String outDir;

    @ArgGroup(exclusive = true)
    private SolrChoice solr;

    /** {@code --solr-jar FILE} or {@code --no-solr}, not both. */
    static final class SolrChoice {
        @Option(names = "--solr-jar", paramLabel = "FILE", description = "the Solr benchmarks jar")
        String solrJar;

        @Option(names = "--no-solr", description = "do not run Solr")
        boolean noSolr;
    }

    private final PrintStream out;
    private final PrintStream err;

    CiCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** The command printing to the given streams. */
    public static CiCommand printingTo(PrintStream out, PrintStream err) {
        return new CiCommand(out, err);
    }

    /** Runs the command with the arguments after {@code ci}; returns the exit code. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        return Cli.execute(new CiCommand(out, err), args, out, err);
    }

    @Override
    public Integer call() {
        var compare = new ArrayList<String>(List.of("--quick"));
        if (solr != null && solr.noSolr) {
            compare.add("--no-solr");
        }
        if (solr != null && solr.solrJar != null) {
            compare.addAll(List.of("--solr-jar", solr.solrJar));
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
        return relevance == 0 && timings == 0 ? Cli.OK : Cli.FAILED;
    }
}
