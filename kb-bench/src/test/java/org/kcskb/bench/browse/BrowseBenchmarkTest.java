package org.kcskb.bench.browse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Runs each listing of {@link BrowseBenchmark} once over a small knowledge base in both stores. */
class BrowseBenchmarkTest {
    @Test
    void everyListing_listsSomething_inEveryStore() throws Exception {
        for (String store : new String[] {"memory", "h2"}) {
            for (String listing : BrowseBenchmark.listings()) {
                var benchmark = new BrowseBenchmark();
                benchmark.store = store;
                benchmark.articles = 1_201;
                benchmark.listing = listing;
                benchmark.open();
                try {
                    long listed = benchmark.run();
                    assertThat(listed).as(store + " " + listing).isPositive();
                    if (listing.equals("counts")) {
                        assertThat(listed)
                                .as("an agent publisher counts all but archived or more")
                                .isGreaterThan(600);
                    } else {
                        assertThat(listed).as(store + " " + listing).isLessThanOrEqualTo(50);
                    }
                } finally {
                    benchmark.close();
                    if (listing.equals(BrowseBenchmark.listings().getLast())) {
                        benchmark.deleteStore();
                    }
                }
            }
        }
    }

    @Test
    void anUnknownListing_saysWhichExist() throws Exception {
        var benchmark = new BrowseBenchmark();
        benchmark.store = "memory";
        benchmark.articles = 10;
        benchmark.listing = "nonsense";
        assertThatThrownBy(benchmark::open).hasMessageContaining("valid: updated, publish");
    }
}
