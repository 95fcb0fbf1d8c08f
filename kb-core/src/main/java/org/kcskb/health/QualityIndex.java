package org.kcskb.health;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.kcskb.article.Article;
import org.kcskb.lifecycle.ContentStandard;
import org.kcskb.lifecycle.Violation;

/**
 * The article quality index (AQI in KCS): a checklist every article is scored against, its score the share of checks
 * it passes, from 0 (none) to 1 (all).
 *
 * <p>The checks are the rules of a {@link ContentStandard} (by their {@linkplain Violation#rule() rule ids}: an
 * article passes a rule when the standard, run on its current content and state, reports no violation of it) plus
 * checks of its own ({@link QualityCheck}). The standard runs once per article. Violations of rules not listed are
 * ignored: the denominator is the list, so that every article is scored against the same checks.
 *
 * <p>Build one with {@link #of}; the knowledge base uses {@link #kcsDefault(ContentStandard)} with its own content
 * standard when a {@link HealthRequest} names none. Immutable and thread-safe.
 *
 * @param standard the content standard whose rules are checked, if any
 * @param rules the rule ids of {@code standard} that count, in report order; empty without a standard
 * @param checks the checks of its own, after the rules
 */
public record QualityIndex(Optional<ContentStandard> standard, List<String> rules, List<QualityCheck> checks) {

    public QualityIndex {
        Objects.requireNonNull(standard, "standard");
        rules = List.copyOf(rules);
        checks = List.copyOf(checks);
        if (standard.isEmpty() && !rules.isEmpty()) {
            throw new IllegalArgumentException("Rules " + rules + " need the content standard that reports them");
        }
        var names = new HashSet<String>();
        for (String rule : rules) {
            if (!names.add(rule)) {
                throw new IllegalArgumentException("Quality check " + rule + " is listed twice");
            }
        }
        for (QualityCheck check : checks) {
            if (!names.add(check.name())) {
                throw new IllegalArgumentException("Quality check " + check.name() + " is listed twice");
            }
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("A quality index needs at least one check");
        }
    }

    /** Returns an index of {@code rules} of {@code standard} followed by {@code checks}. */
    public static QualityIndex of(ContentStandard standard, List<String> rules, List<QualityCheck> checks) {
        return new QualityIndex(Optional.of(Objects.requireNonNull(standard, "standard")), rules, checks);
    }

    /** Returns an index of {@code checks} alone. */
    public static QualityIndex of(List<QualityCheck> checks) {
        return new QualityIndex(Optional.empty(), List.of(), checks);
    }

    /**
     * Returns the KCS default over {@code standard}: its four built-in rules (title present, title not too long, issue
     * present, resolution present outside {@code WORK_IN_PROGRESS}; see {@link ContentStandard.Builder}) and
     * {@link QualityCheck#environmentPresent()}: five checks, so each failed one costs 0.2.
     */
    public static QualityIndex kcsDefault(ContentStandard standard) {
        return of(
                standard,
                List.of(
                        ContentStandard.Builder.TITLE_REQUIRED,
                        ContentStandard.Builder.TITLE_MAX_LENGTH,
                        ContentStandard.Builder.ISSUE_REQUIRED,
                        ContentStandard.Builder.RESOLUTION_REQUIRED),
                List.of(QualityCheck.environmentPresent()));
    }

    /** Returns the names of every check, rules first, in report order. */
    public List<String> names() {
        var names = new ArrayList<String>(rules.size() + checks.size());
        names.addAll(rules);
        checks.forEach(check -> names.add(check.name()));
        return List.copyOf(names);
    }

    /** Returns the number of checks, the score's denominator. */
    public int size() {
        return rules.size() + checks.size();
    }

    /** Returns the names of the checks {@code article} fails, in report order. */
    public List<String> failed(Article article) {
        Objects.requireNonNull(article, "article");
        List<String> failed = null;
        if (!rules.isEmpty()) {
            List<Violation> violations = standard.orElseThrow().check(article.content(), article.state());
            if (!violations.isEmpty()) {
                Set<String> broken = new LinkedHashSet<>();
                violations.forEach(v -> broken.add(v.rule()));
                for (String rule : rules) {
                    if (broken.contains(rule)) {
                        failed = add(failed, rule);
                    }
                }
            }
        }
        for (QualityCheck check : checks) {
            if (!check.passes().test(article)) {
                failed = add(failed, check.name());
            }
        }
        return failed == null ? List.of() : List.copyOf(failed);
    }

    /** Returns the score of an article that fails {@code failedChecks} of these checks: passed / all, 0 to 1. */
    public double score(int failedChecks) {
        return (double) (size() - failedChecks) / size();
    }

    private static List<String> add(List<String> list, String name) {
        List<String> result = list == null ? new ArrayList<>(2) : list;
        result.add(name);
        return result;
    }
}
