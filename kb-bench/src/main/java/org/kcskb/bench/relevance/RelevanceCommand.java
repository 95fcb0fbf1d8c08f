package org.kcskb.bench.relevance;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
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
