package org.kcskb.bench.relevance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the three files of a data set; every problem becomes a {@link DatasetException} naming the file and the
 * line.
 *
 * <p>Blank lines are skipped everywhere; fields other than the ones read are ignored. The optional fields
 * {@code lang} (documents and queries), {@code split} and {@code kind} (queries) describe mixed-language sets and
 * the groups the report breaks the figures down by; {@code issue}, {@code environment}, {@code resolution} and
 * {@code cause} (documents) give a KCS article's sections, {@code attributes} (documents) its environment
 * attributes and {@code context} (queries) the asker's environment.
 */
final class DatasetReader {
    static final String CORPUS = "corpus.jsonl";
    static final String QUERIES = "queries.jsonl";
    static final String QRELS = "qrels.tsv";

    private static final ObjectMapper JSON = new ObjectMapper();

    private DatasetReader() {}

    /**
     * Reads {@code corpus.jsonl}: one object per line with {@code id}, {@code title} (may be missing or empty)
     * and {@code text}. Documents whose title and text are both empty are left out and counted in
     * {@code skipped}, since nothing could ever find them.
     */
    static Corpus readCorpus(Path file) {
        var documents = new ArrayList<CorpusDocument>();
        var firstLine = new HashMap<String, Integer>();
        int[] empty = {0};
        forEachLine(file, (line, number) -> {
            JsonNode node = parseObject(file, line, number);
            String id = id(file, node, number);
            String title = optionalText(file, node, "title", number);
            String text = requiredText(file, node, "text", number);
            Optional<Language> language = language(file, node, number);
            Optional<CorpusDocument.Sections> sections = sections(file, node, number);
            Map<String, String> attributes = attributes(file, node, "attributes", number);
            Integer earlier = firstLine.putIfAbsent(id, number);
            if (earlier != null) {
                throw error(file, number, "document id \"" + id + "\" was already used on line " + earlier);
            }
            if (title.isBlank() && text.isBlank()) {
                empty[0]++;
            } else {
                documents.add(new CorpusDocument(id, title, text, language, sections, attributes));
            }
        });
        return new Corpus(List.copyOf(documents), empty[0]);
    }

    /**
     * Reads {@code queries.jsonl}: one object per line with {@code id} and {@code text}, and optionally
     * {@code lang}, {@code split} and {@code kind}.
     */
    static List<EvaluationQuery> readQueries(Path file) {
        var queries = new ArrayList<EvaluationQuery>();
        var firstLine = new HashMap<String, Integer>();
        forEachLine(file, (line, number) -> {
            JsonNode node = parseObject(file, line, number);
            String id = id(file, node, number);
            String text = requiredText(file, node, "text", number);
            Optional<Language> language = language(file, node, number);
            String split = label(node, "split");
            String kind = label(node, "kind");
            Map<String, String> context = attributes(file, node, "context", number);
            Integer earlier = firstLine.putIfAbsent(id, number);
            if (earlier != null) {
                throw error(file, number, "query id \"" + id + "\" was already used on line " + earlier);
            }
            queries.add(new EvaluationQuery(id, text, language, split, kind, context));
        });
        return List.copyOf(queries);
    }

    /**
     * Reads {@code qrels.tsv}: {@code query-id TAB corpus-id TAB score} per line. The first line is skipped as a
     * header when its score column is not a number. Scores are integers; 0 (or less) means judged not relevant.
     */
    static Qrels readQrels(Path file) {
        var byQuery = new LinkedHashMap<String, Map<String, Integer>>();
        var firstLine = new HashMap<String, Integer>();
        boolean[] first = {true};
        forEachLine(file, (line, number) -> {
            String[] fields = line.split("\t", -1);
            boolean header = first[0] && fields.length == 3 && !isInteger(fields[2].strip());
            first[0] = false;
            if (header) {
                return;
            }
            if (fields.length != 3) {
                throw error(
                        file,
                        number,
                        "expected 3 tab-separated fields (query-id, corpus-id, score), found " + fields.length + ": "
                                + abbreviate(line));
            }
            String query = fields[0].strip();
            String document = fields[1].strip();
            String score = fields[2].strip();
            if (query.isEmpty() || document.isEmpty()) {
                throw error(file, number, "the query id and the corpus id must not be empty: " + abbreviate(line));
            }
            if (!isInteger(score)) {
                throw error(file, number, "the score must be an integer (0 = not relevant), was \"" + score + "\"");
            }
            Integer earlier = firstLine.putIfAbsent(query + '\t' + document, number);
            if (earlier != null) {
                throw error(
                        file,
                        number,
                        "query \"" + query + "\" and document \"" + document + "\" were already judged on line "
                                + earlier);
            }
            byQuery.computeIfAbsent(query, q -> new LinkedHashMap<>()).put(document, Integer.parseInt(score));
        });
        return new Qrels(byQuery);
    }

    /**
     * The documents of {@code corpus.jsonl}.
     *
     * @param documents the documents in file order
     * @param skipped documents left out because both title and text were empty
     */
    record Corpus(List<CorpusDocument> documents, int skipped) {}

