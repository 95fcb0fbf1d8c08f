package org.kcskb.bench.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * One score of a JMH JSON result file ({@code -rf json}): a benchmark method with its parameters and mode.
 *
 * @param benchmark the fully qualified method, for example {@code org.kcskb.bench.search.SearchBenchmark.search}
 * @param mode the JMH mode: {@code avgt}, {@code sample}, {@code thrpt}, {@code ss}
 * @param params the {@code @Param} values, sorted by name
 * @param score the primary score (the mean for {@code sample})
 * @param error the 99.9 % confidence half-width, {@code NaN} when JMH could not tell (one iteration)
 * @param unit the score unit, for example {@code us/op}
 * @param p50 the median, for {@code sample} mode
 * @param p99 the 99th percentile, for {@code sample} mode
 */
record JmhResult(
        String benchmark,
        String mode,
        Map<String, String> params,
        double score,
        double error,
        String unit,
        OptionalDouble p50,
        OptionalDouble p99) {
    private static final ObjectMapper JSON = new ObjectMapper();

    JmhResult {
        Objects.requireNonNull(benchmark, "benchmark");
        Objects.requireNonNull(mode, "mode");
        params = Collections.unmodifiableMap(new TreeMap<>(params));
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(p50, "p50");
        Objects.requireNonNull(p99, "p99");
    }

    /** The auxiliary counter with the number of pairs, in a paired benchmark's result. */
    static final String PAIRED_QUERIES = "queries";
    /** How the auxiliary counter of an engine's time is named in a paired benchmark: the engine, then this. */
    static final String PAIRED_NANOS_SUFFIX = "Nanos";

    /**
     * Reads every score of a JMH JSON result file. A paired benchmark's result (one whose auxiliary counters are
     * {@code queries} and one {@code <engine>Nanos} per engine, as {@code PairedSearchBenchmark}'s) becomes one
     * score per engine instead: its time per query in µs/op, summed over every measured iteration of every fork.
     */
    static List<JmhResult> read(Path file) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        if (root == null || !root.isArray()) {
            throw new IOException(file + " is not a JMH JSON result file (expected an array; run JMH with -rf json)");
        }
        var results = new ArrayList<JmhResult>();
        for (JsonNode run : root) {
            var params = new TreeMap<String, String>();
            run.path("params")
                    .properties()
                    .forEach(e -> params.put(e.getKey(), e.getValue().asText()));
            JsonNode secondary = run.path("secondaryMetrics");
            if (secondary.has(PAIRED_QUERIES)) {
                results.addAll(paired(file, run, params, secondary));
                continue;
            }
            JsonNode metric = run.path("primaryMetric");
            JsonNode percentiles = metric.path("scorePercentiles");
            results.add(new JmhResult(
                    run.path("benchmark").asText(),
                    run.path("mode").asText(),
                    params,
                    metric.path("score").asDouble(Double.NaN),
                    metric.path("scoreError").isNumber()
                            ? metric.path("scoreError").asDouble()
                            : Double.NaN,
                    metric.path("scoreUnit").asText(""),
                    percentile(run, percentiles, "50.0"),
                    percentile(run, percentiles, "99.0")));
        }
        return results;
    }

    private static List<JmhResult> paired(Path file, JsonNode run, Map<String, String> params, JsonNode secondary)
            throws IOException {
        double queries = rawSum(secondary.path(PAIRED_QUERIES));
        if (!(queries > 0)) {
            throw new IOException(
                    file + ": the paired benchmark " + run.path("benchmark").asText() + " measured no queries (its \""
                            + PAIRED_QUERIES + "\" counter has no raw data above 0)");
        }
        var results = new ArrayList<JmhResult>();
        for (var counter : secondary.properties()) {
            String name = counter.getKey();
            if (!name.endsWith(PAIRED_NANOS_SUFFIX) || name.length() == PAIRED_NANOS_SUFFIX.length()) {
                continue;
            }
            var engineParams = new TreeMap<>(params);
            engineParams.put("engine", name.substring(0, name.length() - PAIRED_NANOS_SUFFIX.length()));
            results.add(new JmhResult(
                    run.path("benchmark").asText(),
                    run.path("mode").asText(),
                    engineParams,
                    rawSum(counter.getValue()) / queries / 1_000.0,
                    Double.NaN,
                    "us/op",
                    OptionalDouble.empty(),
                    OptionalDouble.empty()));
        }
        return results;
    }

    /** The sum of a metric's {@code rawData}: one array of per-iteration values per fork. */
    private static double rawSum(JsonNode metric) {
        double sum = 0;
        for (JsonNode fork : metric.path("rawData")) {
            for (JsonNode iteration : fork) {
                sum += iteration.asDouble();
            }
        }
        return sum;
    }

    private static OptionalDouble percentile(JsonNode run, JsonNode percentiles, String key) {
        return run.path("mode").asText().equals("sample")
                        && percentiles.path(key).isNumber()
                ? OptionalDouble.of(percentiles.path(key).asDouble())
                : OptionalDouble.empty();
    }

    /**
     * Returns the engine that produced this score: the {@code engine} parameter when there is one, {@code solr}
     * for the benchmarks of kb-bench-solr, otherwise {@code kb}.
     */
    String engine() {
        String engine = params.get("engine");
        if (engine != null) {
            return engine;
        }
        return benchmark.startsWith("org.kcskb.bench.solr.") ? "solr" : "kb";
    }

    /**
     * Returns the workload this score measures, the same for every engine: the benchmark method's name and every
     * parameter but {@code engine}, for example {@code search corpus=synthetic-10k hits=default limit=10
     * workload=text}.
     */
    String workload() {
        var key = new StringBuilder(benchmark.substring(benchmark.lastIndexOf('.') + 1));
        params.forEach((name, value) -> {
            if (!name.equals("engine")) {
                key.append(' ').append(name).append('=').append(value);
            }
        });
        return key.toString();
    }
}
