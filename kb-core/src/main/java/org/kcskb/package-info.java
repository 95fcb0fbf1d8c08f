/**
 * The knowledge base: the one entry point a host uses, {@link org.kcskb.KnowledgeBase}, built by {@link
 * org.kcskb.KnowledgeBaseBuilder} (or {@link org.kcskb.KnowledgeBase#open(java.nio.file.Path)} for the embedded
 * default), and the values and errors of its API.
 *
 * <p>The Solve Loop: {@code capture} (with {@link org.kcskb.Draft}), {@code search}, {@code link} (reuse), {@code
 * flag}, {@code revise}, {@code transition}, {@code publish}, {@code merge}, {@code feedback}. The Evolve Loop:
 * {@code browse} and work queues ({@link org.kcskb.browse}), content {@code health} ({@link org.kcskb.health}),
 * search analytics ({@link org.kcskb.analytics}), known-issue notices ({@link org.kcskb.notice}), emerging issues
 * ({@link org.kcskb.emerging}), the vocabulary of support ({@link org.kcskb.vocabulary}).
 *
 * <p>Every write passes input limits, the content standard and the lifecycle policy ({@link
 * org.kcskb.lifecycle}) before it reaches the store ({@link org.kcskb.store}) in one transaction with its change-feed
 * entry; search engines ({@link org.kcskb.search.spi}) follow that feed. Bad input fails with {@link
 * org.kcskb.InvalidInputException}, a refused action with {@link org.kcskb.ActionRefusedException} naming the rule,
 * a lost race with {@link org.kcskb.RevisionConflictException}, storage trouble with {@link
 * org.kcskb.StorageException}; all are {@link org.kcskb.KbException}s whose messages say how to fix the cause.
 */
package org.kcskb;
