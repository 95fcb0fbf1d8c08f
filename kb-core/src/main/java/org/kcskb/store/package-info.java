/**
 * Storage, the knowledge base's source of truth, behind a small SPI: {@link org.kcskb.store.ArticleStore} (articles
 * as revisions, links, flags, feedback, vocabulary, notices, case closures, each write one transaction of {@link
 * org.kcskb.store.Mutation mutations} with its {@link org.kcskb.store.Change change-feed} entry) and {@link
 * org.kcskb.store.AnalyticsStore} (search events and reports). {@link org.kcskb.store.ArticleStores} opens the
 * shipped stores: in memory, H2 embedded (the default), PostgreSQL (by URL or the host's {@code DataSource}, in a
 * schema per tenant if wanted). A host's own store checks itself with {@code ArticleStoreContract} in the {@code
 * kb-core} test-jar.
 */
package org.kcskb.store;
