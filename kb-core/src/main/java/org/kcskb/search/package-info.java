/**
 * Searching as a host sees it: a {@link org.kcskb.search.SearchRequest} (natural-language text, the viewer,
 * filters, facets, paging by offset or cursor, language, the asker's context) and its {@link
 * org.kcskb.search.SearchResult} (hits with snippets, totals, facets, "did you mean", what was {@linkplain
 * org.kcskb.search.Relaxation relaxed} when nothing matched as typed, active known-issue notices), {@link
 * org.kcskb.search.Suggestion suggestions} while typing, and {@link org.kcskb.search.SimilarArticle similar
 * articles} while capturing. Nothing in an answer depends on articles the viewer may not see.
 */
package org.kcskb.search;
