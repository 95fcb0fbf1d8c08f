package org.kcskb.search;

import java.util.Objects;
import java.util.Optional;
import org.kcskb.article.ArticleId;

/**
 * One completion for what a person is typing: an article title, or a query that others searched and found an
 * answer for.
 *
 * <p>{@code highlighted} is HTML: every character of {@code text} is escaped and the words that match what was
 * typed are wrapped in {@code <mark>} and {@code </mark>}, so it is safe to put into a page as it is. Immutable
 * and thread-safe.
 *
 * @param text the completion as plain text (escape it before putting it into HTML)
 * @param highlighted the completion, HTML-escaped, with the matching words marked
 * @param kind whether it is an article title or a past query
 * @param article the article whose title this is; empty for a past query
 * @param weight how popular the completion is; only comparable within one list of suggestions
 */
public record Suggestion(String text, String highlighted, Kind kind, Optional<ArticleId> article, double weight) {
    public Suggestion {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(highlighted, "highlighted");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(article, "article");
        if (kind == Kind.TITLE && article.isEmpty()) {
            throw new IllegalArgumentException("A TITLE suggestion names its article: '" + text + "'");
        }
        if (kind == Kind.QUERY && article.isPresent()) {
            throw new IllegalArgumentException("A QUERY suggestion names no article: '" + text + "'");
        }
    }

    /**
     * Returns the completion as structure: {@link #text()} and the ranges that match what was typed, for clients
     * that do not render HTML (see {@link Highlight}).
     */
    public Highlight highlight() {
        return Highlight.fromHtml(highlighted);
    }

    /** Where a suggestion comes from. */
    public enum Kind {
        /** The title of an article the person may see; picking it opens the article. */
        TITLE,
        /** A query that led others to an article the person may see; picking it runs the search. */
        QUERY
    }
}
