/**
 * The language of support that no stemmer knows: synonym groups, one-way expansions (abbreviations, product
 * shorthand) and best bets, per knowledge base and language.
 *
 * <p>A {@link org.kcskb.vocabulary.Vocabulary} is an immutable snapshot of {@link
 * org.kcskb.vocabulary.VocabularyEntry entries}. Entries are managed through the {@link org.kcskb.KnowledgeBase} by
 * a licensed actor, stored and audited by the {@link org.kcskb.store.spi.ArticleStore}, and announced on its change feed
 * ({@link org.kcskb.store.spi.Change.Kind#VOCABULARY}), so that every node's search engine applies them at query time,
 * without re-indexing. A host configures a base vocabulary in code ({@link
 * org.kcskb.KnowledgeBaseBuilder}), by default the {@linkplain org.kcskb.vocabulary.Vocabulary#starter() starter
 * sets} of common support abbreviations and colloquial synonyms.
 */
package org.kcskb.vocabulary;
