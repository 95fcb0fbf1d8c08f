/**
 * The KCS article and what happens to it: {@link org.kcskb.article.ArticleContent} in the KCS structure (issue,
 * {@link org.kcskb.article.Environment}, resolution, cause, language, tags, and the {@link
 * org.kcskb.article.TextFormat format} its text is written in), the current {@link
 * org.kcskb.article.Article} with its {@link org.kcskb.article.ArticleState state}, {@link
 * org.kcskb.article.Audience audience} and {@link org.kcskb.article.Signals signals}, its {@link
 * org.kcskb.article.Revision revisions} and {@link org.kcskb.article.ArticleHistory history}, and the events of use:
 * {@link org.kcskb.article.CaseLink case links} (reuse), {@link org.kcskb.article.Flag flags} and {@link
 * org.kcskb.article.Feedback feedback}. Immutable values.
 */
package org.kcskb.article;
