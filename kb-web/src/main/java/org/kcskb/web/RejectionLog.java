package org.kcskb.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a refused client in one line, at most once a minute per client: a flood of refused requests must not
 * become a flood of log lines (nor of stack traces). Thread-safe.
 */
final class RejectionLog {
    private static final Logger LOG = LoggerFactory.getLogger(KbWeb.class);

    private final Cache<String, Boolean> recent = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(Duration.ofMinutes(1))
            .build();

    /**
     * Logs {@code format} (an SLF4J pattern with three placeholders: client, reason, cause) as a warning, unless
     * {@code client} was logged in the last minute. The cause is written as its one-line description, escaped.
     */
    void log(String client, String format, String clientText, String reason, Throwable cause) {
        if (recent.asMap().putIfAbsent(client, Boolean.TRUE) == null) {
            LOG.warn(
                    format + "; more from this client within a minute are not logged",
                    clientText,
                    reason,
                    LogText.escape(String.valueOf(cause)));
        }
    }
}
