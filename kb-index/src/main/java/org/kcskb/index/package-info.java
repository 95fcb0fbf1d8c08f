/**
 * The embedded search engine on Apache Lucene: {@link org.kcskb.index.LuceneSearchEngineProvider}, registered
 * through {@link java.util.ServiceLoader} as the {@link org.kcskb.search.spi.SearchEngine} a knowledge base finds
 * by itself. Everything else here is the engine's inside; hosts use it through {@link org.kcskb.KnowledgeBase}.
 *
 * <h2>The map of one search</h2>
 *
 * <ol>
 *   <li>{@code LuceneSearchEngine} picks the partition that answers the viewer (the public one holds only public
 *       articles, with statistics and vocabulary of their own; the main one is filtered by the viewer's
 *       visibility) and looks in its result cache.
 *   <li>The query's language: the requested one, else a vote of the query's words against each language's fields
 *       over the articles the viewer may see; the other languages are searched too, at a lower weight
 *       (cross-language help). Typos are corrected in the query's language ({@code Typos}).
 *   <li>{@code QueryCompiler} analyses the text per language ({@code Analysis}, the chains of {@code
 *       org.kcskb.index.analysis}: folding, stemming, German compounds split with a vocabulary learned from the
 *       index's own articles), adds the synonyms and expansions of the knowledge base's vocabulary ({@code
 *       QueryVocabulary}), and builds phase 1: one flat BM25F disjunction over the combined field, scored with the
 *       KCS priors ({@code KcsPriors}) and the asker's context ({@code AskerContext}), restricted to the visible
 *       documents as a cached bit set per segment and filter ({@code FilterBits}), with MaxScore skipping what cannot
 *       make the page.
 *   <li>Phase 2 ({@code BonusScorer}) rescores the best few with the exact-form and phrase bonus; best bets are
 *       pinned first for viewers who may see them; translations collapse to the viewer's language ({@code
 *       Translations}).
 *   <li>{@code Snippets} marks the matched words, facets are counted over the visible matches, and a cursor
 *       ({@code PageCursor}) or offset pages on. A query that finds nothing is relaxed (typos corrected, unknown words
 *       dropped) from visible articles only, and says so.
 * </ol>
 *
 * <p>Writes come from the store's change feed: {@code LucenePartitionWriter} is the {@link
 * org.kcskb.search.spi.SearchIndexWriter} that {@link org.kcskb.search.spi.ChangeFeedFollower} drives, one per
 * partition ({@code IndexPartition}); {@code ArticleDocuments} and {@code ArticleFields} say what is indexed.
 * Suggestions ({@code Suggestions}) complete titles and answered queries; {@code Resemblance} finds similar articles
 * while capturing.
 */
package org.kcskb.index;
