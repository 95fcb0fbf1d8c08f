/**
 * Listing articles as a KCS coach does, from the store rather than the search index, so that a listing is complete
 * and current: {@link org.kcskb.browse.BrowseRequest} (filters, a sort, a keyset {@link
 * org.kcskb.browse.BrowseCursor cursor}), {@link org.kcskb.browse.BrowsePage pages} of {@link
 * org.kcskb.browse.ArticleSummary summaries}, {@link org.kcskb.browse.BrowseCounts counts} per state and audience,
 * and the named {@link org.kcskb.browse.WorkQueue work queues} (publish, stale work in progress, open flags, stale
 * validated, archive candidates) with their {@link org.kcskb.browse.QueueSettings thresholds}. Visibility is that of
 * {@link org.kcskb.KnowledgeBase#article(org.kcskb.article.ArticleId, org.kcskb.actor.Viewer)}.
 */
package org.kcskb.browse;
