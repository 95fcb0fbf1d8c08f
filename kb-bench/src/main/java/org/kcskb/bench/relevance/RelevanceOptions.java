package org.kcskb.bench.relevance;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The command line of {@code relevance}: every option checked when parsed, with messages naming the valid
 * values.
 *
 * @param dataDirectory the data set directory
 * @param jsonFile where to write the JSON report, if anywhere
 * @param language the corpus language, or empty to detect it (or to evaluate per document with {@code mixed})
 * @param mixed whether {@code --lang mixed} asked for each document and query in its own language
 * @param typos edits per query, 0 or more
 * @param baselineOnly whether to skip the system run
 * @param engine the search engine the system runs on: {@code lucene} (embedded, the default) or {@code opensearch}
 * @param openSearchUrls the cluster's addresses, for the {@code opensearch} engine
 * @param help whether only the usage was asked for
 * @param ignoreContext whether the system searches without the queries' {@code context} ({@code --ignore-context})
 */
record RelevanceOptions(
        Path dataDirectory,
        Optional<Path> jsonFile,
        Optional<Language> language,
        boolean mixed,
        int typos,
        boolean baselineOnly,
        String engine,
        List<String> openSearchUrls,
        boolean help,
        boolean ignoreContext) {

    /** The {@code --lang} value that evaluates each document and query in its own language. */
    static final String MIXED = "mixed";

    static final String USAGE = """
            Usage: java -jar kb-bench.jar relevance --data DIR [--json FILE] [--lang de|en|mixed] [--typos N] [--baseline-only]
                       [--engine lucene|opensearch] [--opensearch-url URL[,URL...]] [--ignore-context]

            Evaluates the knowledge base's search against a plain Lucene BM25 baseline on one data set.

              --data DIR        directory with corpus.jsonl, queries.jsonl and qrels.tsv (required)
              --json FILE       also write the results as JSON to FILE (its directory must exist)
              --lang LANG       de or en: one language for the whole set; mixed: every document and query in
                                its own language (its "lang" field, else detected). Without --lang: mixed when
                                the files' "lang" fields name both languages or the detector finds each in a
                                fifth of the documents, else the detected corpus language
              --typos N         put N deterministic typing errors into every query (default 0)
              --baseline-only   run only the BM25 baseline (for example without a search engine)
              --engine NAME     the knowledge base's search engine: lucene (embedded, the default) or opensearch
              --opensearch-url  the cluster's HTTP address(es), comma-separated, for --engine opensearch (a run
                                writes indices named kb-relevance-* and deletes them when it ends)
              --ignore-context  search without the queries' "context" fields (the asker's environment), to
                                measure what the context adds
              --help            print this help
            """;

    RelevanceOptions {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(jsonFile, "jsonFile");
        Objects.requireNonNull(language, "language");
    }

    /**
     * Parses the arguments after {@code relevance}; options take their value as the next argument or after
     * {@code =}.
     *
     * @throws UsageException naming the bad argument
     */
    static RelevanceOptions parse(List<String> args) {
        if (args.contains("--help") || args.contains("-h")) {
            return new RelevanceOptions(
                    Path.of(""), Optional.empty(), Optional.empty(), false, 0, false, "lucene", List.of(), true, false);
        }
        Map<String, String> values = new HashMap<>();
        boolean baselineOnly = false;
        boolean ignoreContext = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--ignore-context")) {
                if (ignoreContext) {
                    throw new UsageException("--ignore-context was given twice");
                }
                ignoreContext = true;
                continue;
            }
            if (arg.equals("--baseline-only")) {
                if (baselineOnly) {
                    throw new UsageException("--baseline-only was given twice");
                }
                baselineOnly = true;
                continue;
            }
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (!List.of("--data", "--json", "--lang", "--typos", "--engine", "--opensearch-url")
                    .contains(name)) {
                throw new UsageException("Unknown argument \"" + arg
                        + "\"; valid options: --data, --json, --lang, --typos, --baseline-only, --engine,"
                        + " --opensearch-url, --ignore-context, --help");
            }
            String value;
            if (arg.contains("=")) {
                value = arg.substring(arg.indexOf('=') + 1);
            } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                value = args.get(++i);
            } else {
                throw new UsageException(name + " needs a value");
            }
            if (value.isBlank()) {
                throw new UsageException(name + " needs a value");
            }
            String earlier = values.putIfAbsent(name, value);
            if (earlier != null) {
                throw new UsageException(name + " was given twice: \"" + earlier + "\" and \"" + value + "\"");
            }
        }
        if (!values.containsKey("--data")) {
            throw new UsageException(
                    "--data DIR is required: the directory with corpus.jsonl, queries.jsonl and" + " qrels.tsv");
        }
        String engine = values.getOrDefault("--engine", "lucene");
        if (!List.of("lucene", "opensearch").contains(engine)) {
            throw new UsageException("--engine must be lucene or opensearch, was \"" + engine + "\"");
        }
        List<String> urls = values.containsKey("--opensearch-url")
                ? List.of(values.get("--opensearch-url").split(","))
                : List.of();
        if (engine.equals("opensearch") && urls.isEmpty()) {
            throw new UsageException("--engine opensearch needs --opensearch-url, such as http://localhost:9200");
        }
        if (!engine.equals("opensearch") && !urls.isEmpty()) {
            throw new UsageException("--opensearch-url applies to --engine opensearch only");
        }
        Optional<Path> json = Optional.ofNullable(values.get("--json")).map(v -> path("--json", v));
        json.ifPresent(RelevanceOptions::checkJsonTarget);
        String lang = values.get("--lang");
        boolean mixed = MIXED.equals(lang);
        return new RelevanceOptions(
                path("--data", values.get("--data")),
                json,
                Optional.ofNullable(lang).filter(l -> !mixed).map(RelevanceOptions::language),
                mixed,
                typos(values.getOrDefault("--typos", "0")),
                baselineOnly,
                engine,
                urls,
                false,
                ignoreContext);
    }

    private static Language language(String tag) {
        try {
            return Language.fromTag(tag);
        } catch (UsageException e) {
            throw new UsageException("Unknown language \"" + tag + "\" for --lang; valid values: de, en, " + MIXED);
        }
    }

    private static Path path(String option, String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new UsageException(option + " \"" + value + "\" is not a valid path: " + e.getReason());
        }
    }

    private static int typos(String value) {
        int typos;
        try {
            typos = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new UsageException("--typos must be a whole number of 0 or more, was \"" + value + "\"");
        }
        if (typos < 0) {
            throw new UsageException("--typos must be a whole number of 0 or more, was " + typos);
        }
        return typos;
    }

    /** Fails before the (possibly long) run when the report could not be written. */
    private static void checkJsonTarget(Path file) {
        Path absolute = file.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            throw new UsageException("--json " + file + " is a directory; give a file name such as results.json");
        }
        Path parent = absolute.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new UsageException(
                    "--json " + file + ": the directory " + parent + " does not exist; create it" + " first");
        }
    }
}
