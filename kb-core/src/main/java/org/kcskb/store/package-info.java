/**
 * The shipped stores, the knowledge base's source of truth. {@link org.kcskb.store.ArticleStores} opens them: in
 * memory, H2 embedded (the default), PostgreSQL (by URL or the host's {@code DataSource}, in a schema per tenant if
 * wanted); {@link org.kcskb.store.StoreTimeouts} bounds how long a JDBC store waits. Every store implements the
 * storage SPI in {@link org.kcskb.store.spi}; how the shipped ones do it ({@code store.internal}) is not API.
 */
package org.kcskb.store;
