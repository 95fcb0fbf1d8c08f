package org.kcskb.web;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.SizeLimitHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The help site as a Jetty 12 core handler: answers the requests under the base path, declines the others.
 *
 * <p>Bodies are read without holding a thread while bytes trickle in, bounded in time and in size (a body over
 * {@link KbWeb#MAX_BODY_BYTES} is read to its end and discarded, up to {@link KbWeb#MAX_DRAINED_BYTES}, so that a
 * client that sent it whole reads the 413 instead of a reset). Thread-safe.
 */
final class JettyHandler extends Handler.Wrapper {
    private final String basePath;

    private JettyHandler(String basePath, Handler site) {
        super(site);
        this.basePath = basePath;
    }

    static Handler create(KbWeb web) {
        // The body limit itself is the site's (see SiteHandler); Jetty's bounds what is read even to discard it.
        var sizeLimit = new SizeLimitHandler(KbWeb.MAX_DRAINED_BYTES, -1);
        sizeLimit.setHandler(new SiteHandler(web.dispatcher(), web.basePath(), web.bodyTimeout()));
        return new JettyHandler(web.basePath(), sizeLimit);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (Dispatcher.relativePath(basePath, Request.getPathInContext(request)).isEmpty()) {
            return false;
        }
        return super.handle(request, response, callback);
    }

    /** The status a failed body read stands for: 408 for a deadline, 413 for too large, 400 otherwise. */
    static int statusOf(Throwable cause) {
        if (cause instanceof TimeoutException) {
            return 408;
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof org.eclipse.jetty.http.HttpException http) {
                return http.getCode();
            }
            if (t instanceof TimeoutException) {
                return 408;
            }
            if (t instanceof IllegalArgumentException
                    && t.getMessage() != null
                    && t.getMessage().contains("too large")) {
                return 413;
            }
        }
        return 400;
    }

    static InetAddress peerOf(Request request) {
        SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
        return remote instanceof InetSocketAddress socket && socket.getAddress() != null
                ? socket.getAddress()
                : InetAddress.getLoopbackAddress();
    }

    /** Reads the body (if any), dispatches, writes the answer. */
    private static final class SiteHandler extends Handler.Abstract {
        private final Dispatcher dispatcher;
        private final String basePath;
        private final Duration bodyTimeout;

        SiteHandler(Dispatcher dispatcher, String basePath, Duration bodyTimeout) {
            this.dispatcher = dispatcher;
            this.basePath = basePath;
            this.bodyTimeout = bodyTimeout;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            var exchange = new JettyExchange(
                    request,
                    Dispatcher.relativePath(basePath, Request.getPathInContext(request))
                            .orElseThrow());
            var headers = response.getHeaders();
            headers.put("X-Content-Type-Options", "nosniff");
            headers.put("Referrer-Policy", "no-referrer");
            long length = request.getLength();
            boolean hasBody = length > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
            if (!hasBody) {
                write(response, callback, dispatcher.handle(exchange, Optional.empty()));
                return true;
            }
            if (length > KbWeb.MAX_BODY_BYTES
                    && (length > KbWeb.MAX_DRAINED_BYTES
                            || request.getHeaders().contains(HttpHeader.EXPECT, HttpHeaderValue.CONTINUE.asString()))) {
                // Refused before it is read: a client that asked first sends nothing more, and one that did not
                // reads this while it sends, or (the body being too long to read it away) may see a reset.
                headers.put(HttpHeader.CONNECTION, "close");
                write(
                        response,
                        callback,
                        dispatcher.refuse(exchange, new ApiException(413, Dispatcher.bodyTooLarge())));
                return true;
            }
            // A connection that carried a body is not kept: the public API takes bodies only for feedback and
            // hand-offs, which are rare, and a connection reused after a body answered asynchronously is where
            // Jetty 12.1 was seen to lose track of the exchange (the next request on it went unanswered, or a
            // client read part of a body where a status line belonged). Closing costs one TCP handshake per post.
            headers.put(HttpHeader.CONNECTION, "close");
            // Every body is read before the answer, also one that is refused: answering first and closing with
            // unread bytes would reset the connection, and the client could lose the answer. Read without holding
            // a thread while bytes trickle in, bounded in time and in size.
            CompletableFuture<byte[]> body =
                    BodyReader.read(request, KbWeb.MAX_BODY_BYTES, KbWeb.MAX_DRAINED_BYTES, bodyTimeout.toMillis());
            if (body.isDone()) {
                // The whole body came with the headers (the usual case): answer on this thread, before handle()
                // returns, as for a request without a body.
                answerBody(exchange, response, callback, body);
            } else {
                Executor executor = request.getComponents().getExecutor();
                body.whenCompleteAsync((bytes, failure) -> answerBody(exchange, response, callback, body), executor);
            }
            return true;
        }

        /** Answers a request whose body {@code read} has settled: dispatches it, or says why it was refused. */
        private void answerBody(
                JettyExchange exchange, Response response, Callback callback, CompletableFuture<byte[]> read) {
            byte[] bytes;
            try {
                bytes = read.join();
            } catch (CompletionException | CancellationException failure) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause()
                        : failure;
                ApiException refused = dispatcher.bodyFailure(statusOf(cause), cause, exchange.peer(), bodyTimeout);
                write(response, callback, dispatcher.refuse(exchange, refused));
                return;
            }
            write(
                    response,
                    callback,
                    dispatcher.handle(exchange, Optional.of(new String(bytes, StandardCharsets.UTF_8))));
        }

        private static void write(Response response, Callback callback, Dispatcher.Answer plain) {
            Dispatcher.Answer answer = WidgetFiles.compressed(
                    plain, response.getRequest().getHeaders().get(HttpHeader.ACCEPT_ENCODING));
            response.setStatus(answer.status());
            answer.headers().forEach((name, value) -> response.getHeaders().put(name, value));
            response.write(true, ByteBuffer.wrap(answer.body()), callback);
        }
    }

    /** A Jetty request as the dispatcher reads it. */
    private record JettyExchange(Request request, String path) implements Dispatcher.Exchange {
        @Override
        public String method() {
            return request.getMethod();
        }

        @Override
        public String rawQuery() {
            return request.getHttpURI().getQuery();
        }

        @Override
        public Optional<String> header(String name) {
            return Optional.ofNullable(request.getHeaders().get(name));
        }

        @Override
        public List<String> headers(String name) {
            return request.getHeaders().getValuesList(name);
        }

        @Override
        public InetAddress peer() {
            return peerOf(request);
        }

        @Override
        public InetAddress client() {
            return peer();
        }

        @Override
        public <T> Optional<T> unwrap(Class<T> type) {
            return type.isInstance(request) ? Optional.of(type.cast(request)) : Optional.empty();
        }
    }
}
