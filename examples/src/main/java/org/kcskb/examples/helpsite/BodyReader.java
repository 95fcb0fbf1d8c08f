package org.kcskb.examples.helpsite;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.io.Content;

/**
 * Reads a request body without holding a thread while its bytes trickle in, bounded in size and in time.
 *
 * <p>Unlike {@link Content.Source#asByteArrayAsync(Content.Source, int)}, it stops demanding content as soon as its
 * result is settled (by the deadline, say). The site answers at once then; a demand still registered with Jetty
 * would run after the exchange completed and fail inside Jetty, which logs a stack trace for every such client.
 */
final class BodyReader implements Runnable {
    private final Content.Source source;
    private final int maxBytes;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private BodyReader(Content.Source source, int maxBytes) {
        this.source = source;
        this.maxBytes = maxBytes;
    }

    /**
     * Reads all of {@code source}: the result fails with an {@link HttpException} of status 413 past {@code maxBytes},
     * with a {@link java.util.concurrent.TimeoutException} past {@code timeoutMillis}, or with the read's failure.
     */
    static CompletableFuture<byte[]> read(Content.Source source, int maxBytes, long timeoutMillis) {
        var reader = new BodyReader(source, maxBytes);
        reader.result.orTimeout(timeoutMillis, TimeUnit.MILLISECONDS);
        reader.run();
        return reader.result;
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
                    if (bytes.size() + buffer.remaining() > maxBytes) {
                        result.completeExceptionally(
                                new HttpException.RuntimeException(413, "The request body is too large"));
                        return;
                    }
                    byte[] copy = new byte[buffer.remaining()];
                    buffer.get(copy);
                    bytes.writeBytes(copy);
                } finally {
                    chunk.release();
                }
                if (chunk.isLast()) {
                    result.complete(bytes.toByteArray());
                }
            }
        } catch (RuntimeException e) {
            // The exchange may have completed (the deadline answered it) between the check and the demand; the
            // result is settled then, and this failure is only the late read noticing it.
            result.completeExceptionally(e);
        }
    }
}
