package org.kcskb.bench.relevance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.kcskb.bench.Cli;
import picocli.CommandLine.ParameterException;

/**
 * The checked command line of {@code relevance} ({@link RelevanceCommand} declares its options), with messages
 * naming the valid values.
 *
 * @param dataDirectory the data set directory
 * @param jsonFile where to write the JSON report, if anywhere
 * @param language the corpus language, or empty to detect it (or to evaluate per document with {@code mixed})
 * @param mixed whether {@code --lang mixed} asked for each document and query in its own language
 * @param typos edits per query, 0 or more
 * @param baselineOnly whether to skip the system run
 * @param engine the search engine the system runs on: {@code lucene} (embedded, the default) or {@code opensearch}
 * @param openSearchUrls the cluster's addresses, for the {@code opensearch} engine
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
        boolean ignoreContext) {

    /** The {@code --lang} value that evaluates each document and query in its own language. */
    static final String MIXED = "mixed";

    RelevanceOptions {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(jsonFile, "jsonFile");
        Objects.requireNonNull(language, "language");
    }

    /**
     * Parses the arguments after {@code relevance} as the command does.
     *
     * @throws ParameterException naming the bad argument
     */
    static RelevanceOptions parse(List<String> args) {
        return Cli.parse(new RelevanceCommand(System.out, System.err), args).options();
    }

    /**
     * Checks the values the command line gave and returns them as options.
     *
     * @throws UsageException naming the bad value
     */
    static RelevanceOptions of(
            Path data,
            Path json,
            String lang,
            int typos,
            boolean baselineOnly,
            String engine,
            List<String> openSearchUrls,
            boolean ignoreContext) {
        if (!List.of("lucene", "opensearch").contains(engine)) {
            throw new UsageException("--engine must be lucene or opensearch, was \"" + engine + "\"");
        }
        List<String> urls = List.copyOf(openSearchUrls);
        if (engine.equals("opensearch") && urls.isEmpty()) {
            throw new UsageException("--engine opensearch needs --opensearch-url, such as http://localhost:9200");
        }
        if (!engine.equals("opensearch") && !urls.isEmpty()) {
            throw new UsageException("--opensearch-url applies to --engine opensearch only");
        }
        if (typos < 0) {
            throw new UsageException("--typos must be a whole number of 0 or more, was " + typos);
        }
        Optional<Path> jsonFile = Optional.ofNullable(json);
        jsonFile.ifPresent(RelevanceOptions::checkJsonTarget);
        boolean mixed = MIXED.equals(lang);
        return new RelevanceOptions(
                data,
                jsonFile,
                Optional.ofNullable(lang).filter(l -> !mixed).map(RelevanceOptions::language),
                mixed,
                typos,
                baselineOnly,
                engine,
                urls,
                ignoreContext);
    }

    private static Language language(String tag) {
        try {
            return Language.fromTag(tag);
        } catch (UsageException e) {
            throw new UsageException("Unknown language \"" + tag + "\" for --lang; valid values: de, en, " + MIXED);
        }
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
