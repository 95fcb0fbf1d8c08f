/**
 * The same knowledge base API on an OpenSearch cluster: {@link org.kcskb.opensearch.OpenSearchEngineProvider}
 * configures the {@link org.kcskb.search.spi.SearchEngine} that keeps each knowledge base's articles in OpenSearch
 * indices (one for everything, one for the public) and searches them over HTTP with the official Java client.
 * German analysis runs in the application with the embedded engine's chains ({@code kb-index}), so that the cluster
 * needs only stock OpenSearch and ranks as the embedded engine does; the other languages use the cluster's own
 * analysis, declared per language in the index schema. The store stays the truth: indices are rebuilt from it.
 */
package org.kcskb.opensearch;
