package org.kcskb.bench.relevance;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.Callable;
import org.kcskb.bench.Cli;
import org.kcskb.bench.Main;
import org.kcskb.opensearch.OpenSearchEngineProvider;
import org.kcskb.search.spi.SearchEngineProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code relevance} command: loads a data set, runs the system and the baseline, prints the table and
 * optionally writes JSON.
 *
 * <p>Exit codes: 0 success, 1 the run failed, 2 a bad command line or data set (a message, never a stack trace).
 */
@Command(
        name = "relevance",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        sortOptions = false,
        usageHelpWidth = 110,
        description = "Evaluates the knowledge base's search against a plain Lucene BM25 baseline on one data set.",
        footer = {"", "Exit codes: 0 done, 1 the run failed, 2 a bad command line or data set."})
public final class RelevanceCommand implements Callable<Integer> {
    /** Exit code of a successful run. */
    public static final int OK = Cli.OK;
    /** Exit code when the run itself failed. */
    public static final int FAILED = Cli.FAILED;
    /** Exit code of a user mistake: bad arguments or a missing or malformed data set. */
    public static final int USAGE = Cli.USAGE;

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--data",
            paramLabel = "DIR",
            required = true,
            description = "directory with corpus.jsonl, queries.jsonl and qrels.tsv")
    private Path data;

    @Option(
            names = "--json",
            paramLabel = "FILE",
            description = "also write the results as JSON to FILE (its directory must exist)")
    private Path json;

    @Option(
            names = "--lang",
            paramLabel = "LANG",
            description = {
                "de or en: one language for the whole set; mixed: every document and query in its own language (its"
                        + " \"lang\" field, else detected). Without --lang: mixed when the files' \"lang\" fields"
                        + " name both languages or the detector finds each in a fifth of the documents, else the"
                        + " detected corpus language"
            })
    private String lang;

    @Option(
            names = "--typos",
            paramLabel = "N",
            defaultValue = "0",
            description = "put N deterministic typing errors into every query (default: ${DEFAULT-VALUE})")
    private int typos;

    @Option(names = "--baseline-only", description = "run only the BM25 baseline (for example without a search engine)")
    private boolean baselineOnly;

    @Option(
            names = "--engine",
            paramLabel = "NAME",
            defaultValue = "lucene",
            description = "the knowledge base's search engine: lucene (embedded, the default) or opensearch")
    private String engine;

    @Option(
            names = "--opensearch-url",
            paramLabel = "URL",
            split = ",",
            description = "the cluster's HTTP address(es), comma-separated, for --engine opensearch (a run writes"
                    + " indices named kb-relevance-* and deletes them when it ends)")
    private List<String> openSearchUrls = new ArrayList<>();

    @Option(
            names = "--ignore-context",
            description = "search without the queries' \"context\" fields (the asker's environment), to measure"
                    + " what the context adds")
    private boolean ignoreContext;

    private final PrintStream out;
    private final PrintStream err;

    RelevanceCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** The command printing to the given streams. */
    public static RelevanceCommand printingTo(PrintStream out, PrintStream err) {
        return new RelevanceCommand(out, err);
    }

    /** The OpenSearch engine on the given cluster, with indices of a run's own (named after its store). */
    static SearchEngineProvider openSearch(List<String> urls) {
        return OpenSearchEngineProvider.builder()
                .urls(urls)
                .indexPrefix("kb-relevance")
                .requestTimeout(java.time.Duration.ofMinutes(2))
                .build();
    }

    /**
     * Runs the command with the arguments after {@code relevance}.
     *
     * @return the exit code
     */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        return Cli.execute(new RelevanceCommand(out, err), args, out, err);
    }

    /** The options the command line gave, checked. */
    RelevanceOptions options() {
        try {
            return RelevanceOptions.of(data, json, lang, typos, baselineOnly, engine, openSearchUrls, ignoreContext);
        } catch (UsageException e) {
            throw Cli.usageError(spec, e.getMessage());
        }
    }

    @Override
    public Integer call() {
        RelevanceOptions options = options();
        if (!options.baselineOnly()
                && options.engine().equals("lucene")
                && ServiceLoader.load(SearchEngineProvider.class).findFirst().isEmpty()) {
            err.println("relevance: no search engine on the class path, so the system cannot be evaluated. Build"
                    + " kb-bench.jar with org.kcskb:kb-index, or pass --baseline-only to evaluate only the baseline.");
            return USAGE;
        }
        try {
            long start = System.nanoTime();
            Dataset dataset = Dataset.load(options.dataDirectory());
            long loaded = System.nanoTime();
            out.printf(
                    Locale.ROOT,
                    "Loaded %s in %,.0f ms: %d documents, %d queries, %d judgments%n",
                    dataset.name(),
                    (loaded - start) / 1e6,
                    dataset.documents().size(),
                    dataset.queries().size(),
                    dataset.qrels().size());
            var settings = settings(options, dataset, out, err);
            if (settings == null) {
                return USAGE;
            }
            long withContext = dataset.queries().stream()
                    .filter(q -> !q.context().isEmpty())
                    .count();
            if (withContext > 0) {
                out.println("Context: " + withContext + " queries carry the asker's environment, "
                        + (options.ignoreContext() ? "ignored (--ignore-context)" : "searched with"));
            }
            settings = settings.ignoringContext(options.ignoreContext());
            RelevanceReport report = options.engine().equals("opensearch")
                    ? RelevanceHarness.run(dataset, settings, openSearch(options.openSearchUrls()))
                    : RelevanceHarness.run(dataset, settings);
            out.println();
            out.print(ReportFormat.table(report));
            if (options.jsonFile().isPresent()) {
                ReportFormat.writeJson(report, options.jsonFile().get());
                out.println("Wrote " + options.jsonFile().get().toAbsolutePath());
            }
            return OK;
        } catch (DatasetException e) {
            err.println("relevance: " + e.getMessage());
            return USAGE;
        } catch (IOException e) {
            err.println("relevance: cannot write " + options.jsonFile().orElseThrow() + ": " + e);
            return FAILED;
        } catch (RuntimeException e) {
            err.println("relevance: the run failed: " + e);
            e.printStackTrace(err);
            return FAILED;
        }
    }

    private static RelevanceHarness.Settings settings(
            RelevanceOptions options, Dataset dataset, PrintStream out, PrintStream err) {
        int typos = options.typos();
        if (options.language().isPresent()) {
            Language language = options.language().get();
            out.println("Language: " + language.tag() + " (given)");
            return new RelevanceHarness.Settings(language, "given", typos, options.baselineOnly());
        }
        var detection = CorpusLanguage.detect(dataset.documents());
        var declared = CorpusLanguage.declared(dataset);
        Optional<String> mixedBecause = mixedBecause(options.mixed(), declared, detection);
        if (mixedBecause.isPresent()) {
            // Baseline documents that neither state nor reveal a language go to the corpus's majority language
            // (German when there is no clear one); the system lets the library decide those.
            Language fallback = detection.language().orElse(Language.GERMAN);
            String source = mixedBecause.get() + "; " + perItemSources(dataset);
            out.println("Language: mixed (" + source + ")");
            return new RelevanceHarness.Settings(fallback, source, typos, options.baselineOnly(), true);
        }
        if (detection.language().isEmpty()) {
            err.println("relevance: cannot tell the corpus language (" + detection.evidence()
                    + "); pass --lang de, --lang en or --lang mixed");
            return null;
        }
        Language language = detection.language().get();
        out.println("Language: " + language.tag() + " (detected; " + detection.evidence() + ")");
        return new RelevanceHarness.Settings(language, "detected", typos, options.baselineOnly());
    }

    /**
     * Returns why a data set without {@code --lang de|en} is evaluated per document, or empty when it has one
     * language: asked for with {@code --lang mixed}, or {@code lang} fields naming both languages, or a detection
     * that found both.
     */
    static Optional<String> mixedBecause(boolean asked, Set<Language> declared, CorpusLanguage.Detection detection) {
        if (asked) {
            return Optional.of("given");
        }
        if (declared.size() > 1) {
            return Optional.of("the data set's lang fields name " + declared.size() + " languages");
        }
        if (detection.mixed()) {
            return Optional.of("detected; " + detection.evidence());
        }
        return Optional.empty();
    }

    /** Says where the documents' and queries' languages come from: their lang fields or a detection. */
    private static String perItemSources(Dataset dataset) {
        long documents = dataset.documents().stream()
                .filter(d -> d.language().isPresent())
                .count();
        long queries =
                dataset.queries().stream().filter(q -> q.language().isPresent()).count();
        return String.format(
                Locale.ROOT,
                "%d of %d documents and %d of %d queries state their language, the library detects the others'",
                documents,
                dataset.documents().size(),
                queries,
                dataset.queries().size());
    }
}
