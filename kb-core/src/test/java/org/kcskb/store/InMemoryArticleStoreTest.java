package org.kcskb.store;

class InMemoryArticleStoreTest extends ArticleStoreContract {
    @Override
    protected ArticleStore newStore() {
        return ArticleStores.inMemory();
    }
}
