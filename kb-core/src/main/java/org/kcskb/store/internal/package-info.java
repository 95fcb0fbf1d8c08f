/**
 * The shipped stores' implementation: the in-memory store, the JDBC store for H2 and PostgreSQL (schema migrations
 * {@code migrations/V<n>__*.sql}, one statement per browse page, pushed-down reports), and their helpers. Not an
 * API: open stores through {@link org.kcskb.store.ArticleStores}; nothing here is a compatibility promise.
 */
package org.kcskb.store.internal;
