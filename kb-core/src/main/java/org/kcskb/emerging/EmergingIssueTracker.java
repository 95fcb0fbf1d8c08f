package org.kcskb.emerging;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Tells which issues are new between one detection and the next, so that a listener hears of each issue once while
 * it lasts: an issue is the same as one of the previous detection when it names the same article ({@link
 * EmergingIssue.Kind#REUSE}) or shares its label or an example query (a group of searches whose kind changed from
 * {@link EmergingIssue.Kind#SEARCHES} to {@link EmergingIssue.Kind#CONTENT_GAP} is the same issue). An issue that
 * drops out of a detection and comes back is new again. Not thread-safe: one per detector, called in turn.
 */
public final class EmergingIssueTracker {
    private List<EmergingIssue> active = List.of();

    /** Takes the issues of the latest detection and returns those that were not active in the previous one. */
    public List<EmergingIssue> update(List<EmergingIssue> detected) {
        Objects.requireNonNull(detected, "detected");
        var fresh = new ArrayList<EmergingIssue>();
        for (EmergingIssue issue : detected) {
            if (active.stream().noneMatch(old -> same(old, issue))) {
                fresh.add(issue);
            }
        }
        active = List.copyOf(detected);
        return fresh;
    }

    /** Returns the issues of the latest detection. */
    public List<EmergingIssue> active() {
        return active;
    }

    static boolean same(EmergingIssue a, EmergingIssue b) {
        if ((a.kind() == EmergingIssue.Kind.REUSE) != (b.kind() == EmergingIssue.Kind.REUSE)) {
            return false;
        }
        if (a.article().isPresent()) {
            return a.article().equals(b.article());
        }
        Set<String> queries = new HashSet<>(a.exampleQueries());
        queries.add(a.label());
        return queries.contains(b.label()) || b.exampleQueries().stream().anyMatch(queries::contains);
    }
}