    private interface LineHandler {
        void accept(String line, int number);
    }

    private static void forEachLine(Path file, LineHandler handler) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int number = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                number++;
                if (number == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (!line.isBlank()) {
                    handler.accept(line, number);
                }
            }
        } catch (CharacterCodingException e) {
            throw new DatasetException(file + ": not valid UTF-8 text; save the file as UTF-8");
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot be read: " + e);
        }
    }

    private static JsonNode parseObject(Path file, String line, int number) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw error(
                    file,
                    number,
                    "not valid JSON (" + e.getOriginalMessage() + "); expected one object per line: "
                            + abbreviate(line));
        }
        if (node == null || !node.isObject()) {
            throw error(file, number, "expected a JSON object, found: " + abbreviate(line));
        }
        return node;
    }

    private static String id(Path file, JsonNode node, int number) {
        JsonNode id = node.get("id");
        if (id == null
                || !(id.isTextual() || id.isIntegralNumber())
                || id.asText().isBlank()) {
            throw error(file, number, "expected a non-empty string \"id\", found " + (id == null ? "none" : id));
        }
        return id.asText().strip();
    }

    private static String requiredText(Path file, JsonNode node, String field, int number) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw error(
                    file,
                    number,
                    "expected a string \"" + field + "\", found " + (value == null ? "none" : value.getNodeType()));
        }
        return value.asText();
    }

    /**
     * Reads the optional {@code lang} field: {@code de} or {@code en}, case-insensitive, with or without a region
     * ({@code de-AT}); any other language fails, since the baseline has an analyzer for these two only.
     */
    private static Optional<Language> language(Path file, JsonNode node, int number) {
        String tag = optionalText(file, node, "lang", number).strip();
        if (tag.isEmpty()) {
            return Optional.empty();
        }
        String primary = tag.split("[-_]", 2)[0].toLowerCase(Locale.ROOT);
        for (Language language : Language.values()) {
            if (language.tag().equals(primary)) {
                return Optional.of(language);
            }
        }
        throw error(
                file,
                number,
                "\"lang\" must be de or en (the languages the harness has analyzers for), was \"" + tag
                        + "\"; leave the field out to let the language be detected");
    }

    /**
     * Reads the optional KCS sections {@code issue}, {@code environment}, {@code resolution} and {@code cause}:
     * present when at least one of them is a non-empty string.
     */
    private static Optional<CorpusDocument.Sections> sections(Path file, JsonNode node, int number) {
        var sections = new CorpusDocument.Sections(
                optionalText(file, node, "issue", number),
                optionalText(file, node, "environment", number),
                optionalText(file, node, "resolution", number),
                optionalText(file, node, "cause", number));
        boolean any = !(sections.issue().isBlank()
                && sections.environment().isBlank()
                && sections.resolution().isBlank()
                && sections.cause().isBlank());
        return any ? Optional.of(sections) : Optional.empty();
    }

    /**
     * Reads an optional object of environment attributes ({@code attributes} of a document, {@code context} of a
     * query): string values by attribute name, such as {@code {"product": "Windows 11"}}; empty when absent.
     */
    private static Map<String, String> attributes(Path file, JsonNode node, String field, int number) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Map.of();
        }
        if (!value.isObject()) {
            throw error(
                    file,
                    number,
                    "\"" + field + "\" must be an object of environment attributes such as {\"product\": \"Windows"
                            + " 11\"}, found " + value.getNodeType());
        }
        var attributes = new LinkedHashMap<String, String>();
        for (var entry : value.properties()) {
            if (!entry.getValue().isTextual() || entry.getValue().asText().isBlank()) {
                throw error(
                        file,
                        number,
                        "\"" + field + "." + entry.getKey() + "\" must be a non-empty string, found "
                                + entry.getValue().getNodeType());
            }
            attributes.put(entry.getKey(), entry.getValue().asText());
        }
        return attributes;
    }

    /**
     * Reads an optional grouping field such as {@code split}: a string or a number as text, anything else (absent,
     * null, an object) as none. Lenient, since these fields only label the report and sets made elsewhere may
     * use them differently; a set must never fail to run for them.
     */
    private static String label(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isValueNode() && !value.isNull()
                ? value.asText().strip()
                : "";
    }

    private static String optionalText(Path file, JsonNode node, String field, int number) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return "";
        }
        if (!value.isTextual()) {
            throw error(file, number, "\"" + field + "\" must be a string, found " + value.getNodeType());
        }
        return value.asText();
    }

    private static boolean isInteger(String text) {
        if (text.isEmpty() || text.length() > 9) {
            return false;
        }
        int start = text.charAt(0) == '-' ? 1 : 0;
        if (start == text.length()) {
            return false;
        }
        for (int i = start; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static DatasetException error(Path file, int line, String message) {
        return new DatasetException(file + " line " + line + ": " + message);
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }
}
