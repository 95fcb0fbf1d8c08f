package org.kcskb.opensearch;

import org.kcskb.search.spi.GermanUmlautContract;
import org.kcskb.search.spi.SearchEngineProvider;

/** The German umlaut contract on the shared two-node OpenSearch cluster. */
class OpenSearchUmlautTest extends GermanUmlautContract {
    @Override
    protected SearchEngineProvider provider() {
        return TestCluster.provider("umlaut");
    }
}
