package org.kcskb.bench.opensearch;

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
 * Search latency on OpenSearch with the parameters, corpus and queries of kb-bench's {@code SearchBenchmark}, so
 * that {@code kb-bench.jar compare} puts every engine in one table: {@code kb-opensearch} (the library through its
 * public API with {@code OpenSearchEngineProvider}, {@link KbOpenSearchTarget}) and {@code opensearch} (raw
 * queries through the Java client, {@link RawOpenSearchTarget}).
 *
 * <p>Each trial starts a one-node OpenSearch 3.9 cluster inside the fork (kb-opensearch's {@code LocalCluster}),
 * indexes the corpus and waits until it is searchable, outside the measurement; every search goes over HTTP on
 * 127.0.0.1, so the figures include the client, the JSON and the loopback, as a host's would. Run, from the
 * repository root, after {@code ./mvnw -pl kb-bench-opensearch -am package -DskipTests}:
 *
 * <pre>
 * java -jar kb-bench-opensearch/target/kb-bench-opensearch.jar OpenSearchSearchBenchmark -p workload=page -p hits=default
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// As SearchBenchmark: on two cores the library's JIT took 10 to 22 s to reach steady state.
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 2)
// The node and the client share the fork's heap. The node's thread pools may outlive its close by a moment; the
// results are in by then, so the fork need not wait JMH's default 30 s for them.
@Fork(
        value = 2,
        jvmArgsAppend = {
            "-Xms2g",
            "-Xmx2g",
            "-Djmh.shutdownTimeout=1",
            "--enable-native-access=ALL-UNNAMED",
            "--add-modules",
            "jdk.incubator.vector"
        })
public class OpenSearchSearchBenchmark {
    /** {@code kb-opensearch} (the library on OpenSearch) or {@code opensearch} (raw OpenSearch). */
    @Param({"kb-opensearch", "opensearch"})
    String engine;

    /** A corpus name, as in {@code SearchBenchmark}. */
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

    private BenchCluster cluster;
    private OpenSearchTarget target;
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
        target = OpenSearchTarget.of(engine);
        cluster = BenchCluster.start();
        try {
            target.open(cluster.url(), loaded, SearchWorkload.of(workload), limit, HitCount.of(hits));
        } catch (RuntimeException e) {
            tearDown();
            throw e;
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        try {
            target.close();
        } finally {
            cluster.close();
        }
    }

    @Benchmark
    public Object search(Cursor cursor) {
        int query = cursor.next;
        cursor.next = (query + 1) % queries;
        return target.search(query);
    }
}
