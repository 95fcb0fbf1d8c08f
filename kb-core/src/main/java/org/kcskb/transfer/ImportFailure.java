package org.kcskb.transfer;

import java.util.Objects;

/**
 * A record that an import could not take, and why; the import goes on with the others.
 *
 * @param line the record's line (or position) in the input, from 1
 * @param sourceId the record's source id, or empty when the record could not be read that far
 * @param reason what was wrong and how to fix it
 */
public record ImportFailure(long line, String sourceId, String reason) {
    public ImportFailure {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(reason, "reason");
        if (line < 1) {
            throw new IllegalArgumentException("Lines count from 1, was " + line);
        }
    }

    @Override
    public String toString() {
        return "line " + line + (sourceId.isEmpty() ? "" : " (" + sourceId + ")") + ": " + reason;
    }
}
