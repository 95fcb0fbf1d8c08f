package org.kcskb.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;
import org.kcskb.render.Html;

/**
 * A self-contained HTML page of a benchmark or relevance run: headings, paragraphs, tables and charts drawn as
 * inline SVG, with no script, no style sheet and nothing fetched, so that a CI artifact opens anywhere and shows
 * the run at a glance. All text is escaped. Not thread-safe; build one per report.
 *
 * <pre>
 * HtmlReport.titled("kb-bench compare")
 *         .paragraph("quick profile")
 *         .lineChart("search, text", "corpus", "µs/op", List.of("10k", "100k"), List.of(kb, lucene))
 *         .write(out.resolve("report.html"));
 * </pre>
 */
public final class HtmlReport {
    /** Colours of the series, in order; chosen to stay apart for the common forms of colour blindness. */
    private static final List<String> COLOURS =
            List.of("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#000000");

    private static final int WIDTH = 640;
    private static final int HEIGHT = 300;
    private static final int LEFT = 70;
    private static final int RIGHT = 150;
    private static final int TOP = 30;
    private static final int BOTTOM = 50;

    private final String title;
    private final StringBuilder body = new StringBuilder();

    private HtmlReport(String title) {
        this.title = Objects.requireNonNull(title, "title");
    }

    /** Starts a report with its title, shown as the page's title and first heading. */
    public static HtmlReport titled(String title) {
        return new HtmlReport(title);
    }

    /**
     * One line of a chart: a value per category, or {@code NaN} where it was not measured.
     *
     * @param name the legend's text
     * @param values one per category of the chart
     */
    public record Series(String name, List<Double> values) {
        public Series {
            Objects.requireNonNull(name, "name");
            values = List.copyOf(values);
        }
    }

    /** Adds a section heading. */
    public HtmlReport heading(String text) {
        body.append("<h2>").append(escape(text)).append("</h2>\n");
        return this;
    }

    /** Adds a paragraph of plain text. */
    public HtmlReport paragraph(String text) {
        body.append("<p>").append(escape(text)).append("</p>\n");
        return this;
    }

