/**
 * Text analysis for German and English support articles: language detection, per-language Lucene analyzers, and
 * German decompounding learned from the knowledge base's own vocabulary.
 *
 * <p>The indexer uses three types: {@link org.kcskb.index.analysis.LanguageDetection} to tell an article's or a
 * query's language, {@link org.kcskb.index.analysis.CompoundVocabulary} to learn the words German compounds are split
 * into, and {@link org.kcskb.index.analysis.KbAnalyzers} for the analyzers of each language at index and query time.
 * Everything else is package-private. All public types are thread-safe.
 */
package org.kcskb.index.analysis;
