package org.kcskb.bench.relevance;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import org.kcskb.bench.report.HtmlReport;

/**
 * The HTML page of a {@code relevance-suite} run ({@code report.html} beside the per-set JSON): nDCG@10 per data set,
 * the system against the committed baseline and plain BM25, and the gate's verdict per set.
 */
final class RelevanceSuiteReport {
    private RelevanceSuiteReport() {}

    static HtmlReport of(List<RelevanceGate.Finding> findings, Map<String, Double> bm25, double tolerance) {
        long failed = findings.stream()
                .filter(f -> f.status() == RelevanceGate.Status.FAIL || f.status() == RelevanceGate.Status.MISSING)
                .count();
        HtmlReport report = HtmlReport.titled("kb-bench relevance-suite")
                .paragraph((failed == 0
                                ? "The relevance gate passed for " + findings.size() + " data set(s)."
                                : failed + " data set(s) failed the relevance gate.")
                        + String.format(
                                Locale.ROOT,
                                " A set fails when the system's nDCG@10 is more than %.3f below the committed"
                                        + " baseline.",
                                tolerance));
        var sets = findings.stream().map(RelevanceGate.Finding::set).toList();
        List<Double> system = new ArrayList<>();
        List<Double> committed = new ArrayList<>();
        List<Double> plain = new ArrayList<>();
        for (var finding : findings) {
            system.add(finding.measured());
            committed.add(finding.baseline());
            plain.add(bm25.getOrDefault(finding.set(), Double.NaN));
        }
        report.heading("nDCG@10 per data set")
                .barChart(
                        "nDCG@10: this run, the committed baseline, plain BM25",
                        "data set",
                        "nDCG@10",
                        sets,
                        List.of(
                                new HtmlReport.Series("this run", system),
                                new HtmlReport.Series("committed baseline", committed),
                                new HtmlReport.Series("BM25", plain)),
                        OptionalDouble.empty());
        var rows = new ArrayList<List<String>>();
        for (var finding : findings) {
            double gain = bm25.getOrDefault(finding.set(), Double.NaN);
            rows.add(List.of(
                    finding.set(),
                    finding.status().toString(),
                    number(finding.measured()),
                    number(finding.baseline()),
                    number(finding.measured() - finding.baseline()),
                    number(gain),
                    Double.isFinite(gain) && gain > 0
                            ? String.format(Locale.ROOT, "%+.1f %%", 100 * (finding.measured() / gain - 1))
                            : "",
                    finding.message()));
        }
        report.heading("Gate")
                .table(
                        List.of("data set", "status", "nDCG@10", "committed", "change", "BM25", "over BM25", "verdict"),
                        rows);
        return report;
    }

    private static String number(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.4f", value) : "";
    }
}
