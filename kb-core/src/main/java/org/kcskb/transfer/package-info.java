/**
 * Knowledge in and out: a team's existing articles imported in bulk, and every article exported, in one format.
 *
 * <p>A {@link org.kcskb.transfer.TransferArticle} is one article as it travels: the id it has in the system it comes
 * from (its <em>source id</em>), every revision with its author and time, its case links, flags, translations,
 * self-service feedback and view count.
 * {@link org.kcskb.KnowledgeBase#startImport} returns an {@link org.kcskb.transfer.ArticleImport} that takes them
 * one at a time (streaming: a file of any size in bounded memory) and writes them in batches; importing the same
 * source id again revises the article it created instead of creating another, so an import can be re-run.
 * {@link org.kcskb.KnowledgeBase#exportArticles} hands out every article in the same shape. Long work reports to a
 * {@link org.kcskb.transfer.TransferListener}. The JSON-lines file format lives in the {@code kb-transfer} module, so
 * that kb-core needs no JSON library.
 */
package org.kcskb.transfer;
