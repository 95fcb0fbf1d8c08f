package org.kcskb.transfer;

import java.util.List;

/**
 * What an import did.
 *
 * <p>Immutable and thread-safe.
 *
 * @param read the records offered, failed ones included
 * @param created articles created
 * @param updated articles that existed (imported before) and got new revisions, links or flags
 * @param unchanged articles that existed and were already as the record says
 * @param failures the records that were not imported, in input order
 */
public record ImportReport(long read, long created, long updated, long unchanged, List<ImportFailure> failures) {
    public ImportReport {
        failures = List.copyOf(failures);
    }

    /** Returns whether every record was imported. */
    public boolean succeeded() {
        return failures.isEmpty();
    }
}
