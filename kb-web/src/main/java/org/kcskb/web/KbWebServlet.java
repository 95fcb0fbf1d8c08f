package org.kcskb.web;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The help site as a Jakarta Servlet 6 servlet: the same routes, limits and answers as the Jetty handler, for any
 * servlet container. Bodies are at most {@link KbWeb#MAX_BODY_BYTES} bytes (a longer one is read away up to {@link
 * KbWeb#MAX_DRAINED_BYTES} and refused with 413) and must arrive within the body timeout (else 408). Where the
 * container lets the servlet go asynchronous (Jetty's and Spring Boot's registrations do by default; Tomcat's
 * {@code Wrapper.setAsyncSupported(true)}), a body is read without holding a thread while it arrives; otherwise it is
 * read blocking and the deadline is checked between reads. Thread-safe.
 */
final class KbWebServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient Dispatcher dispatcher;
    private final String basePath;
    private final Duration bodyTimeout;

    KbWebServlet(Dispatcher dispatcher, String basePath, Duration bodyTimeout) {
        this.dispatcher = dispatcher;
        this.basePath = basePath;
        this.bodyTimeout = bodyTimeout;
    }

    static HttpServlet create(Dispatcher dispatcher, String basePath, Duration bodyTimeout) {
        return new KbWebServlet(dispatcher, basePath, bodyTimeout);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String inContext = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        Optional<String> path = Dispatcher.relativePath(basePath, inContext);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        var exchange = new ServletExchange(request, path.orElse(inContext));
        if (path.isEmpty()) {
            // Mapped outside the base path: say where the help site is instead of answering for another path.
            write(
                    request,
                    response,
                    dispatcher.refuse(
                            exchange,
                            ApiException.notFound("Nothing at " + Dispatcher.abbreviate(inContext)
                                    + "; map this servlet to " + basePath + "/* (the help site's base path)")));
            return;
        }
        long length = request.getContentLengthLong();
        boolean hasBody = length > 0 || request.getHeader("Transfer-Encoding") != null;
        if (!hasBody) {
            write(request, response, dispatcher.handle(exchange, Optional.empty()));
            return;
        }
        response.setHeader("Connection", "close");
        if (length > KbWeb.MAX_DRAINED_BYTES
                || (length > KbWeb.MAX_BODY_BYTES && "100-continue".equalsIgnoreCase(request.getHeader("Expect")))) {
            write(request, response, dispatcher.refuse(exchange, new ApiException(413, Dispatcher.bodyTooLarge())));
            return;
        }
        if (request.isAsyncSupported()) {
            readAsync(request, response, exchange);
            return;
        }
        byte[] body;
        try {
            body = readBlocking(request.getInputStream(), System.nanoTime() + bodyTimeout.toNanos());
        } catch (TimeoutException e) {
            write(
                    request,
                    response,
                    dispatcher.refuse(exchange, dispatcher.bodyFailure(408, e, exchange.peer(), bodyTimeout)));
            return;
        } catch (IOException e) {
            write(
                    request,
                    response,
                    dispatcher.refuse(exchange, dispatcher.bodyFailure(400, e, exchange.peer(), bodyTimeout)));
            return;
        }
        if (body == null) {
            write(request, response, dispatcher.refuse(exchange, new ApiException(413, Dispatcher.bodyTooLarge())));
            return;
        }
        write(request, response, dispatcher.handle(exchange, Optional.of(new String(body, StandardCharsets.UTF_8))));
    }

    /**
     * Reads the body without holding a thread while it arrives, and answers 408 when it has not arrived whole within
     * the body timeout: a client that sends a byte now and then cannot keep a container thread.
     */
    private void readAsync(HttpServletRequest request, HttpServletResponse response, ServletExchange exchange)
            throws IOException {
        AsyncContext async = request.startAsync();
        async.setTimeout(bodyTimeout.toMillis());
        var body = new BodyBuffer();
        var answered = new AtomicBoolean();
        ServletInputStream in = request.getInputStream();
        Consumer<Dispatcher.Answer> finish = answer -> {
            if (answered.compareAndSet(false, true)) {
                try {
                    write(request, response, answer);
                } catch (IOException | RuntimeException e) {
                    // The client is gone; nothing to tell it.
                } finally {
                    async.complete();
                }
            }
        };
        async.addListener(new AsyncListener() {
            @Override
            public void onTimeout(AsyncEvent event) {
                var late = new TimeoutException("no whole body after " + bodyTimeout);
                finish.accept(
                        dispatcher.refuse(exchange, dispatcher.bodyFailure(408, late, exchange.peer(), bodyTimeout)));
            }

            @Override
            public void onError(AsyncEvent event) {
                finish.accept(dispatcher.refuse(
                        exchange, dispatcher.bodyFailure(400, event.getThrowable(), exchange.peer(), bodyTimeout)));
            }

            @Override
            public void onComplete(AsyncEvent event) {}

            @Override
            public void onStartAsync(AsyncEvent event) {}
        });
        in.setReadListener(new ReadListener() {
            @Override
            public void onDataAvailable() throws IOException {
                byte[] buffer = new byte[8192];
                while (!answered.get() && in.isReady()) {
                    int n = in.read(buffer);
                    if (n < 0) {
                        return;
                    }
                    if (!body.add(buffer, n)) {
                        finish.accept(dispatcher.refuse(exchange, new ApiException(413, Dispatcher.bodyTooLarge())));
                        return;
                    }
                }
            }

            @Override
            public void onAllDataRead() {
                if (answered.get()) {
                    return;
                }
                byte[] bytes = body.bytes();
                finish.accept(
                        bytes == null
                                ? dispatcher.refuse(exchange, new ApiException(413, Dispatcher.bodyTooLarge()))
                                : dispatcher.handle(exchange, Optional.of(new String(bytes, StandardCharsets.UTF_8))));
            }

            @Override
            public void onError(Throwable failure) {
                finish.accept(dispatcher.refuse(
                        exchange, dispatcher.bodyFailure(400, failure, exchange.peer(), bodyTimeout)));
            }
        });
    }

    /**
     * The body read blocking, for a container that does not allow this servlet to go asynchronous; the deadline is
     * checked between reads, so one read still waits up to the container's idle timeout. Null when the body is
     * longer than the limit.
     */
    private static byte[] readBlocking(InputStream in, long deadline) throws IOException, TimeoutException {
        var body = new BodyBuffer();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            if (!body.add(buffer, n)) {
                return null;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new TimeoutException("the body arrived too slowly");
            }
        }
        return body.bytes();
    }

    /**
     * A body as it arrives: kept up to {@link KbWeb#MAX_BODY_BYTES}, counted (and dropped) beyond it up to {@link
     * KbWeb#MAX_DRAINED_BYTES}.
     */
    private static final class BodyBuffer {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private long seen;

        /** Takes {@code n} bytes; false once the body is past the drained bound (answer 413 at once). */
        boolean add(byte[] buffer, int n) {
            seen += n;
            if (seen <= KbWeb.MAX_BODY_BYTES) {
                bytes.write(buffer, 0, n);
            }
            return seen <= KbWeb.MAX_DRAINED_BYTES;
        }

        /** The whole body, or null when it was longer than the limit. */
        byte[] bytes() {
            return seen > KbWeb.MAX_BODY_BYTES ? null : bytes.toByteArray();
        }
    }

    private static void write(HttpServletRequest request, HttpServletResponse response, Dispatcher.Answer plain)
            throws IOException {
        Dispatcher.Answer answer = WidgetFiles.compressed(plain, request.getHeader("Accept-Encoding"));
        response.setStatus(answer.status());
        answer.headers().forEach(response::setHeader);
        response.setContentLength(answer.body().length);
        response.getOutputStream().write(answer.body());
    }

    /** A servlet request as the dispatcher reads it. */
    private record ServletExchange(HttpServletRequest request, String path) implements Dispatcher.Exchange {
        @Override
        public String method() {
            return request.getMethod();
        }

        @Override
        public String rawQuery() {
            return request.getQueryString();
        }

        @Override
        public Optional<String> header(String name) {
            return Optional.ofNullable(request.getHeader(name));
        }

        @Override
        public List<String> headers(String name) {
            var values = request.getHeaders(name);
            return values == null ? List.of() : Collections.list(values);
        }

        @Override
        public InetAddress peer() {
            try {
                // An address literal: no name lookup.
                return InetAddress.getByName(request.getRemoteAddr());
            } catch (UnknownHostException | RuntimeException e) {
                return InetAddress.getLoopbackAddress();
            }
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
