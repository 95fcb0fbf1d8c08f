package org.kcskb.bench.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kcskb.bench.corpus.BenchmarkCorpus;
import org.kcskb.search.SearchResult;

/** The query-cycle benchmarks set up, search around their whole cycle and tear down, outside JMH, on a small corpus. */
class QueryCycleBenchmarkTest {
    private static final String CORPUS = "synthetic-20";

    @ParameterizedTest
    @ValueSource(strings = {"normal", "typos", "random32"})
    void typoBenchmark_cyclesThroughItsQueries(String queries) {
        var benchmark = new TypoBenchmark();
        benchmark.queries = queries;
        benchmark.corpus = CORPUS;
        runsTwiceAroundTheCycle(benchmark, benchmark::setUp, !queries.equals("random32"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"on", "off"})
    void cacheBenchmark_cyclesThroughItsQueries(String cache) {
        var benchmark = new CacheBenchmark();
        benchmark.cache = cache;
        benchmark.corpus = CORPUS;
        runsTwiceAroundTheCycle(benchmark, benchmark::setUp, true);
    }

    @Test
    void unknownParameters_areRefused() {
        var cache = new CacheBenchmark();
        cache.cache = "sometimes";
        cache.corpus = CORPUS;
        assertThatThrownBy(cache::setUp)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("valid: on, off");

        var typo = new TypoBenchmark();
        typo.queries = "shouted";
        typo.corpus = CORPUS;
        try {
            assertThatThrownBy(typo::setUp)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("valid: normal, typos, random32");
        } finally {
            typo.tearDown();
        }
    }

    /**
     * Searches twice around the request cycle and one step on (both benchmarks cycle through 200 requests on a
     * synthetic corpus), so that the cursor wraps; the corpus's own queries find articles, random words need not.
     */
    private static void runsTwiceAroundTheCycle(QueryCycleBenchmark benchmark, Runnable setUp, boolean findsArticles) {
        setUp.run();
        try {
            var cursor = new QueryCycleBenchmark.Cursor();
            int found = 0;
            for (int i = 0; i < 2 * BenchmarkCorpus.SYNTHETIC_QUERIES + 1; i++) {
                SearchResult result = benchmark.search(cursor);
                found += result.hits().isEmpty() ? 0 : 1;
            }
            assertThat(cursor.next).isEqualTo(1);
            if (findsArticles) {
                assertThat(found).as("searches that found articles").isPositive();
            }
        } finally {
            benchmark.tearDown();
        }
    }
}
