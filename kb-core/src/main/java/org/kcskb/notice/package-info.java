/**
 * Known-issue notices: time-boxed, bilingual messages about a known problem (an outage, a faulty update) that a
 * Publisher posts through {@link org.kcskb.KnowledgeBase#publishNotice} and that searches whose words or environment
 * match the notice's symptoms show first ({@link org.kcskb.search.SearchResult#notices()}), only to viewers of the
 * notice's audience, until the notice's end. Stored and audited by the store and announced on its change feed
 * ({@link org.kcskb.store.spi.Change.Kind#NOTICE}).
 */
package org.kcskb.notice;
