package org.kcskb.transfer;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * How far a long piece of work (an import, an export, an index rebuild) has come.
 *
 * <p>Immutable and thread-safe.
 *
 * @param done the records handled so far, failed ones included
 * @param total how many there are, when known (an export counts first; an import knows only what its caller told it)
 * @param failed how many of the {@code done} records failed
 */
public record TransferProgress(long done, OptionalLong total, long failed) {
    public TransferProgress {
        Objects.requireNonNull(total, "total");
        if (done < 0 || failed < 0 || failed > done) {
            throw new IllegalArgumentException(
                    "Progress needs 0 <= failed <= done, got done=" + done + ", failed=" + failed);
        }
    }
}
