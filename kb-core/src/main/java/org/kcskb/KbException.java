package org.kcskb;

/**
 * The root of the library's operational failures: storage errors, refused actions, conflicts and missing data.
 *
 * <p>Caller mistakes (bad arguments, calls after close) are reported with the standard
 * {@link IllegalArgumentException}, {@link IllegalStateException} and {@link NullPointerException} instead; see
 * {@link InvalidInputException}.
 */
public class KbException extends RuntimeException {
    public KbException(String message) {
        super(message);
    }

    public KbException(String message, Throwable cause) {
        super(message, cause);
    }
}
