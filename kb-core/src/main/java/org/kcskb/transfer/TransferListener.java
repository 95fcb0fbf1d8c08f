package org.kcskb.transfer;

/**
 * Hears the progress of an import or export: called on the thread doing the work, after each batch (a few hundred
 * records) and once at the end, so it must be quick (draw a progress bar, log a line); an exception it throws stops
 * the work.
 */
@FunctionalInterface
public interface TransferListener {
    /** Called with the progress so far; the last call has every record done. */
    void progress(TransferProgress progress);

    /** Returns a listener that ignores progress. */
    static TransferListener none() {
        return progress -> {};
    }
}
