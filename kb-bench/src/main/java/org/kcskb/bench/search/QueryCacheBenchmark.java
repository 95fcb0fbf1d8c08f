package org.kcskb.bench.search;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
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
 * Search latency with the result cache on and off, for help-site traffic where a few questions are asked very
 * often: queries are drawn from {@value #DISTINCT_QUERIES} distinct ones with Zipf-distributed popularity (the
 * most popular asked about as often as the next two together), the same sequence for both settings.
 *
 * <pre>
 * java -jar kb-bench/target/kb-bench.jar QueryCacheBenchmark
 * java -jar kb-bench/target/kb-bench.jar QueryCacheBenchmark -f 1 -wi 2 -i 3 -w 2 -r 3     # a quick look
 * </pre>
 *
 * <p>The index does not change during a measurement, so the cached run's hit rate approaches the share of repeated
 * queries in the sequence; a host whose index changes every second invalidates the cache that often.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 2,
        jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class QueryCacheBenchmark {
    static final int DISTINCT_QUERIES = 1_000;
    static final int SEQUENCE = 100_000;

    @Param({"10000"})
    int articles;

    /** The cache bound in bytes: 0 (off) or the default 32 MiB. */
    @Param({"0", "33554432"})
    long cacheBytes;

    private KnowledgeBase kb;
    private SearchRequest[] sequence;

    /** Each thread walks the sequence on its own. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;
    }

    @Setup(Level.Trial)
    public void setUp() {
        kb = KnowledgeBase.builder()
                .store(ArticleStores.inMemory())
                .queryCache(cacheBytes)
                .build();
        Actor loader = Actor.administrator("bench");
        for (var a : SyntheticCorpus.articles(SearchBenchmark.CORPUS_SEED, articles)) {
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
        List<String> queries = SyntheticCorpus.queries(SearchBenchmark.QUERY_SEED, DISTINCT_QUERIES);
        sequence = zipf(queries, SEQUENCE, new SplittableRandom(SearchBenchmark.QUERY_SEED));
    }

    /** Draws {@code length} requests, the query of rank r with probability proportional to 1 / r. */
    static SearchRequest[] zipf(List<String> queries, int length, SplittableRandom random) {
        double[] cumulative = new double[queries.size()];
        double sum = 0;
        for (int rank = 1; rank <= queries.size(); rank++) {
            sum += 1.0 / rank;
            cumulative[rank - 1] = sum;
        }
        var requests = new SearchRequest[length];
        for (int i = 0; i < length; i++) {
            double u = random.nextDouble() * sum;
            int index = java.util.Arrays.binarySearch(cumulative, u);
            index = index >= 0 ? index : -index - 1;
            requests[i] = SearchRequest.of(queries.get(Math.min(index, queries.size() - 1)), Viewer.anonymous());
        }
        return requests;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        var stats = kb.queryCacheStats();
        System.out.printf(
                "%nresult cache: %,d hits, %,d misses (hit rate %.1f %%), %,d entries, %,d of %,d bytes%n",
                stats.hits(),
                stats.misses(),
                100 * stats.hitRate(),
                stats.entries(),
                stats.weightBytes(),
                stats.maxWeightBytes());
        kb.close();
    }

    @Benchmark
    public SearchResult search(Cursor cursor) {
        SearchRequest request = sequence[cursor.next];
        cursor.next = (cursor.next + 1) % sequence.length;
        return kb.search(request);
    }
}
