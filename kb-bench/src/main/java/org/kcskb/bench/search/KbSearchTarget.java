package org.kcskb.bench.search;

import org.kcskb.KnowledgeBase;
import org.kcskb.actor.Viewer;
import org.kcskb.bench.corpus.BenchmarkCorpus;
import org.kcskb.bench.corpus.HitCount;
import org.kcskb.bench.corpus.SearchWorkload;
import org.kcskb.bench.kb.CorpusLoader;
import org.kcskb.index.LuceneSearchEngineProvider;
import org.kcskb.search.SearchRequest;

/**
 * The library through its public API with its default configuration, except that the result cache is off (the
 * benchmarks cycle through a fixed query list; {@code CacheBenchmark} measures the cache). The library counts
 * hits exactly up to 1,000 whatever {@link HitCount} says, so this target ignores it.
 */
final class KbSearchTarget implements SearchTarget {
    private KnowledgeBase kb;
    private SearchRequest[] requests;

    @Override
    public void open(BenchmarkCorpus corpus, SearchWorkload workload, int limit, HitCount hits) {
        kb = CorpusLoader.load(
                CorpusLoader.builder()
                        .searchEngine(LuceneSearchEngineProvider.builder()
                                .resultCacheBytes(0)
                                .build()),
                corpus);
        requests =
                corpus.queries().stream().map(q -> request(q, workload, limit)).toArray(SearchRequest[]::new);
    }

    static SearchRequest request(String text, SearchWorkload workload, int limit) {
        String cut = text.length() <= SearchRequest.MAX_TEXT_LENGTH
                ? text
                : text.substring(0, SearchRequest.MAX_TEXT_LENGTH);
        var builder =
                switch (workload) {
                    // The library returns every hit with its title and highlighted snippet and counts as the page
                    // workload says: the page workload is its text search.
                    case TEXT, PAGE -> SearchRequest.builder(cut, Viewer.anonymous());
                    case FILTERED ->
                        SearchRequest.builder(cut, Viewer.partner("bench-partner"))
                                .environment("product", SearchWorkload.FILTER_PRODUCT);
                    case FACETS ->
                        SearchRequest.builder(cut, Viewer.anonymous()).facets(true);
                    case DEEP -> SearchRequest.builder(cut, Viewer.anonymous()).offset(workload.offset());
                };
        return builder.limit(limit).build();
    }

    @Override
    public Object search(int query) {
        return kb.search(requests[query]);
    }

    @Override
    public void close() {
        if (kb != null) {
            kb.close();
        }
    }
}
