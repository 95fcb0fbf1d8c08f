package org.kcskb.bench.search;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.kcskb.Draft;
import org.kcskb.KnowledgeBase;
import org.kcskb.article.Article;
import org.kcskb.bench.corpus.BenchmarkCorpus;
import org.kcskb.bench.corpus.SyntheticCorpus;
import org.kcskb.bench.kb.CorpusLoader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Indexing throughput: articles per second from capture (in-memory store) until searchable, with full
 * German/English analysis, from one writer thread or from as many as the machine has cores ({@code writers}).
 *
 * <p>Each invocation captures a batch of {@value #BATCH} articles, split evenly between the writers, and waits
 * until the index has caught up, so the figure includes the follower's batching and refreshes. A fresh knowledge
 * base is opened before each iteration (not measured: opening loads the analysis models); within an iteration the
 * index grows, as it does in use.
 *
 * <p>Run, from the repository root, after {@code ./mvnw -pl kb-bench -am package -DskipTests}: {@code java -jar
 * kb-bench/target/kb-bench.jar IndexingBenchmark} ({@code -f 1 -wi 2 -i 3 -w 2 -r 3} for a quick look).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 2,
        jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class IndexingBenchmark {
    private static final int BATCH = 1_000;
    /** Distinct articles to cycle through: enough that batches differ, few enough to generate quickly. */
    private static final int CORPUS = 20 * BATCH;

    /** {@code 1}, or {@code all} for one writer per available processor. */
    @Param({"1", "all"})
    String writers;

    private List<Draft> drafts;
    private KnowledgeBase kb;
    private ExecutorService pool;
    private int threads;
    private int next;

    @Setup(Level.Trial)
    public void generate() {
        drafts = CorpusLoader.drafts(SyntheticCorpus.articles(BenchmarkCorpus.CORPUS_SEED, CORPUS));
        threads = switch (writers) {
            case "1" -> 1;
            case "all" -> Runtime.getRuntime().availableProcessors();
            default -> throw new IllegalArgumentException("Unknown writers '" + writers + "'; valid: 1, all");
        };
        pool = Executors.newFixedThreadPool(threads);
    }

    @TearDown(Level.Trial)
    public void stop() {
        pool.shutdownNow();
    }

    @Setup(Level.Iteration)
    public void open() {
        kb = CorpusLoader.builder().build();
    }

    @TearDown(Level.Iteration)
    public void close() {
        kb.close();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public Article captureAndIndex() throws InterruptedException, ExecutionException {
        int start = next;
        next = (next + BATCH) % drafts.size();
        var parts = new ArrayList<Future<Article>>(threads);
        for (int t = 0; t < threads; t++) {
            int from = t * BATCH / threads;
            int to = (t + 1) * BATCH / threads;
            parts.add(pool.submit(() -> {
                Article last = null;
                for (int i = from; i < to; i++) {
                    last = kb.capture(CorpusLoader.LOADER, drafts.get((start + i) % drafts.size()));
                }
                return last;
            }));
        }
        Article last = null;
        for (Future<Article> part : parts) {
            last = part.get();
        }
        if (!kb.awaitSearchable(Duration.ofMinutes(5))) {
            throw new IllegalStateException("The index did not catch up within 5 minutes");
        }
        return last;
    }
}
