package org.kcskb.emerging;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Tells which issues are new between one detection and the next, so that a listener hears of each issue once while
 * it lasts. An issue is the same as an active one when it is of the same kind and names the same article or product
 * ({@link EmergingIssue.Kind#REUSE}, {@link EmergingIssue.Kind#FLAGS}), or when it was searched for the same product
 * (or for none) and one of its queries (label and examples) has words like one of the other's (the same overlap with typos
 * tolerated as the grouping, over plain words): the examples of a group of twenty spellings change from one
 * detection to the next, and a group whose kind changed from {@link EmergingIssue.Kind#SEARCHES} to {@link
 * EmergingIssue.Kind#CONTENT_GAP} is the same issue. An issue stays active until it has not been detected for
 * {@code grace} (a window, so that a count hovering at the threshold is not announced again and again); one that
 * comes back after that is new again. Not thread-safe: one per detector, called in turn.
 */
public final class EmergingIssueTracker {
    private static final double SAME = 0.6;

    private final Duration grace;
    /** The active issues, each as last detected, with when it was last detected. */
    private final Map<EmergingIssue, Instant> active = new LinkedHashMap<>();

    /** @param grace how long an issue stays active after its last detection, such as the detection window */
    public EmergingIssueTracker(Duration grace) {
        this.grace = Objects.requireNonNull(grace, "grace");
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace must not be negative, was " + grace);
        }
    }

    /** Takes the issues detected at {@code now} and returns those that were not active. */
    public List<EmergingIssue> update(List<EmergingIssue> detected, Instant now) {
        Objects.requireNonNull(detected, "detected");
        Objects.requireNonNull(now, "now");
        active.values().removeIf(last -> last.plus(grace).isBefore(now));
        var fresh = new ArrayList<EmergingIssue>();
        for (EmergingIssue issue : detected) {
            List<EmergingIssue> known =
                    active.keySet().stream().filter(old -> same(old, issue)).toList();
            if (known.isEmpty()) {
                fresh.add(issue);
            }
            known.forEach(active::remove);
            active.put(issue, now);
        }
        return fresh;
    }

    /** Returns the active issues, each as last detected. */
    public List<EmergingIssue> active() {
        return List.copyOf(active.keySet());
    }

    static boolean same(EmergingIssue a, EmergingIssue b) {
        boolean aNamed = a.article().isPresent() || !isQueryGroup(a);
        boolean bNamed = b.article().isPresent() || !isQueryGroup(b);
        if (aNamed || bNamed) {
            return a.kind() == b.kind()
                    && a.article().equals(b.article())
                    && a.product().equals(b.product());
        }
        if (!a.product().equals(b.product())) {
            return false;
        }
        for (String qa : queries(a)) {
            List<String> wa = org.kcskb.search.spi.EngineText.plainWords(qa);
            for (String qb : queries(b)) {
                if (qa.equals(qb)
                        || QueryWords.similarity(wa, org.kcskb.search.spi.EngineText.plainWords(qb)) >= SAME) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isQueryGroup(EmergingIssue issue) {
        return issue.kind() == EmergingIssue.Kind.SEARCHES || issue.kind() == EmergingIssue.Kind.CONTENT_GAP;
    }

    private static List<String> queries(EmergingIssue issue) {
        var queries = new ArrayList<String>(issue.exampleQueries().size() + 1);
        queries.add(issue.label());
        queries.addAll(issue.exampleQueries());
        return queries;
    }
}
