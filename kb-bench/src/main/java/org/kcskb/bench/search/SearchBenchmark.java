package org.kcskb.bench.search;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.kcskb.Draft;
import org.kcskb.KnowledgeBase;
import org.kcskb.actor.Actor;
import org.kcskb.actor.Viewer;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.article.Environment;
import org.kcskb.bench.corpus.SyntheticCorpus;
import org.kcskb.search.SearchRequest;
import org.kcskb.search.SearchResult;
import org.kcskb.store.ArticleStores;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Search latency of the library through its public API, over the synthetic bilingual KCS corpus: from query text
 * to a page of hits with snippets (language detection, analysis, BM25F with KCS priors, visibility filter).
 *
 * <p>{@link LuceneBaselineBenchmark} runs the same queries over the same corpus with stock Lucene BM25, so that
 * one run gives the ratio. Run, from the repository root, after {@code ./mvnw -pl kb-bench -am package
 * -DskipTests}:
 *
 * <pre>
 * java -jar kb-bench/target/kb-bench.jar 'search\.(Search|LuceneBaseline)Benchmark'
 * java -jar kb-bench/target/kb-bench.jar SearchBenchmark -p articles=100000 -p workload=text
 * java -jar kb-bench/target/kb-bench.jar SearchBenchmark -f 1 -wi 2 -i 3 -w 2 -r 3     # a quick look
 * </pre>
 *
 * <p>The index is built once per trial (fork and parameter set): {@code articles} captures through the API,
 * then a rebuild, as a host does after a bulk import (it analyses every article with the German compounds
 * learned from all of them, so that every fork measures the same index).
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 2,
        jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class SearchBenchmark {
    /** Seeds shared with {@link LuceneBaselineBenchmark}: both measure the same articles and queries. */
    static final long CORPUS_SEED = 42;

    static final long QUERY_SEED = 7;
    static final int QUERIES = 200;

    @Param({"10000"})
    int articles;

    /** Which part of the request is exercised: plain text, audience + product filter, or facets. */
    @Param({"text", "filtered", "facets"})
    String workload;

    /** Hits per page: 10 for a user's search, 100 for the relevance harness. */
    @Param({"10", "100"})
    int limit;

    private KnowledgeBase kb;
    private SearchRequest[] requests;

    /** Each thread walks the query list on its own. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;
    }

    @Setup(Level.Trial)
    public void setUp() {
        // Uncached: every search is computed (the cache has its own benchmark).
        kb = KnowledgeBase.builder()
                .store(ArticleStores.inMemory())
                .queryCache(0)
                .build();
        Actor loader = Actor.administrator("bench");
        for (var a : SyntheticCorpus.articles(CORPUS_SEED, articles)) {
            kb.capture(
                    loader,
                    Draft.of(ArticleContent.of(a.title(), a.issue())
                                    .withResolution(a.resolution())
                                    .withLanguage(a.language())
                                    .withEnvironment(Environment.of(a.product(), a.version(), "")))
                            .withState(ArticleState.VALIDATED)
                            .withAudience(Audience.PUBLIC));
        }
        if (!kb.awaitSearchable(Duration.ofMinutes(30))) {
            throw new IllegalStateException("The index did not catch up with " + articles + " articles in 30 minutes");
        }
        kb.rebuildIndex();
        requests = SyntheticCorpus.queries(QUERY_SEED, QUERIES).stream()
                .map(q -> switch (workload) {
                    case "text" -> SearchRequest.builder(q, Viewer.anonymous());
                    case "filtered" ->
                        SearchRequest.builder(q, Viewer.partner("p-1")).environment("product", "Acme Print");
                    case "facets" ->
                        SearchRequest.builder(q, Viewer.anonymous()).facets(true);
                    default ->
                        throw new IllegalArgumentException(
                                "Unknown workload '" + workload + "'; use text, filtered or facets");
                })
                .map(builder -> builder.limit(limit).build())
                .toArray(SearchRequest[]::new);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        kb.close();
    }

    @Benchmark
    public SearchResult search(Cursor cursor) {
        SearchRequest request = requests[cursor.next];
        cursor.next = (cursor.next + 1) % requests.length;
        return kb.search(request);
    }
}
