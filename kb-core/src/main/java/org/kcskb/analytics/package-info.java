/**
 * What searching teaches: {@link org.kcskb.analytics.SearchEvent search events} (searches, clicks, suggestion picks,
 * links from a search), recorded in the background, and the {@link org.kcskb.analytics.SearchAnalytics} reports
 * built on them: top queries, {@link org.kcskb.analytics.ContentGap content gaps} (searches nothing answered),
 * click positions, {@link org.kcskb.analytics.AnsweredQuery answered queries} (which feed suggestions) and
 * {@link org.kcskb.analytics.Reformulation reformulations} (which propose synonyms). Reports scoped to a viewer
 * count only that viewer's audience's searches.
 */
package org.kcskb.analytics;
