package org.kcskb.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final Ticker ticker = nanos::get;

    @Test
    void acquire_allowsTheBurstAtOnce_thenSaysHowLongToWait() {
        var limiter = new RateLimiter(2, 3, ticker);

        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void acquire_refillsAtTheConfiguredRate_upToTheBurst() {
        var limiter = new RateLimiter(2, 3, ticker);
        for (int i = 0; i < 3; i++) {
            limiter.acquire("a");
        }

        nanos.addAndGet(Duration.ofMillis(500).toNanos());
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isPositive();

        nanos.addAndGet(Duration.ofMinutes(10).toNanos());
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire("a"))
                    .as("request %d after a long pause", i)
                    .isZero();
        }
        assertThat(limiter.acquire("a")).isPositive();
    }

    @Test
    void acquire_keepsOneBucketPerClient() {
        var limiter = new RateLimiter(1, 1, ticker);

        assertThat(limiter.acquire("10.0.0.1")).isZero();
        assertThat(limiter.acquire("10.0.0.1")).isPositive();
        assertThat(limiter.acquire("10.0.0.2")).isZero();
    }
}
