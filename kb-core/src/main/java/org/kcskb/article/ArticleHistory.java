package org.kcskb.article;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The full revision history of an article, oldest first.
 *
 * <p>Immutable and thread-safe.
 *
 * @param articleId the article
 * @param revisions every revision, numbered 1..n in order
 */
public record ArticleHistory(ArticleId articleId, List<Revision> revisions) {
    public ArticleHistory {
        Objects.requireNonNull(articleId, "articleId");
        revisions = List.copyOf(revisions);
        for (int i = 0; i < revisions.size(); i++) {
            if (revisions.get(i).number() != i + 1) {
                throw new IllegalArgumentException(
                        "Revisions of " + articleId + " must be numbered 1.." + revisions.size()
                                + " without gaps; found " + revisions.get(i).number() + " at " + (i + 1));
            }
        }
    }

    /** Returns the latest revision. */
    public Revision latest() {
        return revisions.getLast();
    }

    /** Returns what changed in revision {@code number} compared with the one before (everything for 1). */
    public List<FieldChange> changesIn(int number) {
        if (number < 1 || number > revisions.size()) {
            throw new IllegalArgumentException(
                    "Revision " + number + " of " + articleId + " does not exist; valid: 1.." + revisions.size());
        }
        Revision after = revisions.get(number - 1);
        Revision before = number == 1 ? null : revisions.get(number - 2);
        return diff(before, after);
    }

    /** Returns the fields that differ between two revisions; a null {@code before} means "nothing". */
    static List<FieldChange> diff(Revision before, Revision after) {
        var changes = new ArrayList<FieldChange>();
        ArticleContent b = before == null ? null : before.content();
        ArticleContent a = after.content();
        add(changes, "title", b == null ? "" : b.title(), a.title());
        add(changes, "issue", b == null ? "" : b.issue(), a.issue());
        add(changes, "environment", b == null ? "" : describe(b.environment()), describe(a.environment()));
        add(changes, "resolution", b == null ? "" : b.resolution(), a.resolution());
        add(changes, "cause", b == null ? "" : b.cause(), a.cause());
        add(changes, "language", b == null ? "" : Languages.tag(b.language()), Languages.tag(a.language()));
        add(changes, "tags", b == null ? "" : String.join(", ", b.tags()), String.join(", ", a.tags()));
        add(
                changes,
                "format",
                b == null ? TextFormat.PLAIN.name() : b.format().name(),
                a.format().name());
        add(
                changes,
                "state",
                before == null ? "" : before.state().name(),
                after.state().name());
        add(
                changes,
                "audience",
                before == null ? "" : before.audience().name(),
                after.audience().name());
        add(
                changes,
                "mergedInto",
                before == null ? "" : before.mergedInto().map(ArticleId::value).orElse(""),
                after.mergedInto().map(ArticleId::value).orElse(""));
        return List.copyOf(changes);
    }

    private static void add(List<FieldChange> changes, String field, String before, String after) {
        if (!before.equals(after)) {
            changes.add(new FieldChange(field, before, after));
        }
    }

    private static String describe(Environment environment) {
        var text = new StringBuilder();
        environment
                .attributes()
                .forEach((k, v) -> text.append(k).append('=').append(v).append("; "));
        return text.append(environment.text()).toString().strip();
    }
}
