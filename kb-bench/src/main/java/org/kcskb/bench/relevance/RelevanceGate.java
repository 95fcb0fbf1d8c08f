package org.kcskb.bench.relevance;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares fresh relevance figures with the committed {@link RelevanceBaseline}: a data set fails when its
 * nDCG@10 is more than the tolerance below the baseline.
 *
 * <p>Relevance is deterministic, so the tolerance only absorbs floating-point noise and harmless reorderings of
 * ties; a real regression moves nDCG@10 by more. A rise never fails: the message says how to record it. Stateless.
 */
final class RelevanceGate {
    /** The default largest allowed drop of nDCG@10 below the baseline. */
    static final double DEFAULT_TOLERANCE = 0.01;

    private RelevanceGate() {}

    /** The verdict on one data set. */
    enum Status {
        /** Within the tolerance of the baseline (or above it). */
        PASS,
        /** nDCG@10 dropped by more than the tolerance. */
        FAIL,
        /** Measured, but the baseline has no figures for it. */
        NEW,
        /** In the baseline, but not measured in this run. */
        MISSING
    }

    /**
     * One data set's comparison.
     *
     * @param set the data set name
     * @param status the verdict
     * @param baseline the committed nDCG@10, or {@code NaN} for a new set
     * @param measured the fresh nDCG@10, or {@code NaN} for a missing set
     * @param message what happened and, for anything but a pass, what to do
     */
    record Finding(String set, Status status, double baseline, double measured, String message) {
        Finding {
            Objects.requireNonNull(set, "set");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * Compares {@code measured} (system nDCG@10 per data set) with {@code baseline}.
     *
     * @param tolerance the largest allowed drop, 0 or more
     * @return one finding per data set in either map, sorted by name
     */
    static List<Finding> compare(RelevanceBaseline baseline, Map<String, Double> measured, double tolerance) {
        if (!(tolerance >= 0)) {
            throw new IllegalArgumentException("The tolerance must be 0 or more, was " + tolerance);
        }
        Set<String> names = new TreeSet<>(baseline.sets().keySet());
        names.addAll(measured.keySet());
        var findings = new ArrayList<Finding>();
        for (String name : names) {
            RelevanceBaseline.Entry old = baseline.sets().get(name);
            Double fresh = measured.get(name);
            if (old == null) {
                findings.add(new Finding(
                        name,
                        Status.NEW,
                        Double.NaN,
                        fresh,
                        format(
                                "%s: nDCG@10 %.4f, not in the baseline file, so not gated; record it with"
                                        + " relevance-suite --update-baseline",
                                name, fresh)));
            } else if (fresh == null) {
                findings.add(new Finding(
                        name,
                        Status.MISSING,
                        old.scores().ndcg10(),
                        Double.NaN,
                        format(
                                "%s: in the baseline file (nDCG@10 %.4f) but not found in the data folder",
                                name, old.scores().ndcg10())));
            } else {
                double was = old.scores().ndcg10();
                double drop = was - fresh;
                if (drop > tolerance) {
                    findings.add(new Finding(
                            name,
                            Status.FAIL,
                            was,
                            fresh,
                            format(
                                    "%s: nDCG@10 dropped from %.4f to %.4f (%.4f, more than the allowed %.4f). Fix"
                                            + " the ranking change that caused it; if the drop is intended, update"
                                            + " the baseline in the same commit with relevance-suite"
                                            + " --update-baseline and say why in the commit message",
                                    name, was, fresh, -drop, tolerance)));
                } else {
                    findings.add(new Finding(
                            name,
                            Status.PASS,
                            was,
                            fresh,
                            format(
                                    "%s: nDCG@10 %.4f (baseline %.4f, %+.4f)%s",
                                    name,
                                    fresh,
                                    was,
                                    fresh - was,
                                    -drop > tolerance
                                            ? "; better than the baseline: record it with --update-baseline"
                                            : "")));
                }
            }
        }
        return findings;
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
