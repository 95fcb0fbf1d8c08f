package org.kcskb.bench.search;

import java.time.Duration;
import java.util.List;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Indexing throughput: articles per second from capture (in-memory store) until searchable, with full
 * German/English analysis, on one writer thread.
 *
 * <p>Each invocation captures a batch of {@value #BATCH} articles and waits until the index has caught up, so the
 * figure includes the follower's batching and refreshes. A fresh knowledge base is opened before each iteration
 * (not measured: opening loads the analysis models); within an iteration the index grows, as it does in use.
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

    private List<Draft> drafts;
    private KnowledgeBase kb;
    private int next;

    @Setup(Level.Trial)
    public void generate() {
        drafts = CorpusLoader.drafts(SyntheticCorpus.articles(BenchmarkCorpus.CORPUS_SEED, CORPUS));
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
    public Article captureAndIndex() {
        Article last = null;
        for (int i = 0; i < BATCH; i++) {
            last = kb.capture(CorpusLoader.LOADER, drafts.get(next));
            next = (next + 1) % drafts.size();
        }
        if (!kb.awaitSearchable(Duration.ofMinutes(5))) {
            throw new IllegalStateException("The index did not catch up within 5 minutes");
        }
        return last;
    }
}
