package org.kcskb.article;

import java.util.Objects;

/**
 * A text field of {@link ArticleContent}, for the code that presents or indexes fields one by one (see {@link
 * org.kcskb.render.ArticleText} and {@link org.kcskb.render.ArticleRenderer}).
 */
public enum TextField {
    /** {@link ArticleContent#title()}: always plain text, whatever the article's {@link TextFormat}. */
    TITLE,
    /** {@link ArticleContent#issue()}. */
    ISSUE,
    /** The free text of {@link ArticleContent#environment()}; its attributes are values, never formatted. */
    ENVIRONMENT,
    /** {@link ArticleContent#resolution()}. */
    RESOLUTION,
    /** {@link ArticleContent#cause()}. */
    CAUSE;

    /** Returns this field's text in {@code content}, as written (with its markup, if any). */
    public String of(ArticleContent content) {
        Objects.requireNonNull(content, "content");
        return switch (this) {
            case TITLE -> content.title();
            case ISSUE -> content.issue();
            case ENVIRONMENT -> content.environment().text();
            case RESOLUTION -> content.resolution();
            case CAUSE -> content.cause();
        };
    }

    /** Returns the format this field is written in: the content's format, except for the title (always plain). */
    public TextFormat formatIn(ArticleContent content) {
        Objects.requireNonNull(content, "content");
        return this == TITLE ? TextFormat.PLAIN : content.format();
    }
}
