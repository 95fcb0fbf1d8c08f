package org.kcskb.bench.compare;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One row per workload, mode and engine, with the library's cost relative to raw Lucene, to Solr and to raw
 * OpenSearch on the same workload, and the library on OpenSearch relative to raw OpenSearch (what the library adds
 * on that engine).
 *
 * <p>A ratio is the library's time per operation divided by the other engine's (for throughput modes the other's
 * throughput divided by the library's), so above 1 means the library is slower. It is computed only between
 * scores of the same workload, mode and unit, and is the same on every row of that workload. Immutable.
 *
 * @param rows the rows, sorted by workload, mode and engine (kb, lucene, solr, kb-opensearch, opensearch)
 */
record Summary(List<Row> rows) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final List<String> ENGINE_ORDER = List.of("kb", "lucene", "solr", "kb-opensearch", "opensearch");

    Summary {
        rows = List.copyOf(rows);
    }

    /**
     * One engine's score on one workload.
     *
     * @param workload the workload key (see {@link JmhResult#workload()})
     * @param engine {@code kb}, {@code lucene} or {@code solr}
     * @param mode the JMH mode
     * @param score the score
     * @param error the 99.9 % confidence half-width, or {@code NaN}
     * @param unit the unit
     * @param p50 the median, for sample mode
     * @param p99 the 99th percentile, for sample mode
     * @param kbToLucene the library's cost relative to raw Lucene on this workload, if both ran
     * @param kbToSolr the library's cost relative to Solr on this workload, if both ran
     * @param kbToOpenSearch the library's (embedded) cost relative to raw OpenSearch on this workload, if both ran
     * @param kbOpenSearchToOpenSearch the library on OpenSearch relative to raw OpenSearch, if both ran
     */
    record Row(
            String workload,
            String engine,
            String mode,
            double score,
            double error,
            String unit,
            OptionalDouble p50,
            OptionalDouble p99,
            OptionalDouble kbToLucene,
            OptionalDouble kbToSolr,
            OptionalDouble kbToOpenSearch,
            OptionalDouble kbOpenSearchToOpenSearch) {
        Row {
            Objects.requireNonNull(workload, "workload");
            Objects.requireNonNull(engine, "engine");
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(unit, "unit");
        }
    }

    /** Builds the summary of every result, whichever file it came from. */
    static Summary of(List<JmhResult> results) {
        Map<String, JmhResult> byKey = new HashMap<>();
        for (JmhResult result : results) {
            byKey.put(key(result.workload(), result.mode(), result.engine()), result);
        }
        var rows = new ArrayList<Row>();
        for (JmhResult result : results) {
            JmhResult kb = byKey.get(key(result.workload(), result.mode(), "kb"));
            JmhResult openSearch = byKey.get(key(result.workload(), result.mode(), "opensearch"));
            rows.add(new Row(
                    result.workload(),
                    result.engine(),
                    result.mode(),
                    result.score(),
                    result.error(),
                    result.unit(),
                    result.p50(),
                    result.p99(),
                    ratio(kb, byKey.get(key(result.workload(), result.mode(), "lucene"))),
                    ratio(kb, byKey.get(key(result.workload(), result.mode(), "solr"))),
                    ratio(kb, openSearch),
                    ratio(byKey.get(key(result.workload(), result.mode(), "kb-opensearch")), openSearch)));
        }
        rows.sort(Comparator.comparing(Row::workload)
                .thenComparing(Row::mode)
                .thenComparing(row -> ENGINE_ORDER.indexOf(row.engine()) < 0
                        ? ENGINE_ORDER.size()
                        : ENGINE_ORDER.indexOf(row.engine())));
        return new Summary(rows);
    }

    private static String key(String workload, String mode, String engine) {
        return workload + '\u0000' + mode + '\u0000' + engine;
    }

    /** {@code kb}'s cost relative to {@code other}'s ({@code kb} is whichever engine the column divides). */
    private static OptionalDouble ratio(JmhResult kb, JmhResult other) {
        if (kb == null || other == null || !kb.unit().equals(other.unit()) || kb.score() <= 0 || other.score() <= 0) {
            return OptionalDouble.empty();
        }
        boolean timePerOperation = kb.unit().endsWith("/op");
        return OptionalDouble.of(timePerOperation ? kb.score() / other.score() : other.score() / kb.score());
    }

    /** Returns the row of {@code engine} on {@code workload} in {@code mode}, if it ran. */
    Optional<Row> row(String workload, String mode, String engine) {
        return rows.stream()
                .filter(r -> r.workload().equals(workload)
                        && r.mode().equals(mode)
                        && r.engine().equals(engine))
                .findFirst();
    }

    /** Returns the table for the console. */
    String table() {
        int width = Math.max(
                "workload".length(),
                rows.stream().mapToInt(r -> r.workload().length()).max().orElse(0));
        String format = "%-" + width + "s  %-13s  %-6s  %12s  %10s  %-6s  %10s  %10s  %9s  %9s  %13s  %24s%n";
        var out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                format,
                "workload",
                "engine",
                "mode",
                "score",
                "error",
                "unit",
                "p50",
                "p99",
                "kb/lucene",
                "kb/solr",
                "kb/opensearch",
                "kb-opensearch/opensearch"));
        for (Row row : rows) {
            out.append(String.format(
                    Locale.ROOT,
                    format,
                    row.workload(),
                    row.engine(),
                    row.mode(),
                    number(row.score()),
                    Double.isNaN(row.error()) ? "" : "± " + number(row.error()),
                    row.unit(),
                    optional(row.p50()),
                    optional(row.p99()),
                    ratioText(row.kbToLucene()),
                    ratioText(row.kbToSolr()),
                    ratioText(row.kbToOpenSearch()),
                    ratioText(row.kbOpenSearchToOpenSearch())));
        }
        return out.toString();
    }

    /** Writes {@code summary.csv} and {@code summary.json} into {@code directory}. */
    void write(Path directory) throws IOException {
        var csv = new StringBuilder(
                "workload,engine,mode,score,error,unit,p50,p99,kb_lucene,kb_solr,kb_opensearch,kb-opensearch_opensearch\n");
        ArrayNode json = JSON.createArrayNode();
        for (Row row : rows) {
            csv.append(String.join(
                            ",",
                            quote(row.workload()),
                            row.engine(),
                            row.mode(),
                            plain(row.score()),
                            Double.isNaN(row.error()) ? "" : plain(row.error()),
                            row.unit(),
                            row.p50().isPresent() ? plain(row.p50().getAsDouble()) : "",
                            row.p99().isPresent() ? plain(row.p99().getAsDouble()) : "",
                            row.kbToLucene().isPresent()
                                    ? plain(row.kbToLucene().getAsDouble())
                                    : "",
                            optionalPlain(row.kbToSolr()),
                            optionalPlain(row.kbToOpenSearch()),
                            optionalPlain(row.kbOpenSearchToOpenSearch())))
                    .append('\n');
            ObjectNode node = json.addObject();
            node.put("workload", row.workload());
            node.put("engine", row.engine());
            node.put("mode", row.mode());
            node.put("score", row.score());
            if (!Double.isNaN(row.error())) {
                node.put("error", row.error());
            }
            node.put("unit", row.unit());
            row.p50().ifPresent(v -> node.put("p50", v));
            row.p99().ifPresent(v -> node.put("p99", v));
            row.kbToLucene().ifPresent(v -> node.put("kb/lucene", v));
            row.kbToSolr().ifPresent(v -> node.put("kb/solr", v));
            row.kbToOpenSearch().ifPresent(v -> node.put("kb/opensearch", v));
            row.kbOpenSearchToOpenSearch().ifPresent(v -> node.put("kb-opensearch/opensearch", v));
        }
        Files.writeString(directory.resolve("summary.csv"), csv);
        Files.writeString(directory.resolve("summary.json"), JSON.writeValueAsString(json) + "\n");
    }

    private static String quote(String text) {
        return text.contains(",") || text.contains("\"") ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }

    private static String plain(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    private static String optionalPlain(OptionalDouble value) {
        return value.isPresent() ? plain(value.getAsDouble()) : "";
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, value >= 100 ? "%,.1f" : "%.3f", value);
    }

    private static String optional(OptionalDouble value) {
        return value.isPresent() ? number(value.getAsDouble()) : "";
    }

    private static String ratioText(OptionalDouble value) {
        return value.isPresent() ? String.format(Locale.ROOT, "%.2fx", value.getAsDouble()) : "";
    }
}
