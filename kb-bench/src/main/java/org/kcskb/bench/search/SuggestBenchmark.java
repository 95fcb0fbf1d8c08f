package org.kcskb.bench.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.kcskb.Draft;
import org.kcskb.KnowledgeBase;
import org.kcskb.actor.Actor;
import org.kcskb.actor.Viewer;
import org.kcskb.analytics.ReportQuery;
import org.kcskb.analytics.SearchOrigin;
import org.kcskb.article.Audience;
import org.kcskb.bench.corpus.CorpusArticle;
import org.kcskb.bench.corpus.SyntheticCorpus;
import org.kcskb.bench.kb.CorpusLoader;
import org.kcskb.search.SearchRequest;
import org.kcskb.search.SearchResult;
import org.kcskb.search.Suggestion;
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
 * Search-as-you-type latency through the public API ({@code KnowledgeBase.suggest}), over the synthetic bilingual
 * corpus: typed text to a list of highlighted completions from titles and answered queries, with the visibility
 * filter. The target is a p99 under 1 ms at 100,000 articles; read the {@code p0.99} line of the SampleTime
 * results.
 *
 * <p>Typed texts are 1 to 3 consecutive words of a corpus title, the last one cut to 2 to 6 characters, as someone
 * types them ("drucker st", "the prin"); a third of the articles is public, a third partner, a third internal, so
 * that the filter removes candidates for the public. Run, from the repository root, after {@code ./mvnw -pl
 * kb-bench -am package -DskipTests}:
 *
 * <pre>
 * java -jar kb-bench/target/kb-bench.jar SuggestBenchmark
 * java -jar kb-bench/target/kb-bench.jar SuggestBenchmark -p articles=100000 -p viewer=public
 * java -jar kb-bench/target/kb-bench.jar SuggestBenchmark -f 1 -wi 2 -i 3 -w 2 -r 3     # a quick look
 * </pre>
 *
 * <p>The knowledge base is built once per trial: {@code articles} captures through the API, a rebuild (as after a
 * bulk import, so that titles are split with the compounds learned from all articles), then {@value #ANSWERED}
 * searches each followed by a click, which the engine learns as answered queries.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.SampleTime, Mode.AverageTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
// 100,000 articles live in memory three times (store, search index, suggestion index): a heap that fits them
// without collecting all the time.
@Fork(
        value = 2,
        jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class SuggestBenchmark {
    static final long CORPUS_SEED = 42;
    static final long TYPED_SEED = 11;
    static final int TYPED = 500;
    static final int ANSWERED = 1_000;

    @Param({"10000", "100000"})
    int articles;

    /** Who types: the public (a third of the articles visible) or an agent (all of them). */
    @Param({"public", "agent"})
    String viewer;

    /** Suggestions per list, as a search box shows them. */
    @Param({"8"})
    int limit;

    private KnowledgeBase kb;
    private Viewer typing;
    private String[] typed;

    /** Each thread walks the typed texts on its own. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;
    }

    @Setup(Level.Trial)
    public void setUp() {
        List<CorpusArticle> corpus = SyntheticCorpus.articles(CORPUS_SEED, articles);
        // A third each public, partner and internal, so that the public's filter removes candidates.
        Audience[] audiences = Audience.values();
        List<Draft> drafts = new ArrayList<>(corpus.size());
        for (int i = 0; i < corpus.size(); i++) {
            drafts.add(CorpusLoader.draft(corpus.get(i)).withAudience(audiences[i % audiences.length]));
        }
        kb = CorpusLoader.load(
                KnowledgeBase.builder().store(ArticleStores.inMemory()), "synthetic-" + articles, drafts);
        answerQueries();
        typing = switch (viewer) {
            case "public" -> Viewer.anonymous();
            case "agent" -> Viewer.agent(Actor.candidate("agent-1"));
            default -> throw new IllegalArgumentException("Unknown viewer '" + viewer + "'; use public or agent");
        };
        typed = typedTexts(corpus);
    }

    /**
     * Searches that end in a click on a hit, each by three distinct agents and three distinct public visitors (the
     * least the knowledge base learns): the engine learns them as answered queries of both audiences.
     */
    private void answerQueries() {
        for (String query : SyntheticCorpus.queries(CORPUS_SEED, ANSWERED)) {
            for (int visitor = 0; visitor < 3; visitor++) {
                for (Viewer viewer : List.of(Viewer.agent(Actor.candidate("agent-" + visitor)), Viewer.anonymous())) {
                    SearchResult result = kb.search(SearchRequest.builder(query, viewer)
                            .visitor("visitor-" + visitor)
                            .build());
                    if (!result.hits().isEmpty()) {
                        kb.recordClick(
                                viewer,
                                result.hits().getFirst().id(),
                                SearchOrigin.of(result.searchId().orElseThrow(), 1));
                    }
                }
            }
        }
        // A report writes what was recorded, and the engine learns from what is written.
        if (kb.analytics().answeredQueries(ReportQuery.all()).isEmpty()) {
            throw new IllegalStateException("No search of " + ANSWERED + " found anything to click");
        }
    }

    /** 1 to 3 consecutive title words, the last cut to 2 to 6 characters. */
    private static String[] typedTexts(List<CorpusArticle> corpus) {
        var random = new Random(TYPED_SEED);
        var texts = new String[TYPED];
        for (int i = 0; i < TYPED; i++) {
            String[] words = corpus.get(random.nextInt(corpus.size())).title().split(" ");
            int count = Math.min(words.length, 1 + random.nextInt(3));
            int start = random.nextInt(words.length - count + 1);
            var text = new StringBuilder();
            for (int w = start; w < start + count; w++) {
                String word = words[w];
                if (w == start + count - 1) {
                    word = word.substring(0, Math.min(word.length(), 2 + random.nextInt(5)));
                }
                text.append(w == start ? "" : " ").append(word.toLowerCase(Locale.ROOT));
            }
            texts[i] = text.toString();
        }
        return texts;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        kb.close();
    }

    @Benchmark
    public List<Suggestion> suggest(Cursor cursor) {
        String text = typed[cursor.next];
        cursor.next = (cursor.next + 1) % typed.length;
        return kb.suggest(text, typing, limit);
    }
}
