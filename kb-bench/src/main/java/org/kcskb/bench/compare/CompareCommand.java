package org.kcskb.bench.compare;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.kcskb.bench.Cli;
import org.kcskb.bench.Main;
import org.kcskb.bench.corpus.BenchmarkCorpus;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The {@code compare} command: runs the search benchmarks of every engine with the same parameters, kb and raw
 * Lucene from this jar, Solr from {@code kb-bench-solr.jar} in its own JVM (Solr brings Lucene 9), the library on
 * OpenSearch and raw OpenSearch from {@code kb-bench-opensearch.jar} in its own JVM (a one-node cluster in each
 * fork; not in the quick profile unless asked), and {@code
 * PairedSearchBenchmark} (kb and raw Lucene interleaved query by query in one fork, the {@link RatioGate}'s
 * measurement); then writes the JMH JSON of each, {@code summary.csv}, {@code summary.json} and {@code report.html}
 * (charts of the same figures, {@link CompareReport}), prints one table and applies the gate.
 *
 * <p>Exit codes: 0 done (gate passed or off), 1 a benchmark failed or the gate failed, 2 a bad command line.
 */
@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        sortOptions = false,
        usageHelpWidth = 110,
        description = {
            "Search latency of kb, raw Lucene, Solr and OpenSearch on the same workloads, in one table.",
            "",
            "Runs the search benchmarks on kb, raw Lucene and embedded Solr with the same parameters, then kb and raw"
                    + " Lucene interleaved query by query in one fork (the \"paired\" rows, what the ratio gate"
                    + " reads), then the library on OpenSearch (kb-opensearch) and raw OpenSearch (opensearch) on a"
                    + " one-node OpenSearch cluster started in each fork, and prints one table (workload, engine,"
                    + " score, kb/lucene, kb/solr, kb/opensearch, kb-opensearch/opensearch); writes"
                    + " DIR/jmh-kb-lucene.json, DIR/jmh-paired.json, DIR/jmh-solr.json, DIR/jmh-opensearch.json,"
                    + " DIR/summary.csv, DIR/summary.json and DIR/report.html (charts: latency by corpus size per"
                    + " engine and workload, the paired ratio against the gate)."
        },
        footer = {
            "",
            "-Dkb.bench.gate.ratio=X fails the command when the paired kb/lucene ratio on the text workload at 100k"
                    + " articles exceeds X (default 3.0; off reports only). -Dkb.bench.data=DIR names the folder of"
                    + " data sets for corpus=<data set>."
        })
public final class CompareCommand implements Callable<Integer> {
    /**
     * The JMH options of the quick profile that CI runs: a few minutes on two cores, timings indicative only. Two
     * corpus sizes: 10k, where the library's fixed work per query dominates, and 100k, where a search reads real
     * postings and whose paired ratio ({@link #QUICK_PAIRED}) {@link RatioGate} gates.
     */
    static final List<String> QUICK = List.of(
            // option, value pairs (without relies on it)
            "-f", "1", // one fork
            // The library's search path is large: on two cores its JIT took 10 to 22 s to reach steady state (a
            // probe and JMH at 10k and 100k articles), and a shorter warmup measured it 10 to 50 % slow. Solr too.
            "-wi", "12",
            "-w", "2s",
            "-i", "5",
            "-r", "1s",
            "-bm", "avgt",
            "-p", "corpus=synthetic-10k,synthetic-100k",
            "-p", "workload=text",
            "-p", "limit=10",
            "-p", "hits=default");

    /**
     * What the quick profile changes for {@code PairedSearchBenchmark}, the measurement {@link RatioGate} gates: the
     * gated corpus only, and twice the measurement iterations (the pairs are what the gate reads).
     */
    static final List<String> QUICK_PAIRED = List.of("-p", "corpus=synthetic-100k", "-i", "10");

