/**
 * The search side behind the knowledge base, for engine authors: {@link org.kcskb.search.spi.SearchEngine} and its
 * {@link org.kcskb.search.spi.SearchEngineProvider} (found through {@link java.util.ServiceLoader}; {@code kb-index}
 * and {@code kb-opensearch} implement it). An engine is a projection of the store: it implements the writes of its
 * index as a {@link org.kcskb.search.spi.SearchIndexWriter} and lets a {@link
 * org.kcskb.search.spi.ChangeFeedFollower} follow the store's change feed, commit, recover and rebuild. Shared rules
 * keep engines answering alike: {@link org.kcskb.search.spi.KcsPrior} (ranking priors from KCS signals), {@link
 * org.kcskb.search.spi.ContextBoost}, {@link org.kcskb.search.spi.PublicPartition}, {@link
 * org.kcskb.search.spi.EngineText}, and {@link org.kcskb.render.ArticleText}: an engine indexes, snippets and compares
 * an article's text fields as {@code ArticleText.plain(content, field)} gives them (Markdown without its markup), never
 * the raw fields. An engine checks itself with {@code SearchEngineContract} in the {@code kb-core}
 * test-jar.
 */
package org.kcskb.search.spi;
