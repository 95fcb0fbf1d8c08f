package org.kcskb.article;

/**
 * How an article's text fields are written: plain text or Markdown.
 *
 * <p>The format applies to the issue, the resolution, the cause and the environment's free text; the title and the
 * environment's attributes are always plain text, because they are shown where markup cannot be (result lists,
 * suggestions, page titles, facets). Search engines index and snippet the text without its markup (see {@link
 * org.kcskb.render.ArticleText}); {@link org.kcskb.render.ArticleRenderer} turns either format into sanitized HTML.
 */
public enum TextFormat {
    /**
     * Plain text, the default: shown as paragraphs separated by blank lines, with the source's line breaks inside a
     * paragraph joined, lines starting {@code 1.} or {@code 1)} as a numbered list, lines starting {@code -} or
     * {@code *} as a bulleted list, and URLs as links.
     */
    PLAIN,
    /**
     * CommonMark with GitHub-flavoured tables and bare URLs as links. Raw HTML in the text is shown as text, never
     * passed through; links to schemes other than {@code http}, {@code https} and {@code mailto} become text.
     */
    MARKDOWN
}
