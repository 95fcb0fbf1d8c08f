package org.kcskb.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A token bucket per client: each client may make {@code burst} requests at once and {@code perSecond} on average.
 *
 * <p>Buckets live in a bounded cache and are forgotten after a minute without requests (a full bucket then), so a
 * flood of client addresses cannot exhaust memory. Thread-safe.
 */
final class RateLimiter {
    /** The most clients tracked at once; beyond that the least recently seen are forgotten. */
    private static final long MAX_CLIENTS = 100_000;

    private final double perSecond;
    private final int burst;
    private final Ticker ticker;
    private final Cache<String, Bucket> buckets;

    RateLimiter(double perSecond, int burst, Ticker ticker) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.ticker = ticker;
        // A bucket refills completely within burst / perSecond seconds; keep it at least that long after its last
        // request so that forgetting it never grants more than a full bucket.
        long idleNanos = Math.max(TimeUnit.MINUTES.toNanos(1), (long) Math.ceil(burst / perSecond * 1e9));
        this.buckets = Caffeine.newBuilder()
                .maximumSize(MAX_CLIENTS)
                .expireAfterAccess(Duration.ofNanos(idleNanos))
                .ticker(ticker)
                .build();
    }

    /**
     * Takes one token for {@code client}.
     *
     * @return {@link Duration#ZERO} when the request may go ahead, otherwise how long until the next token
     */
    Duration acquire(String client) {
        return buckets.get(client, key -> new Bucket(burst, ticker.read())).take(ticker.read());
    }

    private final class Bucket {
        private double tokens;
        private long lastNanos;

        Bucket(double tokens, long nowNanos) {
            this.tokens = tokens;
            this.lastNanos = nowNanos;
        }

        synchronized Duration take(long nowNanos) {
            double elapsedSeconds = Math.max(0, nowNanos - lastNanos) / 1e9;
            tokens = Math.min(burst, tokens + elapsedSeconds * perSecond);
            lastNanos = nowNanos;
            if (tokens >= 1) {
                tokens -= 1;
                return Duration.ZERO;
            }
            return Duration.ofNanos((long) Math.ceil((1 - tokens) / perSecond * 1e9));
        }
    }
}
