package org.kcskb.index;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Nested;
import org.kcskb.search.spi.SearchEngine;
import org.kcskb.search.spi.SearchEngineContract;
import org.kcskb.search.spi.SearchEngineProvider;

/** The Lucene engine meets the search engine contract, with its index in memory and in a directory. */
class LuceneSearchEngineContractTest {

    /** Rebuilt from the store on every open. */
    @Nested
    class InMemory extends SearchEngineContract {
        @Override
        protected SearchEngineProvider provider() {
            return new LuceneSearchEngineProvider();
        }
    }

    /**
     * In a directory that it reopens; a crash is simulated by making the index's directories refuse every write
     * (as a disk that turns read-only, or a process that dies, leaves the last commit) and then closing the engine,
     * whose final commit then fails.
     */
    @Nested
    class OnDisk extends SearchEngineContract {
        private final Map<SearchEngine, List<FaultyDirectory>> directories = new ConcurrentHashMap<>();

        @Override
        protected SearchEngineProvider provider() {
            return context -> {
                var opened = new ArrayList<FaultyDirectory>();
                var engine = new LuceneSearchEngine(context, path -> {
                    var directory = new FaultyDirectory(IndexPartition.Directories.DEFAULT.open(path));
                    opened.add(directory);
                    return directory;
                });
                directories.put(engine, opened);
                return engine;
            };
        }

        @Override
        protected boolean persistent() {
            return true;
        }

        @Override
        protected void crash(SearchEngine engine) {
            for (FaultyDirectory directory : directories.get(engine)) {
                directory.readOnly = true;
            }
            engine.close();
        }
    }
}
