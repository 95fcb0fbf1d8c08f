package org.kcskb.bench.relevance;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import org.kcskb.opensearch.OpenSearchEngineProvider;
import org.kcskb.search.spi.SearchEngineProvider;

/**
 * The {@code relevance} command: loads a data set, runs the system and the baseline, prints the table and
 * optionally writes JSON.
 *
 * <p>Exit codes: 0 success, 1 the run failed, 2 a bad command line or data set (a message, never a stack trace).
 */
public final class RelevanceCommand {
    /** Exit code of a successful run. */
    public static final int OK = 0;
    /** Exit code when the run itself failed. */
    public static final int FAILED = 1;
    /** Exit code of a user mistake: bad arguments or a missing or malformed data set. */
    public static final int USAGE = 2;

    private RelevanceCommand() {}

    /** Returns the usage text of the command. */
    public static String usage() {
        return RelevanceOptions.USAGE;
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
        RelevanceOptions options;
        try {
            options = RelevanceOptions.parse(args);
        } catch (UsageException e) {
            err.println("relevance: " + e.getMessage());
            err.println();
            err.print(RelevanceOptions.USAGE);
            return USAGE;
        }
        if (options.help()) {
            out.print(RelevanceOptions.USAGE);
            return OK;
        }
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
        if (detection.language().isEmpty()) {
            err.println("relevance: cannot tell the corpus language (" + detection.evidence()
                    + "); pass --lang de or --lang en");
            return null;
        }
        Language language = detection.language().get();
        out.println("Language: " + language.tag() + " (detected; " + detection.evidence() + ")");
        return new RelevanceHarness.Settings(language, "detected", typos, options.baselineOnly());
    }
}
