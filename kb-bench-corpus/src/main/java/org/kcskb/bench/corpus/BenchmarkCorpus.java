package org.kcskb.bench.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The articles and queries of one benchmark corpus, named as in a JMH {@code corpus} parameter, so that every
 * engine (kb, raw Lucene, Solr) indexes the same articles and runs the same queries in the same order.
 *
 * <ul>
 *   <li>{@code synthetic-10k}, {@code synthetic-100k}, {@code synthetic-1m} (or any {@code synthetic-N}): the
 *       {@link SyntheticCorpus} of that size from seed {@value #CORPUS_SEED}, with {@value #SYNTHETIC_QUERIES}
 *       queries from seed {@value #QUERY_SEED}.
 *   <li>the name of a data set folder under {@link #dataRoot()}, for example {@code stackfaq-en}: its
 *       {@code corpus.jsonl} (title as title, text as issue, all public, language from the name's {@code -de} or
 *       {@code -en} suffix) and the texts of its {@code queries.jsonl} in file order.
 * </ul>
 *
 * @param name the corpus name
 * @param articles the articles, in indexing order
 * @param queries the query texts, in the order the benchmarks cycle through them
 */
public record BenchmarkCorpus(String name, List<CorpusArticle> articles, List<String> queries) {
    /** The seed of every synthetic corpus. */
    public static final long CORPUS_SEED = 42;
    /** The seed of the synthetic queries. */
    public static final long QUERY_SEED = 7;
    /** How many synthetic queries the benchmarks cycle through. */
    public static final int SYNTHETIC_QUERIES = 200;
    /** The system property naming the folder of data sets; JMH passes it on to its forks. */
    public static final String DATA_PROPERTY = "kb.bench.data";
    /** The folder of data sets when {@value #DATA_PROPERTY} is not set: beside the project, as in CI. */
    public static final String DEFAULT_DATA_ROOT = "../shared/data";

    private static final String SYNTHETIC = "synthetic-";
    private static final ObjectMapper JSON = new ObjectMapper();

    public BenchmarkCorpus {
        Objects.requireNonNull(name, "name");
        articles = List.copyOf(articles);
        queries = List.copyOf(queries);
        if (queries.isEmpty()) {
            throw new IllegalArgumentException("Corpus " + name + " has no queries; a search benchmark needs some");
        }
    }

    /** Returns the corpus named {@code name}, reading data sets from {@link #dataRoot()}. */
    public static BenchmarkCorpus load(String name) {
        return load(name, dataRoot());
    }

    /**
     * Returns the corpus named {@code name}.
     *
     * @throws IllegalArgumentException if the name is neither {@code synthetic-N} nor a data set under
     *     {@code dataRoot}, saying what would be valid
     */
    public static BenchmarkCorpus load(String name, Path dataRoot) {
        if (name.startsWith(SYNTHETIC)) {
            int size = size(name.substring(SYNTHETIC.length()), name);
            return new BenchmarkCorpus(
                    name,
                    SyntheticCorpus.articles(CORPUS_SEED, size),
                    SyntheticCorpus.queries(QUERY_SEED, SYNTHETIC_QUERIES));
        }
        Path dir = dataRoot.resolve(name);
        if (!Files.isRegularFile(dir.resolve("corpus.jsonl")) || !Files.isRegularFile(dir.resolve("queries.jsonl"))) {
            throw new IllegalArgumentException("Unknown corpus '" + name + "': no corpus.jsonl and queries.jsonl in "
                    + dir.toAbsolutePath().normalize() + ". Use synthetic-10k, synthetic-100k, synthetic-1m, or the"
                    + " name of a data set folder (set its parent with -D" + DATA_PROPERTY + "=DIR).");
        }
        Locale language = language(name);
        var articles = new ArrayList<CorpusArticle>();
        for (JsonNode document : readJsonLines(dir.resolve("corpus.jsonl"))) {
            String title = document.path("title").asText("");
            String text = document.path("text").asText("");
            if (title.isBlank() && text.isBlank()) {
                continue;
            }
            articles.add(new CorpusArticle(
                    title.isBlank() ? firstWords(text) : title,
                    text.isBlank() ? title : text,
                    "",
                    language,
                    "",
                    "",
                    CorpusArticle.Audience.PUBLIC));
        }
        var queries = new ArrayList<String>();
        for (JsonNode query : readJsonLines(dir.resolve("queries.jsonl"))) {
            String text = query.path("text").asText("");
            if (!text.isBlank()) {
                queries.add(text);
            }
        }
        return new BenchmarkCorpus(name, articles, queries);
    }

    /** Returns the folder of data sets: {@value #DATA_PROPERTY}, or {@value #DEFAULT_DATA_ROOT}. */
    public static Path dataRoot() {
        return Path.of(System.getProperty(DATA_PROPERTY, DEFAULT_DATA_ROOT));
    }

    /** Parses a size such as {@code 10k}, {@code 1m} or {@code 2500}. */
    static int size(String text, String name) {
        String lower = text.toLowerCase(Locale.ROOT);
        int factor = 1;
        if (lower.endsWith("k")) {
            factor = 1_000;
            lower = lower.substring(0, lower.length() - 1);
        } else if (lower.endsWith("m")) {
            factor = 1_000_000;
            lower = lower.substring(0, lower.length() - 1);
        }
        try {
            int size = Math.multiplyExact(Integer.parseInt(lower), factor);
            if (size > 0) {
                return size;
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // reported below
        }
        throw new IllegalArgumentException("Bad corpus size in '" + name
                + "': use a positive number of articles, optionally with k or m, as in synthetic-10k or synthetic-1m");
    }

    private static Locale language(String name) {
        if (name.endsWith("-de")) {
            return Locale.GERMAN;
        }
        if (name.endsWith("-en")) {
            return Locale.ENGLISH;
        }
        throw new IllegalArgumentException("Cannot tell the language of data set '" + name
                + "': benchmark data sets are named <name>-de or <name>-en");
    }

    private static String firstWords(String text) {
        String[] words = text.strip().split("\\s+", 13);
        return String.join(" ", List.of(words).subList(0, Math.min(12, words.length)));
    }

    private static List<JsonNode> readJsonLines(Path file) {
        var nodes = new ArrayList<JsonNode>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    nodes.add(JSON.readTree(line));
                } catch (IOException e) {
                    throw new IllegalArgumentException(file + ":" + number + ": not a JSON object: " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        return nodes;
    }
}
