package org.kcskb.index;

import org.kcskb.search.spi.SearchEngine;
import org.kcskb.search.spi.SearchEngineContext;
import org.kcskb.search.spi.SearchEngineProvider;

/** Opens the Lucene engine with its index in directories a test controls (failing disks). */
record FaultyEngines(IndexPartition.Directories directories) implements SearchEngineProvider {
    @Override
    public SearchEngine open(SearchEngineContext context) {
        return new LuceneSearchEngine(context, directories);
    }
}
