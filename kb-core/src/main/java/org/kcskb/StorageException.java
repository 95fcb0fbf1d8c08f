package org.kcskb;

/** The store failed to read or write (I/O, database or driver error). The write, if any, was not applied. */
public class StorageException extends KbException {
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }

    public StorageException(String message) {
        super(message);
    }
}
