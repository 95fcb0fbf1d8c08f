package org.kcskb.bench.opensearch;

import java.time.Duration;
import org.kcskb.Draft;
import org.kcskb.KnowledgeBase;
import org.kcskb.Limits;
import org.kcskb.actor.Actor;
import org.kcskb.actor.Viewer;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.article.Environment;
import org.kcskb.bench.corpus.BenchmarkCorpus;
import org.kcskb.bench.corpus.CorpusArticle;
import org.kcskb.bench.corpus.HitCount;
import org.kcskb.bench.corpus.SearchWorkload;
import org.kcskb.lifecycle.ContentStandard;
import org.kcskb.opensearch.OpenSearchEngineProvider;
import org.kcskb.search.SearchRequest;
import org.kcskb.store.ArticleStores;

/**
 * The library through its public API on OpenSearch: a knowledge base with an in-memory store and {@link
 * OpenSearchEngineProvider} on the cluster (one shard, no replica: one node), loaded as kb-bench's {@code
 * CorpusLoader} loads every kb benchmark (each article validated and published to its corpus audience, then a
 * rebuild), asked as kb-bench's {@code KbSearchTarget} asks. The library counts hits exactly up to 1,000 whatever
 * {@link HitCount} says, so this target ignores it.
 *
 */
final class KbOpenSearchTarget implements OpenSearchTarget {
    private static final Actor LOADER = Actor.administrator("bench");
    private static final Duration CATCH_UP = Duration.ofMinutes(60);
    private static final int MAX_TITLE_LENGTH = 200;
    private static final int MAX_TEXT_LENGTH = Limits.defaults().maxFieldLength();

    private KnowledgeBase kb;
    private SearchRequest[] requests;

    @Override
    public void open(String url, BenchmarkCorpus corpus, SearchWorkload workload, int limit, HitCount hits) {
        kb = KnowledgeBase.builder()
                .store(ArticleStores.inMemory())
                .contentStandard(ContentStandard.builder().requireIssue(false).build())
                .searchEngine(OpenSearchEngineProvider.builder()
                        .url(url)
                        .indexPrefix("kb-bench")
                        .shards(1, 0)
                        .build())
                .build();
        try {
            for (CorpusArticle article : corpus.articles()) {
                kb.capture(LOADER, draft(article));
            }
            awaitSearchable(corpus);
            // As a host does after a bulk import: every article analysed with the vocabulary learned from all.
            kb.rebuildIndex();
            awaitSearchable(corpus);
        } catch (RuntimeException e) {
            kb.close();
            throw e;
        }
        requests =
                corpus.queries().stream().map(q -> request(q, workload, limit)).toArray(SearchRequest[]::new);
    }

    private void awaitSearchable(BenchmarkCorpus corpus) {
        if (!kb.awaitSearchable(CATCH_UP)) {
            throw new IllegalStateException("The index did not catch up with "
                    + corpus.articles().size() + " articles of " + corpus.name() + " in " + CATCH_UP);
        }
    }

    /** The request of one query, as kb-bench's {@code KbSearchTarget.request}. */
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

    /** The draft of one corpus article, as kb-bench's {@code CorpusLoader.draft}. */
    static Draft draft(CorpusArticle a) {
        String title = cut(a.title(), MAX_TITLE_LENGTH);
        var content = a.resolution().isEmpty()
                ? ArticleContent.of(title, "").withResolution(cut(a.issue(), MAX_TEXT_LENGTH))
                : ArticleContent.of(title, cut(a.issue(), MAX_TEXT_LENGTH)).withResolution(a.resolution());
        content = content.withLanguage(a.language());
        if (!a.product().isEmpty()) {
            content = content.withEnvironment(Environment.of(a.product(), a.version(), ""));
        }
        return Draft.of(content)
                .withState(ArticleState.VALIDATED)
                .withAudience(
                        switch (a.audience()) {
                            case PUBLIC -> Audience.PUBLIC;
                            case PARTNER -> Audience.PARTNER;
                            case INTERNAL -> Audience.INTERNAL;
                        });
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max).strip();
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
