package org.kcskb.bench.suggest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.kcskb.KnowledgeBase;
import org.kcskb.actor.Viewer;
import org.kcskb.bench.corpus.BenchmarkCorpus;
import org.kcskb.bench.kb.CorpusLoader;
import org.kcskb.search.Suggestion;
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
 * Suggest-as-you-type latency: {@link KnowledgeBase#suggest} for the prefixes a person types on the way to each
 * corpus query (3, 5 and 8 characters, and the whole first word), as the public, 10 suggestions.
 *
 * <p>Run: {@code java -jar kb-bench/target/kb-bench.jar SuggestBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 2,
        jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class SuggestBenchmark {
    @Param({"synthetic-10k"})
    String corpus;

    private KnowledgeBase kb;
    private String[] prefixes;

    /** Each thread walks the prefix list on its own. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;
    }

    @Setup(Level.Trial)
    public void setUp() {
        BenchmarkCorpus loaded = BenchmarkCorpus.load(corpus);
        kb = CorpusLoader.load(CorpusLoader.builder(), loaded);
        prefixes = prefixes(loaded.queries()).toArray(String[]::new);
    }

    static List<String> prefixes(List<String> queries) {
        var prefixes = new ArrayList<String>();
        for (String query : queries) {
            for (int length : new int[] {3, 5, 8}) {
                if (query.length() > length) {
                    prefixes.add(query.substring(0, length));
                }
            }
            int space = query.indexOf(' ');
            prefixes.add(space > 0 ? query.substring(0, space) : query);
        }
        return prefixes;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        kb.close();
    }

    @Benchmark
    public List<Suggestion> suggest(Cursor cursor) {
        String prefix = prefixes[cursor.next];
        cursor.next = (cursor.next + 1) % prefixes.length;
        return kb.suggest(prefix, Viewer.anonymous(), 10);
    }
}
