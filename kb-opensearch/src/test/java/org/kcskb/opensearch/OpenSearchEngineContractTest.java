package org.kcskb.opensearch;

import org.kcskb.search.spi.SearchEngine;
import org.kcskb.search.spi.SearchEngineContract;
import org.kcskb.search.spi.SearchEngineProvider;

/** The search engine contract, on a real two-node OpenSearch cluster in this JVM. */
class OpenSearchEngineContractTest extends SearchEngineContract {

    @Override
    protected SearchEngineProvider provider() {
        return TestCluster.provider("contract");
    }

    @Override
    protected boolean persistent() {
        // The indices live in the cluster, whatever the directory: a reopened engine finds them.
        return true;
    }

    @Override
    protected void crash(SearchEngine engine) {
        ((OpenSearchEngine) engine).crash();
    }
}
