package org.kcskb.bench.solr;

import java.util.concurrent.TimeUnit;
import org.apache.solr.client.solrj.response.QueryResponse;
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
 * Search latency of embedded Apache Solr ({@link EmbeddedSolr}) with exactly the parameters, corpus and queries of
 * kb-bench's {@code SearchBenchmark}, so that {@code kb-bench.jar compare} puts the three engines in one table.
 *
 * <p>Run, from the repository root, after {@code ./mvnw -pl kb-bench-solr -am package -DskipTests}:
 *
 * <pre>
 * java -jar kb-bench-solr/target/kb-bench-solr.jar SolrSearchBenchmark -p workload=text -p hits=default
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// 10 x 2 s: on two cores the library's JIT took 10 to 22 s to reach steady state, and every engine warms up alike.
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 2)
// Solr leaves an idle searcher-executor thread behind after shutdown; the results are in by then, so the fork
// need not wait JMH's default 30 s for it.
@Fork(
        value = 2,
        jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-Djmh.shutdownTimeout=1"})
public class SolrSearchBenchmark {
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

    private EmbeddedSolr solr;
    private int queries;

    /** Each thread walks the query list on its own. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;
    }

    @Setup(Level.Trial)
    public void setUp() {
        solr = new EmbeddedSolr();
        solr.open(BenchmarkCorpus.load(corpus), SearchWorkload.of(workload), limit, HitCount.of(hits));
        queries = solr.queries();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        solr.close();
    }

    @Benchmark
    public QueryResponse search(Cursor cursor) {
        int query = cursor.next;
        cursor.next = (query + 1) % queries;
        return solr.search(query);
    }
}
