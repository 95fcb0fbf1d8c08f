package org.kcskb.store.spi;

import org.kcskb.store.ArticleStores;

/** The forwarding base of the tests' store wrappers meets the storage contract over the in-memory store. */
class ForwardingArticleStoreTest extends ArticleStoreContract {
    @Override
    protected ArticleStore newStore() {
        return new ForwardingArticleStore(ArticleStores.inMemory()) {};
    }
}
