package org.kcskb.bench.search;

import java.util.concurrent.TimeUnit;
import org.kcskb.bench.corpus.BenchmarkCorpus;
import org.kcskb.bench.corpus.HitCount;
import org.kcskb.bench.corpus.SearchWorkload;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The library and raw Lucene interleaved query by query in one fork: the measurement behind the kb/lucene ratio
 * gate of the CI profile.
 *
 * <p>{@link SearchBenchmark} measures each engine in a fork of its own, one after the other. On a shared two-core
 * machine that is not enough to compare them: such a machine was seen to run at two speed levels about 1.4x
 * apart, for every engine, switching within seconds, so two engines measured a minute apart could be compared
 * across levels. Here every invocation runs the same query on both engines back to back (which one goes first
 * alternates) and times each with {@link System#nanoTime()}, so both see the same machine state to within a
 * millisecond; the ratio of their summed times is the kb/lucene ratio.
 *
 * <p>The price of sharing a JVM: both engines run Lucene's classes, so the JIT's type profiles see both, and the
 * two indexes compete for the CPU caches. The figures per engine are therefore not those of {@link
 * SearchBenchmark} (which stays the reference for latency); the ratio is what this benchmark is for.
 *
 * <p>The primary score is the time of one pair. The auxiliary counters {@code kbNanos}, {@code luceneNanos} and
 * {@code queries} are each iteration's totals; {@code kb-bench.jar compare} reads them from the JMH JSON (their
 * {@code rawData}) and reports the {@code paired} workload with one row per engine, its time per query summed
 * over every measured iteration. Run alone:
 *
 * <pre>
 * java -jar kb-bench/target/kb-bench.jar PairedSearchBenchmark -p corpus=synthetic-100k -rf json
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 10, time = 1)
@Fork(
        value = 2,
        jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class PairedSearchBenchmark {
    /** A {@link BenchmarkCorpus} name. */
    @Param({"synthetic-100k"})
    String corpus;

    /** A {@link SearchWorkload}. */
    @Param({"text"})
    String workload;

    /** Hits per page. */
    @Param({"10"})
    int limit;

    /** A {@link HitCount} policy for raw Lucene (the library always counts exactly up to 1,000). */
    @Param({"default"})
    String hits;

    private SearchTarget kb;
    private SearchTarget lucene;
    private int queries;

    /**
     * Each iteration's time spent in each engine, and the number of pairs. JMH reads the public fields at the end
     * of an iteration.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Clock {
        /** Nanoseconds spent in the library this iteration. */
        public long kbNanos;
        /** Nanoseconds spent in raw Lucene this iteration. */
        public long luceneNanos;
        /** Queries run on each engine this iteration. */
        public long queries;

        int next;

        @Setup(Level.Iteration)
        public void reset() {
            kbNanos = 0;
            luceneNanos = 0;
            queries = 0;
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        BenchmarkCorpus loaded = BenchmarkCorpus.load(corpus);
        queries = loaded.queries().size();
        SearchWorkload searchWorkload = SearchWorkload.of(workload);
        HitCount hitCount = HitCount.of(hits);
        kb = SearchTarget.of("kb");
        kb.open(loaded, searchWorkload, limit, hitCount);
        lucene = SearchTarget.of("lucene");
        lucene.open(loaded, searchWorkload, limit, hitCount);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (kb != null) {
            kb.close();
        }
        if (lucene != null) {
            lucene.close();
        }
    }

    @Benchmark
    public void paired(Clock clock, Blackhole sink) {
        // Every query runs once with the library first, then once with Lucene first.
        int query = clock.next % queries;
        boolean kbFirst = clock.next < queries;
        clock.next = (clock.next + 1) % (2 * queries);
        SearchTarget first = kbFirst ? kb : lucene;
        SearchTarget second = kbFirst ? lucene : kb;
        long start = System.nanoTime();
        sink.consume(first.search(query));
        long middle = System.nanoTime();
        sink.consume(second.search(query));
        long end = System.nanoTime();
        if (kbFirst) {
            clock.kbNanos += middle - start;
            clock.luceneNanos += end - middle;
        } else {
            clock.luceneNanos += middle - start;
            clock.kbNanos += end - middle;
        }
        clock.queries++;
    }
}
