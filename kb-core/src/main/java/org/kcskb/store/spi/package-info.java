/**
 * The storage SPI, for hosts that keep articles in their own system: {@link org.kcskb.store.spi.ArticleStore}
 * (articles as revisions, links, flags, feedback, vocabulary, notices, case closures, each write one transaction of
 * {@link org.kcskb.store.spi.Mutation mutations} with its {@link org.kcskb.store.spi.Change change-feed} entry) and
 * {@link org.kcskb.store.spi.AnalyticsStore} (search events and reports). A host's own store checks itself with
 * {@code org.kcskb.store.spi.ArticleStoreContract} in the {@code kb-core} test-jar, as the shipped stores in {@link
 * org.kcskb.store.ArticleStores} do.
 */
package org.kcskb.store.spi;
