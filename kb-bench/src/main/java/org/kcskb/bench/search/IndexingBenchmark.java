package org.kcskb.bench.search;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.kcskb.Draft;
import org.kcskb.KnowledgeBase;
import org.kcskb.actor.Actor;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.article.Environment;
import org.kcskb.bench.corpus.SyntheticCorpus;
import org.kcskb.store.ArticleStores;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Indexing throughput: articles per second from capture (in-memory store) until searchable, with full
 * German/English analysis, on one writer thread.
 *
 * <p>Run: {@code java -jar kb-bench/target/kb-bench.jar IndexingBenchmark}.
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

    private List<SyntheticCorpus.Article> corpus;

    @Setup(Level.Trial)
    public void setUp() {
        corpus = SyntheticCorpus.articles(42, BATCH);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long captureAndIndex() {
        try (KnowledgeBase kb =
                KnowledgeBase.builder().store(ArticleStores.inMemory()).build()) {
            Actor loader = Actor.administrator("bench");
            for (var a : corpus) {
                kb.capture(
                        loader,
                        Draft.of(ArticleContent.of(a.title(), a.issue())
                                        .withResolution(a.resolution())
                                        .withLanguage(a.language())
                                        .withEnvironment(Environment.of(a.product(), a.version(), "")))
                                .withState(ArticleState.VALIDATED)
                                .withAudience(Audience.PUBLIC));
            }
            if (!kb.awaitSearchable(Duration.ofMinutes(5))) {
                throw new IllegalStateException("The index did not catch up within 5 minutes");
            }
            return kb.search(org.kcskb.search.SearchRequest.of("printer", org.kcskb.actor.Viewer.anonymous()))
                    .totalHits();
        }
    }
}
