package org.kcskb.store;

import org.kcskb.store.spi.ArticleStore;
import org.kcskb.store.spi.ArticleStoreContract;

class InMemoryArticleStoreTest extends ArticleStoreContract {
    @Override
    protected ArticleStore newStore() {
        return ArticleStores.inMemory();
    }
}
