package org.kcskb.bench.search;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.kcskb.actor.Viewer;
import org.kcskb.bench.corpus.BenchmarkCorpus;
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
 * What a hostile query costs against a normal one: {@code normal} cycles through the corpus's queries, {@code typos}
 * through the same queries with one edit in every word of 5 or more letters (each such word may run the typo
 * look-up), {@code random32} through queries of 32 random ten-letter words (each word rare, so each would run a
 * two-edit look-up in every searched language without the per-query bound of the typo check). Result cache off, as
 * the public would be answered on a cache miss.
 *
 * <p>Run: {@code java -jar kb-bench/target/kb-bench.jar TypoBenchmark} (or {@code -p corpus=synthetic-100k}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class TypoBenchmark extends QueryCycleBenchmark {
    /** Queries in each cycle: enough that the CPU caches do not learn them. */
    private static final int QUERIES = 200;

    @Param({"normal", "typos", "random32"})
    String queries;

    @Param({"synthetic-10k"})
    String corpus;

    @Setup(Level.Trial)
    public void setUp() {
        open(
                corpus,
                CorpusLoader.builder()
                        .searchEngine(LuceneSearchEngineProvider.builder()
                                .resultCacheBytes(0)
                                .build()),
                this::requests);
    }

    /** {@value #QUERIES} requests of the {@link #queries} kind, made from the corpus's queries. */
    private SearchRequest[] requests(BenchmarkCorpus loaded) {
        var random = new Random(42);
        var requests = new SearchRequest[QUERIES];
        for (int i = 0; i < QUERIES; i++) {
            String normal = loaded.queries().get(i % loaded.queries().size());
            String text =
                    switch (queries) {
                        case "normal" -> normal;
                        case "typos" -> withTypos(normal, random);
                        case "random32" -> randomWords(32, 10, random);
                        default ->
                            throw new IllegalArgumentException(
                                    "Unknown queries '" + queries + "'; valid: normal, typos, random32");
                    };
            String cut = text.length() <= SearchRequest.MAX_TEXT_LENGTH
                    ? text
                    : text.substring(0, SearchRequest.MAX_TEXT_LENGTH);
            requests[i] =
                    SearchRequest.builder(cut, Viewer.anonymous()).limit(10).build();
        }
        return requests;
    }

    /** One replaced letter in every word of 5 or more letters. */
    static String withTypos(String text, Random random) {
        var edited = new StringBuilder();
        for (String word : text.split(" ")) {
            if (word.length() >= 5) {
                char[] chars = word.toCharArray();
                chars[1 + random.nextInt(word.length() - 2)] = (char) ('a' + random.nextInt(26));
                word = new String(chars);
            }
            edited.append(edited.isEmpty() ? "" : " ").append(word);
        }
        return edited.toString();
    }

    /** {@code words} random lower-case words of {@code length} letters. */
    static String randomWords(int words, int length, Random random) {
        var text = new StringBuilder();
        for (int w = 0; w < words; w++) {
            text.append(w == 0 ? "" : " ");
            for (int c = 0; c < length; c++) {
                text.append((char) ('a' + random.nextInt(26)));
            }
        }
        return text.toString();
    }
}
