package org.kcskb.web;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.io.Content;

/**
 * Reads a request body without holding a thread while its bytes trickle in, bounded in size and in time.
 *
 * <p>Unlike {@link Content.Source#asByteArrayAsync(Content.Source, int)}, it stops demanding content as soon as its
 * result is settled (by the deadline, say). The site answers at once then; a demand still registered with Jetty
 * would run after the exchange completed and fail inside Jetty, which logs a stack trace for every such client.
 *
 * <p>A body over the size limit is not refused at its first byte too many: its rest is read and discarded, up to
 * a bound, so that the 413 answer goes out once the client has sent everything. A client that sends its body
 * whole before reading (no {@code Expect: 100-continue}) would otherwise write into a connection the server
 * closed with bytes unread, and get a reset instead of the answer. Discarded bytes are released as they come:
 * memory stays bounded by the size limit whatever the body's length.
 */
final class BodyReader implements Runnable {
    private final Content.Source source;
    private final int maxBytes;
    private final long drainBytes;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    /** What was read so far; null once the body is known to be too large (its bytes are discarded then). */
    private ByteArrayOutputStream bytes;

    private long seen;
    /** Set once the body is known to be too large; read by the deadline on another thread. */
    private volatile boolean tooLarge;

    private BodyReader(Content.Source source, int maxBytes, long drainBytes) {
        this.source = source;
        this.maxBytes = maxBytes;
        this.drainBytes = drainBytes;
        this.tooLarge = source.getLength() > maxBytes;
        this.bytes = tooLarge ? null : new ByteArrayOutputStream();
    }

    /**
     * Reads all of {@code source}. The result fails with an {@link HttpException} of status 413 when the body holds
     * more than {@code maxBytes}: once it has been read to its end (discarded past {@code maxBytes}), or at once
     * when it holds more than {@code drainBytes} or the deadline passes first. Otherwise the result fails with a
     * {@link TimeoutException} past {@code timeoutMillis}, or with the read's failure.
     */
    static CompletableFuture<byte[]> read(Content.Source source, int maxBytes, long drainBytes, long timeoutMillis) {
        if (drainBytes < maxBytes) {
            throw new IllegalArgumentException(
                    "drainBytes must be at least maxBytes (" + maxBytes + "), was " + drainBytes);
        }
        var reader = new BodyReader(source, maxBytes, drainBytes);
        reader.result.orTimeout(timeoutMillis, TimeUnit.MILLISECONDS);
        reader.run();
        // A body known to be too large stays too large, however long its rest takes: 413 rather than 408.
        return reader.result.exceptionallyCompose(failure -> CompletableFuture.failedFuture(
                failure instanceof TimeoutException && reader.tooLarge ? tooLargeFailure() : failure));
    }

    private static HttpException.RuntimeException tooLargeFailure() {
        return new HttpException.RuntimeException(413, "The request body is too large");
    }

    @Override
    public void run() {
        try {
            while (!result.isDone()) {
                Content.Chunk chunk = source.read();
                if (chunk == null) {
                    if (!result.isDone()) {
                        source.demand(this);
                    }
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    result.completeExceptionally(chunk.getFailure());
                    return;
                }
                try {
                    ByteBuffer buffer = chunk.getByteBuffer();
                    seen += buffer.remaining();
                    if (seen > maxBytes) {
                        tooLarge = true;
                        bytes = null;
                    }
                    if (seen > drainBytes) {
                        // Not worth reading to its end: answer now, and let the connection close.
                        result.completeExceptionally(tooLargeFailure());
                        return;
                    }
                    if (bytes != null) {
                        byte[] copy = new byte[buffer.remaining()];
                        buffer.get(copy);
                        bytes.writeBytes(copy);
                    }
                } finally {
                    chunk.release();
                }
                if (chunk.isLast()) {
                    if (tooLarge) {
                        result.completeExceptionally(tooLargeFailure());
                    } else {
                        result.complete(bytes.toByteArray());
                    }
                }
            }
        } catch (RuntimeException e) {
            // The exchange may have completed (the deadline answered it) between the check and the demand; the
            // result is settled then, and this failure is only the late read noticing it.
            result.completeExceptionally(e);
        }
    }
}
