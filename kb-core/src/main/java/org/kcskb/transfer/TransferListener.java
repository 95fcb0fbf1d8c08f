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

    /**
     * Returns a listener for one of {@code parts} equal parts of a piece of work, done one after the other (an engine
     * rebuilding two indexes over the same articles, say): it reports to this listener as if the whole work had the
     * part's total, done by the share of the parts before it plus this part's share. The last call of the last part
     * has every record done.
     *
     * @param part which part, from 0
     * @param parts how many parts, at least 1
     */
    default TransferListener share(int part, int parts) {
        if (parts < 1 || part < 0 || part >= parts) {
            throw new IllegalArgumentException(
                    "part must be 0 to parts - 1, parts at least 1; got part " + part + " of " + parts);
        }
        if (parts == 1) {
            return this;
        }
        return progress -> {
            if (progress.total().isEmpty()) {
                progress(progress);
                return;
            }
            long total = progress.total().getAsLong();
            progress(new TransferProgress(
                    (part * total + progress.done()) / parts, progress.total(), progress.failed() / parts));
        };
    }

    /** Returns a listener that ignores progress. */
    static TransferListener none() {
        return progress -> {};
    }
}
