package org.kcskb.bench.relevance;

/** A bad command line: reported with the usage text and exit code 2. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}
