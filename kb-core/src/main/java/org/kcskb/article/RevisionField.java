package org.kcskb.article;

import java.util.Set;

/**
 * A part of a stored revision that an administrator can {@linkplain org.kcskb.KnowledgeBase#redact redact}: its text
 * is replaced by {@link #MARKER} (tags and environment attributes are emptied), so that personal data captured by
 * mistake is forgotten while the revision, its number and its author stay in the history.
 */
public enum RevisionField {
    /** {@link ArticleContent#title()}. */
    TITLE,
    /** {@link ArticleContent#issue()}. */
    ISSUE,
    /** {@link ArticleContent#environment()}: its attributes are removed and its text replaced. */
    ENVIRONMENT,
    /** {@link ArticleContent#resolution()}. */
    RESOLUTION,
    /** {@link ArticleContent#cause()}. */
    CAUSE,
    /** {@link ArticleContent#tags()}: removed. */
    TAGS,
    /** {@link Revision#comment()}, the note written with the revision. */
    COMMENT;

    /** The text that replaces a redacted field. */
    public static final String MARKER = "[redacted]";

    /** Returns {@code revision} with {@code fields} replaced by {@link #MARKER}; the rest is unchanged. */
    public static Revision redact(Revision revision, Set<RevisionField> fields) {
        ArticleContent c = revision.content();
        String title = fields.contains(TITLE) ? MARKER : c.title();
        String issue = fields.contains(ISSUE) ? MARKER : c.issue();
        Environment environment = fields.contains(ENVIRONMENT) ? Environment.of(MARKER) : c.environment();
        String resolution = fields.contains(RESOLUTION) && !c.resolution().isEmpty() ? MARKER : c.resolution();
        String cause = fields.contains(CAUSE) && !c.cause().isEmpty() ? MARKER : c.cause();
        Set<String> tags = fields.contains(TAGS) ? Set.of() : c.tags();
        String comment = fields.contains(COMMENT) && !revision.comment().isEmpty() ? MARKER : revision.comment();
        var content = new ArticleContent(title, issue, environment, resolution, cause, c.language(), tags, c.format());
        return new Revision(
                revision.articleId(),
                revision.number(),
                content,
                revision.state(),
                revision.audience(),
                revision.mergedInto(),
                revision.author(),
                revision.at(),
                revision.kind(),
                comment);
    }
}
