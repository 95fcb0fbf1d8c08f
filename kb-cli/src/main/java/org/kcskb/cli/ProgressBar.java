package org.kcskb.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.kcskb.transfer.TransferListener;
import org.kcskb.transfer.TransferProgress;

/**
 * Draws a transfer's progress on one terminal line (redrawn with a carriage return), at most ten times a second:
 * {@code import [##########..........]  50%  50,000/100,000  1,234/s  3 failed}. Not thread-safe.
 */
final class ProgressBar implements TransferListener {
    private static final int WIDTH = 30;

    private final PrintWriter out;
    private final String label;
    private final long started = System.nanoTime();
    private long lastDrawn;
    private boolean drawn;

    ProgressBar(PrintWriter out, String label) {
        this.out = out;
        this.label = label;
    }

    @Override
    public void progress(TransferProgress progress) {
        long now = System.nanoTime();
        boolean complete = progress.total().isPresent()
                && progress.done() >= progress.total().getAsLong();
        if (drawn && !complete && now - lastDrawn < 100_000_000L) {
            return;
        }
        lastDrawn = now;
        drawn = true;
        out.print('\r');
        out.print(line(progress, (now - started) / 1e9));
        out.flush();
    }

    /** Ends the bar's line. */
    void finish() {
        if (drawn) {
            out.println();
            out.flush();
        }
    }

    String line(TransferProgress progress, double seconds) {
        var text = new StringBuilder(label).append(' ');
        if (progress.total().isPresent() && progress.total().getAsLong() > 0) {
            long total = progress.total().getAsLong();
            double share = Math.min(1.0, progress.done() / (double) total);
            int filled = (int) Math.round(share * WIDTH);
            text.append('[')
                    .append("#".repeat(filled))
                    .append(".".repeat(WIDTH - filled))
                    .append("] ")
                    .append(String.format(
                            Locale.ROOT, "%3d%%  %,d/%,d", Math.round(share * 100), progress.done(), total));
        } else {
            text.append(String.format(Locale.ROOT, "%,d", progress.done()));
        }
        if (seconds > 0) {
            text.append(String.format(Locale.ROOT, "  %,.0f/s", progress.done() / seconds));
        }
        if (progress.failed() > 0) {
            text.append(String.format(Locale.ROOT, "  %,d failed", progress.failed()));
        }
        return text.append("   ").toString();
    }
}