    /** Adds a table; cells are plain text, numbers right-aligned. */
    public HtmlReport table(List<String> header, List<List<String>> rows) {
        body.append("<table>\n<thead><tr>");
        for (String cell : header) {
            body.append("<th>").append(escape(cell)).append("</th>");
        }
        body.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : rows) {
            body.append("<tr>");
            for (String cell : row) {
                boolean number = cell.matches("[-+±0-9.,x% µ]+") && !cell.isBlank();
                body.append(number ? "<td class=\"n\">" : "<td>")
                        .append(escape(cell))
                        .append("</td>");
            }
            body.append("</tr>\n");
        }
        body.append("</tbody>\n</table>\n");
        return this;
    }

    /**
     * Adds a line chart: the categories along x (evenly spaced, in the order given), one line per series.
     *
     * @param chartTitle what the chart shows
     * @param xLabel what the categories are
     * @param yLabel the values' unit
     * @param categories the x positions' labels
     * @param series the lines; each has one value per category ({@code NaN} leaves a gap)
     */
    public HtmlReport lineChart(
            String chartTitle, String xLabel, String yLabel, List<String> categories, List<Series> series) {
        return chart(chartTitle, xLabel, yLabel, categories, series, false, OptionalDouble.empty());
    }

    /**
     * Adds a bar chart: a group of bars per category, one bar per series, and an optional dashed line at a
     * threshold (a gate).
     */
    public HtmlReport barChart(
            String chartTitle,
            String xLabel,
            String yLabel,
            List<String> categories,
            List<Series> series,
            OptionalDouble threshold) {
        return chart(chartTitle, xLabel, yLabel, categories, series, true, threshold);
    }

    private HtmlReport chart(
            String chartTitle,
            String xLabel,
            String yLabel,
            List<String> categories,
            List<Series> series,
            boolean bars,
            OptionalDouble threshold) {
        for (Series s : series) {
            if (s.values().size() != categories.size()) {
                throw new IllegalArgumentException(
                        "series \"" + s.name() + "\" has " + s.values().size() + " values for " + categories.size()
                                + " categories; give one per category (NaN if none)");
            }
        }
        double max = threshold.orElse(0);
        for (Series s : series) {
            for (double v : s.values()) {
                if (Double.isFinite(v)) {
                    max = Math.max(max, v);
                }
            }
        }
        max = niceCeiling(max <= 0 ? 1 : max * 1.05);
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        var svg = new StringBuilder();
        svg.append(String.format(
                Locale.ROOT,
                "<figure><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                        + " role=\"img\" aria-label=\"%s\">\n",
                WIDTH,
                HEIGHT,
                WIDTH,
                HEIGHT,
                escape(chartTitle)));
        svg.append(text(LEFT, 18, "start", "t", chartTitle));
        // Axes, grid and y ticks.
        for (int i = 0; i <= 4; i++) {
            double value = max * i / 4;
            double y = TOP + plotHeight - plotHeight * i / 4.0;
            svg.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" class=\"g\"/>\n",
                    LEFT,
                    y,
                    LEFT + plotWidth,
                    y));
            svg.append(text(LEFT - 6, y + 4, "end", "a", number(value)));
        }
        svg.append(text(14, TOP + plotHeight / 2.0, "middle", "a r", yLabel));
        svg.append(text(LEFT + plotWidth / 2.0, HEIGHT - 8, "middle", "a", xLabel));
        int n = Math.max(1, categories.size());
        double step = plotWidth / (double) n;
        for (int c = 0; c < categories.size(); c++) {
            double x = LEFT + step * (c + 0.5);
            svg.append(text(x, TOP + plotHeight + 16, "middle", "a", categories.get(c)));
        }
        for (int s = 0; s < series.size(); s++) {
            String colour = COLOURS.get(s % COLOURS.size());
            List<Double> values = series.get(s).values();
            if (bars) {
                double barWidth = Math.min(step * 0.8 / Math.max(1, series.size()), 48);
                double groupStart = (step - barWidth * series.size()) / 2;
                for (int c = 0; c < values.size(); c++) {
                    double v = values.get(c);
                    if (!Double.isFinite(v)) {
                        continue;
                    }
                    double h = plotHeight * v / max;
                    double x = LEFT + step * c + groupStart + barWidth * s;
                    svg.append(String.format(
                            Locale.ROOT,
                            "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s</title>"
                                    + "</rect>\n",
                            x,
                            TOP + plotHeight - h,
                            barWidth,
                            h,
                            colour,
                            escape(series.get(s).name() + ", " + categories.get(c) + ": " + number(v))));
                }
            } else {
                var path = new StringBuilder();
                for (int c = 0; c < values.size(); c++) {
                    double v = values.get(c);
                    if (!Double.isFinite(v)) {
                        continue;
                    }
                    double x = LEFT + step * (c + 0.5);
                    double y = TOP + plotHeight - plotHeight * v / max;
                    path.append(path.isEmpty() ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
                    svg.append(String.format(
                            Locale.ROOT,
                            "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"><title>%s</title></circle>\n",
                            x,
                            y,
                            colour,
                            escape(series.get(s).name() + ", " + categories.get(c) + ": " + number(v))));
                }
                if (!path.isEmpty()) {
                    svg.append("<path d=\"")
                            .append(path)
                            .append("\" fill=\"none\" stroke=\"")
                            .append(colour)
                            .append("\" stroke-width=\"2\"/>\n");
                }
            }
            double legendY = TOP + 14 + 18 * s;
            svg.append(String.format(
                    Locale.ROOT,
                    "<rect x=\"%d\" y=\"%.1f\" width=\"12\" height=\"12\" fill=\"%s\"/>\n",
                    LEFT + plotWidth + 12,
                    legendY - 10,
                    colour));
            svg.append(text(
                    LEFT + plotWidth + 30, legendY, "start", "a", series.get(s).name()));
        }
        if (threshold.isPresent()) {
            double y = TOP + plotHeight - plotHeight * threshold.getAsDouble() / max;
            svg.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" class=\"th\"/>\n",
                    LEFT,
                    y,
                    LEFT + plotWidth,
                    y));
            svg.append(text(LEFT + plotWidth + 12, y + 4, "start", "a", "gate " + number(threshold.getAsDouble())));
        }
        svg.append("</svg></figure>\n");
        body.append(svg);
        return this;
    }

    /** Returns the page. */
    public String html() {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + escape(title)
                + "</title>\n<style>\n"
                + "body{font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,sans-serif;margin:2rem;color:#1b1b1b;"
                + "max-width:60rem}\n"
                + "table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #ccc;padding:.25rem .5rem;"
                + "text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}th{background:#f2f2f2}\n"
                + "svg text{font-size:12px;fill:#1b1b1b}svg .t{font-size:14px;font-weight:600}\n"
                + "svg .r{transform-box:fill-box;transform-origin:center;transform:rotate(-90deg)}\n"
                + "svg .g{stroke:#ddd}svg .th{stroke:#d55e00;stroke-dasharray:6 4;stroke-width:2}\n"
                + "figure{margin:1rem 0}\n</style>\n</head>\n<body>\n<h1>"
                + escape(title) + "</h1>\n" + body + "</body>\n</html>\n";
    }

    /** Writes the page to {@code file}, replacing it. */
    public void write(Path file) throws IOException {
        Files.writeString(file, html());
    }

    /** Escapes text for HTML element content and attribute values, as the library does. */
    static String escape(String text) {
        return Html.escape(text);
    }

    private static String text(double x, double y, String anchor, String cssClass, String content) {
        return String.format(
                Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" class=\"%s\">%s</text>\n",
                x,
                y,
                anchor,
                cssClass,
                escape(content));
    }

    /** The smallest of 1, 2, 2.5 or 5 times a power of ten at or above {@code value}. */
    static double niceCeiling(double value) {
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double factor : new double[] {1, 2, 2.5, 5, 10}) {
            if (factor * power >= value) {
                return factor * power;
            }
        }
        return 10 * power;
    }

    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e9) {
            return String.format(Locale.ROOT, "%,d", (long) value);
        }
        return String.format(
                Locale.ROOT, Math.abs(value) >= 100 ? "%,.0f" : Math.abs(value) >= 1 ? "%.2f" : "%.3f", value);
    }

    /** Helper for callers: a list of {@code NaN}s to fill by index. */
    public static List<Double> missing(int size) {
        var values = new ArrayList<Double>(size);
        for (int i = 0; i < size; i++) {
            values.add(Double.NaN);
        }
        return values;
    }
}
