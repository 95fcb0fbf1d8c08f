package org.kcskb.bench.relevance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The committed relevance figures that a fresh run is compared with: the system's metrics per data set.
 *
 * <p>Stored as JSON ({@code kb-bench/relevance-baseline.json}), one object per data set name with the four
 * metrics and the corpus language, sorted by name so that an update gives a small diff. Immutable.
 *
 * @param sets per data set name, the system's mean metrics when the baseline was taken
 */
record RelevanceBaseline(Map<String, Entry> sets) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    RelevanceBaseline {
        sets = Collections.unmodifiableMap(new TreeMap<>(sets));
    }

    /**
     * The figures of one data set.
     *
     * @param language the corpus language tag the run used, {@code de} or {@code en}
     * @param scores the system's mean metrics
     */
    record Entry(String language, Metrics.Scores scores) {
        Entry {
            Objects.requireNonNull(language, "language");
            Objects.requireNonNull(scores, "scores");
        }
    }

    /**
     * Reads a baseline file.
     *
     * @throws DatasetException if the file is missing or malformed, naming the fix
     */
    static RelevanceBaseline read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new DatasetException("Relevance baseline not found: " + file.toAbsolutePath()
                    + ". Create it from a run with: java -jar kb-bench/target/kb-bench.jar relevance-suite"
                    + " --data-root ../shared/data --baseline " + file + " --update-baseline");
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new DatasetException("Cannot read the relevance baseline " + file + ": " + e.getMessage());
        }
        JsonNode sets = root == null ? null : root.get("sets");
        if (sets == null || !sets.isObject()) {
            throw new DatasetException(
                    file + ": expected an object {\"sets\": {\"<data set>\": {\"ndcg@10\": ...}}}; regenerate it"
                            + " with relevance-suite --update-baseline");
        }
        var entries = new TreeMap<String, Entry>();
        for (var field : sets.properties()) {
            JsonNode set = field.getValue();
            entries.put(
                    field.getKey(),
                    new Entry(
                            set.path("lang").asText("?"),
                            new Metrics.Scores(
                                    number(file, field.getKey(), set, "ndcg@10"),
                                    number(file, field.getKey(), set, "mrr@10"),
                                    number(file, field.getKey(), set, "recall@10"),
                                    number(file, field.getKey(), set, "recall@100"))));
        }
        return new RelevanceBaseline(entries);
    }

    private static double number(Path file, String set, JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || !value.isNumber()) {
            throw new DatasetException(file + ": data set \"" + set + "\" has no number \"" + name
                    + "\"; regenerate the file with relevance-suite --update-baseline");
        }
        return value.asDouble();
    }

    /** Returns this baseline with {@code set}'s figures replaced (or added). */
    RelevanceBaseline with(String set, Entry entry) {
        var entries = new TreeMap<>(sets);
        entries.put(set, entry);
        return new RelevanceBaseline(entries);
    }

    /** Returns the JSON text of this baseline; the same figures always give the same bytes. */
    String json() {
        ObjectNode root = JSON.createObjectNode();
        root.put(
                "about",
                "System relevance per data set, as measured by the relevance harness (deterministic). The CI step"
                        + " fails when a fresh nDCG@10 is more than the tolerance below these figures. Update"
                        + " intentionally with: java -jar kb-bench/target/kb-bench.jar relevance-suite --data-root"
                        + " ../shared/data --update-baseline");
        ObjectNode setsNode = root.putObject("sets");
        sets.forEach((name, entry) -> {
            ObjectNode node = setsNode.putObject(name);
            node.put("lang", entry.language());
            node.put("ndcg@10", entry.scores().ndcg10());
            node.put("mrr@10", entry.scores().mrr10());
            node.put("recall@10", entry.scores().recall10());
            node.put("recall@100", entry.scores().recall100());
        });
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes {@link #json()} to {@code file}, replacing it. */
    void write(Path file) throws IOException {
        Files.writeString(file, json());
    }
}
