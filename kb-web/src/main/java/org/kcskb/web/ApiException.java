package org.kcskb.web;

import java.time.Duration;
import java.util.Optional;

/** A request the API answers with an error status and a JSON message that says how to fix it. */
final class ApiException extends RuntimeException {
    private final int status;
    private final Optional<Duration> retryAfter;

    ApiException(int status, String message) {
        this(status, message, Optional.empty());
    }

    private ApiException(int status, String message, Optional<Duration> retryAfter) {
        super(message, null, false, false);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    static ApiException notFound(String message) {
        return new ApiException(404, message);
    }

    static ApiException tooManyRequests(Duration retryAfter) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        return new ApiException(
                429,
                "Too many requests from your address; wait " + seconds + " s and try again (the help site allows"
                        + " a few requests per second per client).",
                Optional.of(Duration.ofSeconds(seconds)));
    }

    int status() {
        return status;
    }

    Optional<Duration> retryAfter() {
        return retryAfter;
    }
}
