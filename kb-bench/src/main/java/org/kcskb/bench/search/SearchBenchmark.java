package org.kcskb.bench.search;

import java.time.Duration;
import java.util.List;
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
 * Search latency of the library through its public API, over the synthetic bilingual KCS corpus.
 *
 * <p>Run: {@code java -jar kb-bench/target/kb-bench.jar SearchBenchmark} (add {@code -p articles=100000} for
 * another size; {@code -f 1 -wi 2 -i 3} for a quick look).
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 2,
        jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class SearchBenchmark {
    @Param({"10000"})
    int articles;

    /** Which part of the request is exercised: plain text, audience + product filter, or facets + highlighting. */
    @Param({"text", "filtered", "facets"})
    String workload;

    private KnowledgeBase kb;
    private List<SearchRequest> requests;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        kb = KnowledgeBase.builder().store(ArticleStores.inMemory()).build();
        Actor loader = Actor.administrator("bench");
        for (var a : SyntheticCorpus.articles(42, articles)) {
            kb.capture(
                    loader,
                    Draft.of(ArticleContent.of(a.title(), a.issue())
                                    .withResolution(a.resolution())
                                    .withLanguage(a.language())
                                    .withEnvironment(Environment.of(a.product(), a.version(), "")))
                            .withState(ArticleState.VALIDATED)
                            .withAudience(Audience.PUBLIC));
        }
        if (!kb.awaitSearchable(Duration.ofMinutes(10))) {
            throw new IllegalStateException("The index did not catch up within 10 minutes");
        }
        requests = SyntheticCorpus.queries(7, 200).stream()
                .map(q -> switch (workload) {
                    case "filtered" ->
                        SearchRequest.builder(q, Viewer.partner("p-1"))
                                .environment("product", "Acme Print")
                                .build();
                    case "facets" ->
                        SearchRequest.builder(q, Viewer.anonymous())
                                .facets(true)
                                .build();
                    default -> SearchRequest.of(q, Viewer.anonymous());
                })
                .toList();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        kb.close();
    }

    @Benchmark
    public SearchResult search() {
        SearchRequest request = requests.get(next);
        next = (next + 1) % requests.size();
        return kb.search(request);
    }
}
