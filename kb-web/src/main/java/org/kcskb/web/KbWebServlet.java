package org.kcskb.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The help site as a Jakarta Servlet 6 servlet: the same routes, limits and answers as the Jetty handler, for any
 * servlet container. Bodies are read blocking, at most {@link KbWeb#MAX_BODY_BYTES} bytes (a longer one is read
 * away up to {@link KbWeb#MAX_DRAINED_BYTES} and refused with 413); the container's idle timeout bounds a slow one.
 * Thread-safe.
 */
final class KbWebServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient Dispatcher dispatcher;
    private final String basePath;

    KbWebServlet(Dispatcher dispatcher, String basePath) {
        this.dispatcher = dispatcher;
        this.basePath = basePath;
    }

    static HttpServlet create(Dispatcher dispatcher, String basePath) {
        return new KbWebServlet(dispatcher, basePath);
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
        byte[] body;
        try {
            body = read(request.getInputStream());
        } catch (IOException e) {
            write(
                    request,
                    response,
                    dispatcher.refuse(
                            exchange, dispatcher.bodyFailure(400, e, exchange.peer(), java.time.Duration.ZERO)));
            return;
        }
        if (body == null) {
            write(request, response, dispatcher.refuse(exchange, new ApiException(413, Dispatcher.bodyTooLarge())));
            return;
        }
        write(request, response, dispatcher.handle(exchange, Optional.of(new String(body, StandardCharsets.UTF_8))));
    }

    /** The body, or null when it is longer than the limit (read away up to the drained bound first). */
    private static byte[] read(InputStream in) throws IOException {
        var bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long seen = 0;
        int n;
        while ((n = in.read(buffer)) >= 0) {
            seen += n;
            if (seen <= KbWeb.MAX_BODY_BYTES) {
                bytes.write(buffer, 0, n);
            } else if (seen > KbWeb.MAX_DRAINED_BYTES) {
                return null;
            }
        }
        return seen > KbWeb.MAX_BODY_BYTES ? null : bytes.toByteArray();
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
