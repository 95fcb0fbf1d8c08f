package org.kcskb.cli;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.kcskb.store.spi.AnalyticsStore;
import org.kcskb.store.spi.ArticleStore;

/**
 * Wraps a store so that its article reads are counted: the index rebuild reads every article through {@link
 * ArticleStore#article}, and the search engine has no progress of its own to report.
 */
final class CountingStore {
    private CountingStore() {}

    static UnaryOperator<ArticleStore> counting(AtomicLong reads) {
        return store -> {
            List<Class<?>> interfaces = new ArrayList<>(List.of(ArticleStore.class));
            if (store instanceof AnalyticsStore) {
                interfaces.add(AnalyticsStore.class);
            }
            return (ArticleStore) Proxy.newProxyInstance(
                    ArticleStore.class.getClassLoader(), interfaces.toArray(Class<?>[]::new), (proxy, method, args) -> {
                        if (method.getName().equals("article") && method.getParameterCount() == 1) {
                            reads.incrementAndGet();
                        }
                        try {
                            return method.invoke(store, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        };
    }
}
