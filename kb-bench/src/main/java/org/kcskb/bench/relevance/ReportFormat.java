package org.kcskb.bench.relevance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Renders a {@link RelevanceReport} as a console table and as JSON. */
final class ReportFormat {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportFormat() {}

    /** Returns the table for the console, timings included. */
    static String table(RelevanceReport report) {
        var out = new StringBuilder();
        out.append(format(
                "Data set %s: %d documents, %d queries evaluated, %d skipped (no relevant document); typos per query: %d%n",
                report.dataset(),
                report.documents(),
                report.evaluatedQueries(),
                report.skippedQueries(),
                report.typos()));
        out.append(format("Language: %s (%s)%n%n", report.languageTag(), report.languageSource()));
        out.append(format("%-10s %9s %9s %10s %11s%n", "", "nDCG@10", "MRR@10", "Recall@10", "Recall@100"));
        report.system().ifPresent(system -> out.append(row("system", system.evaluation())));
        out.append(row("baseline", report.baseline().evaluation()));
        report.ndcgGainPercent()
                .ifPresent(gain -> out.append(format("%nnDCG@10 gain of system over baseline: %+.2f %%%n", gain)));
        var groups = report.baseline().groups();
        if (!groups.isEmpty()) {
            out.append(format(
                    "%nnDCG@10 by query group:%n%-22s %7s %9s %9s %8s%n", "", "queries", "system", "baseline", "gain"));
            groups.forEach((name, baseline) -> {
                var system = report.system().map(s -> s.groups().get(name));
                out.append(format(
                        "%-22s %7d %9s %9.4f %8s%n",
                        name,
                        baseline.evaluated(),
                        system.map(s -> format("%.4f", s.mean().ndcg10())).orElse("-"),
                        baseline.mean().ndcg10(),
                        system.filter(s -> baseline.mean().ndcg10() > 0)
                                .map(s -> format(
                                        "%+.1f%%",
                                        (s.mean().ndcg10() - baseline.mean().ndcg10())
                                                / baseline.mean().ndcg10()
                                                * 100))
                                .orElse("-")));
            });
        }
        out.append(System.lineSeparator()).append("Timings:").append(System.lineSeparator());
        report.system().ifPresent(system -> out.append(timings("system", "capture", system.timings())));
        out.append(timings("baseline", "index", report.baseline().timings()));
        for (String warning : report.warnings()) {
            out.append("Warning: ").append(warning).append(System.lineSeparator());
        }
        return out.toString();
    }

    /**
     * Returns the JSON report: the same input gives the same bytes, so timings are left out. A baseline-only run
     * has no {@code system} and no {@code ndcgGainPercent}.
     */
    static String json(RelevanceReport report) {
        ObjectNode root = JSON.createObjectNode();
        root.put("dataset", report.dataset());
        root.put("lang", report.languageTag());
        root.put("langSource", report.languageSource());
        root.put("typos", report.typos());
        root.put("documents", report.documents());
        root.put("queries", report.evaluatedQueries());
        root.put("skippedQueries", report.skippedQueries());
        report.system().ifPresent(system -> root.set("system", metrics(system.evaluation())));
        root.set("baseline", metrics(report.baseline().evaluation()));
        if (report.system().isPresent()) {
            report.ndcgGainPercent()
                    .ifPresentOrElse(gain -> root.put("ndcgGainPercent", gain), () -> root.putNull("ndcgGainPercent"));
        }
        // Only sets with splits, kinds or several query languages have groups: the others' JSON stays as it was.
        if (!report.baseline().groups().isEmpty()) {
            ObjectNode groups = root.putObject("groups");
            report.baseline().groups().forEach((name, baseline) -> {
                ObjectNode group = groups.putObject(name);
                group.put("queries", baseline.evaluated());
                report.system()
                        .ifPresent(system ->
                                group.set("system", metrics(system.groups().get(name))));
                group.set("baseline", metrics(baseline));
            });
        }
        try {
            return JSON.writeValueAsString(root) + System.lineSeparator();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@link #json} to {@code file}, replacing it. */
    static void writeJson(RelevanceReport report, Path file) throws IOException {
        Files.writeString(file, json(report));
    }

    private static ObjectNode metrics(Evaluation evaluation) {
        ObjectNode node = JSON.createObjectNode();
        node.put("ndcg@10", evaluation.mean().ndcg10());
        node.put("mrr@10", evaluation.mean().mrr10());
        node.put("recall@10", evaluation.mean().recall10());
        node.put("recall@100", evaluation.mean().recall100());
        return node;
    }

    private static String row(String name, Evaluation evaluation) {
        var mean = evaluation.mean();
        return format(
                "%-10s %9.4f %9.4f %10.4f %11.4f%n",
                name, mean.ndcg10(), mean.mrr10(), mean.recall10(), mean.recall100());
    }

    private static String timings(String name, String indexing, RelevanceHarness.Side.Timings timings) {
        double perQuery = timings.queries() == 0 ? 0 : timings.searchNanos() / 1e6 / timings.queries();
        return format(
                "  %-9s %s %,.0f ms, search %,.0f ms (%.2f ms per query)%n",
                name, indexing, timings.indexNanos() / 1e6, timings.searchNanos() / 1e6, perQuery);
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
