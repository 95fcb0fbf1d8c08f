package org.kcskb.bench.search;

import java.util.function.Function;
import org.kcskb.KnowledgeBase;
import org.kcskb.KnowledgeBaseBuilder;
import org.kcskb.bench.corpus.BenchmarkCorpus;
import org.kcskb.bench.kb.CorpusLoader;
import org.kcskb.search.SearchRequest;
import org.kcskb.search.SearchResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The frame of the benchmarks that search one knowledge base with a fixed cycle of requests ({@link TypoBenchmark},
 * {@link CacheBenchmark}): a subclass's trial {@code @Setup} {@linkplain #open opens} the knowledge base over a corpus
 * and builds the requests; {@link #search} (each subclass's benchmark of that name) walks the cycle, every thread on
 * its own; the trial tear-down closes the knowledge base.
 */
@State(Scope.Benchmark)
public abstract class QueryCycleBenchmark {
    private KnowledgeBase kb;
    private SearchRequest[] requests;

    /** Each thread walks the query list on its own. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;
    }

    /**
     * Loads the corpus named {@code corpus} into a knowledge base built by {@code builder}, and the requests to cycle
     * through, made from the loaded corpus.
     */
    protected final void open(
            String corpus, KnowledgeBaseBuilder builder, Function<BenchmarkCorpus, SearchRequest[]> requests) {
        BenchmarkCorpus loaded = BenchmarkCorpus.load(corpus);
        kb = CorpusLoader.load(builder, loaded);
        this.requests = requests.apply(loaded);
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
