package org.kcskb.bench.search;

import java.util.concurrent.TimeUnit;
import org.kcskb.bench.corpus.SearchWorkload;
import org.kcskb.bench.kb.CorpusLoader;
import org.kcskb.index.LuceneSearchEngineProvider;
import org.kcskb.search.SearchRequest;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cached versus uncached search: the library's result cache at its default size ({@code on}) or disabled
 * ({@code off}, {@code LuceneSearchEngineProvider.builder().resultCacheBytes(0)}), over the same cycle of queries. After the first pass through the query
 * list every request of the {@code on} variant is a repeat, as popular help-site searches are; nothing is written
 * meanwhile, so no entry is invalidated.
 *
 * <p>Run: {@code java -jar kb-bench/target/kb-bench.jar CacheBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 2,
        jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class CacheBenchmark extends QueryCycleBenchmark {
    @Param({"on", "off"})
    String cache;

    @Param({"synthetic-10k"})
    String corpus;

    @Setup(Level.Trial)
    public void setUp() {
        var builder = CorpusLoader.builder();
        switch (cache) {
            case "on" -> {}
            case "off" ->
                builder.searchEngine(
                        LuceneSearchEngineProvider.builder().resultCacheBytes(0).build());
            default -> throw new IllegalArgumentException("Unknown cache '" + cache + "'; valid: on, off");
        }
        open(corpus, builder, loaded -> loaded.queries().stream()
                .map(q -> KbSearchTarget.request(q, SearchWorkload.TEXT, 10))
                .toArray(SearchRequest[]::new));
    }
}
