package org.kcskb.bench.search;

import java.util.concurrent.TimeUnit;
import org.kcskb.bench.corpus.BenchmarkCorpus;
import org.kcskb.bench.corpus.HitCount;
import org.kcskb.bench.corpus.SearchWorkload;
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
 * Search latency from query text to a page of hits, side by side: {@code kb} (the library through its public
 * API, default configuration, result cache off) and {@code lucene} (raw Lucene, see {@link LuceneSearchTarget});
 * {@code SolrSearchBenchmark} in kb-bench-solr runs the same parameters on embedded Solr, and {@code
 * OpenSearchSearchBenchmark} in kb-bench-opensearch on OpenSearch (the library on it, and raw).
 *
 * <p>Every engine indexes the same {@link BenchmarkCorpus} and cycles through the same queries; the workloads and
 * hit-count policies are defined once in {@link SearchWorkload} and {@link HitCount}. Run, from the repository
 * root, after {@code ./mvnw -pl kb-bench -am package -DskipTests}:
 *
 * <pre>
 * java -jar kb-bench/target/kb-bench.jar compare                    # kb, lucene, solr, kb-opensearch, opensearch
 * java -jar kb-bench/target/kb-bench.jar SearchBenchmark -p workload=text -p hits=default
 * java -jar kb-bench/target/kb-bench.jar SearchBenchmark -p corpus=synthetic-1m -jvmArgsAppend -Xmx8g
 * java -jar kb-bench/target/kb-bench.jar SearchBenchmark -p corpus=stackfaq-en -Dkb.bench.data=../shared/data
 * </pre>
 *
 * <p>The index is built once per trial (fork and parameter set), outside the measurement.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// 10 x 2 s: on two cores the library's JIT took 10 to 22 s to reach steady state, and every engine warms up alike.
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 2,
        jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class SearchBenchmark {
    /** {@code kb} or {@code lucene}. */
    @Param({"kb", "lucene"})
    String engine;

    /** A {@link BenchmarkCorpus} name: {@code synthetic-10k}, {@code synthetic-100k}, ..., or a data set. */
    @Param({"synthetic-10k"})
    String corpus;

    /** A {@link SearchWorkload}: {@code text}, {@code filtered}, {@code facets}, {@code deep} or {@code page}. */
    @Param({"text", "filtered", "facets", "deep", "page"})
    String workload;

    /** Hits per page. */
    @Param({"10"})
    int limit;

    /** A {@link HitCount} policy: {@code top}, {@code default} or {@code exact}. */
    @Param({"top", "default", "exact"})
    String hits;

    private SearchTarget target;
    private int queries;

    /** Each thread walks the query list on its own. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;
    }

    @Setup(Level.Trial)
    public void setUp() {
        BenchmarkCorpus loaded = BenchmarkCorpus.load(corpus);
        queries = loaded.queries().size();
        target = SearchTarget.of(engine);
        target.open(loaded, SearchWorkload.of(workload), limit, HitCount.of(hits));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        target.close();
    }

    @Benchmark
    public Object search(Cursor cursor) {
        int query = cursor.next;
        cursor.next = (query + 1) % queries;
        return target.search(query);
    }
}
