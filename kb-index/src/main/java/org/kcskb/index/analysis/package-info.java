/**
 * Text analysis for support articles: per-language Lucene analyzers, and German decompounding learned from the
 * knowledge base's own vocabulary. (Language detection is {@code kb-language}'s.)
 *
 * <p>Each language is defined once, by a {@link org.kcskb.index.analysis.LanguageAnalysis} (German and English here,
 * French in {@code analysis.fr}), and registered in {@link org.kcskb.index.analysis.KbLanguages}, which everything
 * else reads.
 *
 * <p>The indexer uses three types: {@link org.kcskb.index.analysis.CompoundVocabulary} to learn the words German compounds are split
 * into, {@link org.kcskb.index.analysis.KbAnalyzers} for the analyzers of each language at index and query time, and
 * {@link org.kcskb.index.analysis.CompletionAnalyzer} for the words (and compound parts) that search-as-you-type
 * completes. Everything else is package-private. All public types are thread-safe.
 */
package org.kcskb.index.analysis;
