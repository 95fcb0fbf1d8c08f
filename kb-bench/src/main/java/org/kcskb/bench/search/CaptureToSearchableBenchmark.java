package org.kcskb.bench.search;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.kcskb.Draft;
import org.kcskb.KnowledgeBase;
import org.kcskb.actor.Viewer;
import org.kcskb.article.Article;
import org.kcskb.bench.corpus.BenchmarkCorpus;
import org.kcskb.bench.kb.CorpusLoader;
import org.kcskb.search.SearchRequest;
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
 * Capture-to-searchable latency: capture one article with a word nobody else uses, then search for that word
 * every {@value #POLL_MICROS} µs until the article is a hit, as an agent who just captured it would. Bounded by
 * the refresh interval ({@code refresh}, milliseconds; the library's default is 1,000).
 *
 * <p>Run: {@code java -jar kb-bench/target/kb-bench.jar CaptureToSearchableBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 3)
@Measurement(iterations = 5, time = 5)
@Fork(
        value = 2,
        jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class CaptureToSearchableBenchmark {
    static final long POLL_MICROS = 200;

    @Param({"synthetic-10k"})
    String corpus;

    /** The refresh interval in milliseconds. */
    @Param({"1000", "100"})
    long refresh;

    private KnowledgeBase kb;
    private List<Draft> drafts;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        BenchmarkCorpus loaded = BenchmarkCorpus.load(corpus);
        kb = CorpusLoader.load(CorpusLoader.builder().refreshInterval(java.time.Duration.ofMillis(refresh)), loaded);
        drafts = CorpusLoader.drafts(
                loaded.articles().subList(0, Math.min(1_000, loaded.articles().size())));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        kb.close();
    }

    @Benchmark
    public Article captureThenPoll() {
        int n = next++;
        String word = marker(n);
        Draft base = drafts.get(n % drafts.size());
        Draft draft = Draft.of(base.content().withResolution(base.content().resolution() + " " + word))
                .withState(base.state())
                .withAudience(base.audience());
        Article article = kb.capture(CorpusLoader.LOADER, draft);
        // In the article's language: a made-up word says nothing about its language.
        SearchRequest request = SearchRequest.builder(word, Viewer.agent(CorpusLoader.LOADER))
                .language(draft.content().language())
                .build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (kb.search(request).hits().stream().noneMatch(hit -> hit.id().equals(article.id()))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Article " + article.id() + " not searchable after 60 s");
            }
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(POLL_MICROS));
        }
        return article;
    }

    /** A word of letters only, different for every {@code n}, that no corpus article contains. */
    static String marker(int n) {
        var word = new StringBuilder("zqx");
        int rest = n;
        do {
            word.append((char) ('a' + rest % 26));
            rest /= 26;
        } while (rest > 0);
        return word.append("qz").toString();
    }
}