    static final String KB_BENCHMARKS = "org\\.kcskb\\.bench\\.search\\.SearchBenchmark\\.search";
    static final String PAIRED_BENCHMARKS = "org\\.kcskb\\.bench\\.search\\.PairedSearchBenchmark\\.paired";
    static final String SOLR_BENCHMARKS = "org\\.kcskb\\.bench\\.solr\\.SolrSearchBenchmark\\.search";
    static final String DEFAULT_SOLR_JAR = "kb-bench-solr/target/kb-bench-solr.jar";
    static final String OPENSEARCH_BENCHMARKS = "org\\.kcskb\\.bench\\.opensearch\\.OpenSearchSearchBenchmark\\.search";
    static final String DEFAULT_OPENSEARCH_JAR = "kb-bench-opensearch/target/kb-bench-opensearch.jar";

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--quick",
            description = "the CI profile: 10k and 100k synthetic articles, text queries, 1 fork, 12 x 2 s warmup,"
                    + " 5 x 1 s measurement, paired at 100k only with 10 x 1 s (a few minutes; timings indicative"
                    + " only). Without it: the full matrix with the benchmarks' own settings (2 forks, 10 warmup"
                    + " and 5 or 10 measurement iterations)")
    private boolean quick;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            defaultValue = "target/kb-bench",
            description = "where the files go (default: ${DEFAULT-VALUE})")
    private Path outDir;

    @ArgGroup(exclusive = true)
    private SolrChoice solr;

    /** {@code --solr-jar FILE} or {@code --no-solr}, not both. */
    static final class SolrChoice {
        @Option(
                names = "--solr-jar",
                paramLabel = "FILE",
                description = "the Solr benchmarks (default " + DEFAULT_SOLR_JAR + "; build it with ./mvnw -pl"
                        + " kb-bench-solr -am package -DskipTests)")
        Path solrJar;

        @Option(names = "--no-solr", description = "do not run Solr")
        boolean noSolr;
    }

    @Option(
            names = "--opensearch-jar",
            paramLabel = "FILE",
            defaultValue = DEFAULT_OPENSEARCH_JAR,
            description = "the OpenSearch benchmarks (default: ${DEFAULT-VALUE}; build it with ./mvnw -pl"
                    + " kb-bench-opensearch -am package -DskipTests)")
    private Path openSearchJar;

    @ArgGroup(exclusive = true)
    private OpenSearchChoice openSearch;

    /** {@code --opensearch} or {@code --no-opensearch}, not both. */
    static final class OpenSearchChoice {
        @Option(
                names = "--opensearch",
                description = "run OpenSearch in the quick profile too (it does not by default: CI's time budget;"
                        + " the full profile runs it unless --no-opensearch)")
        boolean run;

        @Option(names = "--no-opensearch", description = "do not run OpenSearch")
        boolean skip;
    }

    @Parameters(
            paramLabel = "JMH-OPTIONS",
            arity = "0..*",
            description = "after --: passed to every engine's run, for example -- -p corpus=synthetic-100k")
    private List<String> jmh = new ArrayList<>();

    private final PrintStream out;
    private final PrintStream err;

    CompareCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** The command printing to the given streams. */
    public static CompareCommand printingTo(PrintStream out, PrintStream err) {
        return new CompareCommand(out, err);
    }

    /**
     * The checked command line.
     *
     * @param quick whether to run the CI profile
     * @param out where the files go
     * @param solrJar the Solr benchmark jar, or {@code null} for no Solr
     * @param openSearchJar the OpenSearch benchmark jar, or {@code null} for no OpenSearch ({@code
     *     --no-opensearch}, or the quick profile without {@code --opensearch})
     * @param jmh extra JMH options for every engine
     * @param openSearchWhy why OpenSearch does not run, when it does not
     */
    record Options(boolean quick, Path out, Path solrJar, Path openSearchJar, List<String> jmh, String openSearchWhy) {
        /** Parses the arguments after {@code compare} as the command does. */
        static Options parse(List<String> args) {
            return Cli.parse(new CompareCommand(System.out, System.err), args).options();
        }
    }

    /** The options the command line gave, checked. */
    Options options() {
        if (!jmh.isEmpty()
                && !spec.commandLine().getParseResult().originalArgs().contains("--")) {
            throw Cli.usageError(
                    spec,
                    "Unknown argument \"" + jmh.getFirst() + "\"; JMH options go after --, for"
                            + " example compare --quick -- -p corpus=synthetic-100k");
        }
        boolean noSolr = solr != null && solr.noSolr;
        Path solrJar = solr != null && solr.solrJar != null ? solr.solrJar : Path.of(DEFAULT_SOLR_JAR);
        boolean skipOpenSearch = openSearch != null && openSearch.skip;
        boolean runOpenSearch = !skipOpenSearch && (!quick || (openSearch != null && openSearch.run));
        return new Options(
                quick,
                outDir,
                noSolr ? null : solrJar,
                runOpenSearch ? openSearchJar : null,
                List.copyOf(jmh),
                skipOpenSearch ? "--no-opensearch" : "quick profile; add --opensearch");
    }

    /** Runs the command with the arguments after {@code compare}; returns the exit code. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        return Cli.execute(new CompareCommand(out, err), args, out, err);
    }

    @Override
    public Integer call() {
        Options options = options();
        try {
            Files.createDirectories(options.out());
            var results = new ArrayList<JmhResult>();
            Path kbJson = options.out().resolve("jmh-kb-lucene.json");
            out.println("compare: kb and lucene (this JVM's JMH, forked)");
            new Runner(new CommandLineOptions(
                            jmhArgs(KB_BENCHMARKS, options, kbJson).toArray(String[]::new)))
                    .run();
            results.addAll(JmhResult.read(kbJson));
            Path pairedJson = options.out().resolve("jmh-paired.json");
            out.println("compare: kb and lucene interleaved query by query in one fork (the ratio gate's measurement)");
            new Runner(new CommandLineOptions(jmhArgs(PAIRED_BENCHMARKS, QUICK_PAIRED, options, pairedJson)
                            .toArray(String[]::new)))
                    .run();
            results.addAll(JmhResult.read(pairedJson));
            if (options.solrJar() == null) {
                out.println("compare: solr not run (--no-solr)");
            } else if (!Files.isRegularFile(options.solrJar())) {
                out.println("compare: solr SKIPPED: no " + options.solrJar().toAbsolutePath() + "; build it with"
                        + " ./mvnw -pl kb-bench-solr -am package -DskipTests, or pass --solr-jar FILE");
            } else {
                Path solrJson = options.out().resolve("jmh-solr.json");
                out.println("compare: solr (" + options.solrJar() + ", its own JVM)");
                int code = runJar(options.solrJar(), SOLR_BENCHMARKS, options, solrJson);
                if (code != 0) {
                    err.println("compare: the Solr benchmarks failed (exit code " + code + "); see the output above");
                    return 1;
                }
                results.addAll(JmhResult.read(solrJson));
            }
            if (options.openSearchJar() == null) {
                out.println("compare: opensearch not run (" + options.openSearchWhy() + ")");
            } else if (!Files.isRegularFile(options.openSearchJar())) {
                out.println("compare: opensearch SKIPPED: no "
                        + options.openSearchJar().toAbsolutePath()
                        + "; build it with ./mvnw -pl kb-bench-opensearch -am package -DskipTests, or pass"
                        + " --opensearch-jar FILE or --no-opensearch");
            } else {
                Path openSearchJson = options.out().resolve("jmh-opensearch.json");
                out.println("compare: kb-opensearch and opensearch (" + options.openSearchJar()
                        + ", its own JVM; a one-node cluster in each fork)");
                int code = runJar(options.openSearchJar(), OPENSEARCH_BENCHMARKS, options, openSearchJson);
                if (code != 0) {
                    err.println(
                            "compare: the OpenSearch benchmarks failed (exit code " + code + "); see the output above");
                    return 1;
                }
                results.addAll(JmhResult.read(openSearchJson));
            }
            Summary summary = Summary.of(results);
            summary.write(options.out());
            out.println();
            out.println("Summary (" + (options.quick() ? "quick profile: smoke figures, 1 fork" : "full profile")
                    + "; ratio = the first engine's time per operation / the second's):");
            out.print(summary.table());
            String threshold = System.getProperty(RatioGate.PROPERTY, RatioGate.DEFAULT_THRESHOLD);
            var verdict = RatioGate.check(summary, threshold);
            CompareReport.of(summary, verdict, threshold, options.quick())
                    .write(options.out().resolve("report.html"));
            out.println("Wrote " + options.out().resolve("summary.csv") + ", summary.json, report.html, jmh-*.json");
            (verdict.passed() ? out : err).println(verdict.message());
            return verdict.passed() ? 0 : 1;
        } catch (CommandLineOptionException e) {
            err.println("compare: bad JMH option: " + e.getMessage());
            return 2;
        } catch (RunnerException e) {
            err.println("compare: a benchmark failed: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("compare: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("compare: interrupted");
            return 1;
        } catch (IllegalArgumentException e) {
            err.println("compare: " + e.getMessage());
            return 2;
        }
    }

    static List<String> jmhArgs(String benchmarks, Options options, Path json) {
        return jmhArgs(benchmarks, List.of(), options, json);
    }

    /**
     * Returns the JMH command line for {@code benchmarks}: in the quick profile {@link #QUICK}, overridden by
     * {@code quickChanges}, overridden by the caller's options; otherwise the caller's options only.
     */
    static List<String> jmhArgs(String benchmarks, List<String> quickChanges, Options options, Path json) {
        var args = new ArrayList<String>();
        args.add(benchmarks);
        if (options.quick()) {
            var changes = new ArrayList<>(quickChanges);
            changes.addAll(options.jmh());
            args.addAll(without(QUICK, changes));
            args.addAll(without(quickChanges, options.jmh()));
        }
        args.addAll(options.jmh());
        args.addAll(List.of("-foe", "true", "-rf", "json", "-rff", json.toString()));
        return args;
    }

    /**
     * Returns {@code profile} (option, value pairs) without the options that {@code overrides} gives: JMH adds up
     * repeated {@code -p} values and rejects repeated single-valued options, so the later choice replaces the
     * profile's.
     */
    static List<String> without(List<String> profile, List<String> overrides) {
        var given = new java.util.HashSet<String>();
        for (int i = 0; i + 1 < overrides.size(); i++) {
            if (overrides.get(i).startsWith("-")) {
                given.add(key(overrides.get(i), overrides.get(i + 1)));
            }
        }
        var kept = new ArrayList<String>();
        for (int i = 0; i + 1 < profile.size(); i += 2) {
            if (!given.contains(key(profile.get(i), profile.get(i + 1)))) {
                kept.add(profile.get(i));
                kept.add(profile.get(i + 1));
            }
        }
        return kept;
    }

    private static String key(String option, String value) {
        return option.equals("-p") ? "-p " + value.substring(0, Math.max(0, value.indexOf('='))) : option;
    }

    /** Runs {@code benchmarks} from {@code jar} in a JVM of its own, as this one runs; returns its exit code. */
    private static int runJar(Path jar, String benchmarks, Options options, Path json)
            throws IOException, InterruptedException {
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // The forks of that JVM inherit its -D options, as this JVM's forks inherit ours.
        command.add("-D" + BenchmarkCorpus.DATA_PROPERTY + "="
                + BenchmarkCorpus.dataRoot().toAbsolutePath().normalize());
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(jmhArgs(benchmarks, options, json));
        return new ProcessBuilder(command).inheritIO().start().waitFor();
    }
}
