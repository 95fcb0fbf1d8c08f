package org.kcskb.index;

import org.kcskb.search.spi.SearchEngine;
import org.kcskb.search.spi.SearchEngineContext;
import org.kcskb.search.spi.SearchEngineProvider;

/**
 * Provides the Lucene search engine; registered for {@link java.util.ServiceLoader}, so that adding
 * {@code kb-index} to the class path is all a host needs to do.
 */
public final class LuceneSearchEngineProvider implements SearchEngineProvider {
    /** Creates the provider; used by {@link java.util.ServiceLoader}. */
    public LuceneSearchEngineProvider() {}

    @Override
    public SearchEngine open(SearchEngineContext context) {
        return new LuceneSearchEngine(context);
    }

    @Override
    public String toString() {
        return "Lucene " + org.apache.lucene.util.Version.LATEST;
    }
}
