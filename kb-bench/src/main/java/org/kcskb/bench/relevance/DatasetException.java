package org.kcskb.bench.relevance;

/** A data set that is missing or malformed: a user mistake, reported without a stack trace. */
final class DatasetException extends RuntimeException {
    DatasetException(String message) {
        super(message);
    }
}
