package org.kcskb.index;

import org.kcskb.search.spi.GermanUmlautContract;
import org.kcskb.search.spi.SearchEngineProvider;

/** The German umlaut contract on the embedded engine. */
class UmlautPrecisionTest extends GermanUmlautContract {
    @Override
    protected SearchEngineProvider provider() {
        return LuceneSearchEngineProvider.builder().build();
    }
}
