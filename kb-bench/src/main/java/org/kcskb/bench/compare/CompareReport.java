package org.kcskb.bench.compare;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kcskb.bench.report.HtmlReport;

/**
 * The HTML page of a {@code compare} run ({@code report.html} beside {@code summary.json}): latency by corpus size
 * per engine for each workload, the paired kb/lucene ratio against the gate, and the summary table.
 */
final class CompareReport {
    private static final Pattern SIZE = Pattern.compile("synthetic-(\\d+)([km]?)");

    private CompareReport() {}

    static HtmlReport of(Summary summary, RatioGate.Verdict verdict, String threshold, boolean quick) {
        HtmlReport report = HtmlReport.titled("kb-bench compare")
                .paragraph((quick ? "Quick profile (CI): smoke figures, one fork." : "Full profile.")
                        + " A ratio is the first engine's time per operation divided by the second's; above 1 the"
                        + " library is slower.")
                .paragraph(verdict.message());
        // Latency by corpus size: one chart per workload (without its corpus) and mode.
        Map<String, List<Summary.Row>> byWorkload = new LinkedHashMap<>();
        for (Summary.Row row : summary.rows()) {
            byWorkload
                    .computeIfAbsent(withoutCorpus(row.workload()) + " (" + row.mode() + ")", k -> new ArrayList<>())
                    .add(row);
        }
        report.heading("Latency by corpus size");
        for (var entry : byWorkload.entrySet()) {
            List<Summary.Row> rows = entry.getValue();
            List<String> corpora = new ArrayList<>(
                    new TreeSet<>(rows.stream().map(r -> corpus(r.workload())).toList()));
            corpora.sort(Comparator.comparingDouble(CompareReport::size).thenComparing(c -> c));
            var engines = new ArrayList<String>();
            rows.forEach(r -> {
                if (!engines.contains(r.engine())) {
                    engines.add(r.engine());
                }
            });
            var series = new ArrayList<HtmlReport.Series>();
            for (String engine : engines) {
                List<Double> values = HtmlReport.missing(corpora.size());
                for (Summary.Row row : rows) {
                    if (row.engine().equals(engine)) {
                        values.set(corpora.indexOf(corpus(row.workload())), row.score());
                    }
                }
                series.add(new HtmlReport.Series(engine, values));
            }
            report.lineChart(entry.getKey(), "corpus", rows.getFirst().unit(), corpora, series);
        }
        // The paired ratio, what the gate reads.
        var paired = summary.rows().stream()
                .filter(r -> r.workload().startsWith("paired ")
                        && r.engine().equals("kb")
                        && r.kbToLucene().isPresent())
                .toList();
        if (!paired.isEmpty()) {
            report.heading("Paired kb/lucene ratio");
            OptionalDouble gate = parse(threshold);
            report.barChart(
                    "kb/lucene, interleaved query by query in one fork",
                    "workload",
                    "ratio",
                    paired.stream().map(r -> withoutPrefix(r.workload())).toList(),
                    List.of(new HtmlReport.Series(
                            "kb/lucene",
                            paired.stream()
                                    .map(r -> r.kbToLucene().getAsDouble())
                                    .toList())),
                    gate);
        }
        report.heading("Summary");
        var rows = new ArrayList<List<String>>();
        for (Summary.Row row : summary.rows()) {
            rows.add(List.of(
                    row.workload(),
                    row.engine(),
                    row.mode(),
                    String.format(Locale.ROOT, "%.3f", row.score()),
                    row.unit(),
                    ratio(row.kbToLucene()),
                    ratio(row.kbToSolr()),
                    ratio(row.kbToOpenSearch()),
                    ratio(row.kbOpenSearchToOpenSearch())));
        }
        report.table(
                List.of(
                        "workload",
                        "engine",
                        "mode",
                        "score",
                        "unit",
                        "kb/lucene",
                        "kb/solr",
                        "kb/opensearch",
                        "kb-opensearch/opensearch"),
                rows);
        return report;
    }

    /** The corpus parameter of a workload, or {@code "-"} when it has none. */
    static String corpus(String workload) {
        for (String part : workload.split(" ")) {
            if (part.startsWith("corpus=")) {
                return part.substring("corpus=".length());
            }
        }
        return "-";
    }

    static String withoutCorpus(String workload) {
        var kept = new ArrayList<String>();
        for (String part : workload.split(" ")) {
            if (!part.startsWith("corpus=")) {
                kept.add(part);
            }
        }
        return String.join(" ", kept);
    }

    private static String withoutPrefix(String workload) {
        return workload.substring(workload.indexOf(' ') + 1);
    }

    /** Articles in a synthetic corpus (synthetic-10k: 10,000), or infinity for a named data set. */
    static double size(String corpus) {
        Matcher m = SIZE.matcher(corpus);
        if (!m.matches()) {
            return Double.POSITIVE_INFINITY;
        }
        double n = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "k" -> n * 1_000;
            case "m" -> n * 1_000_000;
            default -> n;
        };
    }

    private static OptionalDouble parse(String threshold) {
        try {
            return OptionalDouble.of(Double.parseDouble(threshold.strip()));
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    private static String ratio(OptionalDouble value) {
        return value.isPresent() ? String.format(Locale.ROOT, "%.2fx", value.getAsDouble()) : "";
    }
}
