/**
 * Presenting article text: {@link org.kcskb.render.ArticleText} turns a field into plain text without markup (what
 * search engines index and snippet), {@link org.kcskb.render.ArticleRenderer} into sanitized HTML for a page, and
 * {@link org.kcskb.render.Html} escapes text for HTML. Both formats of {@link org.kcskb.article.TextFormat} are
 * handled; Markdown is parsed with CommonMark (GFM tables, bare URLs as links). Stateless or immutable, and
 * thread-safe.
 */
package org.kcskb.render;
