package org.kcskb.web;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A help site on its own Jetty server, hardened for the public internet: the {@link KbWeb} handler behind bounded
 * connections (per client and in total), threads, idle time, URL and header size (8 KiB) and request data rate,
 * with Jetty's own errors answered as JSON too. For hosts without a server of their own, and for the demo.
 *
 * <pre>{@code
 * try (KbWebServer site = KbWebServer.builder(KbWeb.builder(kb).build()).port(8080).start()) {
 *     site.join();
 * }
 * }</pre>
 *
 * <p>Needs {@code org.eclipse.jetty:jetty-server} on the class path. Thread-safe; the knowledge base stays open
 * when the server is closed.
 */
public final class KbWebServer implements AutoCloseable {
    private static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " connect-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    private final Server server;
    private final ServerConnector connector;
    private final ConnectionsPerClient connectionsPerClient;

    private KbWebServer(Builder builder) {
        var threads = new QueuedThreadPool(builder.maxThreads, Math.min(4, builder.maxThreads));
        threads.setName("help-site");
        server = new Server(threads);
        var http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setRequestHeaderSize(8 * 1024);
        // A body trickling in slower than this fails its read with 408; the body deadline bounds the rest.
        http.setMinRequestDataRate(builder.minRequestDataRate);
        connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(builder.host);
        connector.setPort(builder.port);
        connector.setIdleTimeout(builder.idleTimeout.toMillis());
        var addresses = new ClientAddresses(builder.web.trustedProxies(), builder.web.forwardedHeader());
        connectionsPerClient = new ConnectionsPerClient(builder.connectionsPerClient, addresses);
        connector.addEventListener(connectionsPerClient);
        server.addConnector(connector);
        // Past this many connections Jetty stops accepting until some close, so that file descriptors and memory
        // stay bounded whatever arrives.
        server.addBean(new NetworkConnectionLimit(builder.maxConnections, server));
        Handler site = builder.web.handler();
        server.setHandler(
                builder.pages.isEmpty() && builder.files.isEmpty()
                        ? site
                        : new Handler.Sequence(new Pages(Map.copyOf(builder.pages), Map.copyOf(builder.files)), site));
        server.setErrorHandler(new JsonErrorHandler());
        server.setStopAtShutdown(false);
        server.setStopTimeout(2_000);
    }

    /** Starts configuring a server for {@code web}. */
    public static Builder builder(KbWeb web) {
        return new Builder(web);
    }

    /** Returns the address the site listens on, for example {@code http://localhost:8080/}. */
    public URI address() {
        String host = connector.getHost() == null || connector.getHost().equals("0.0.0.0")
                ? "localhost"
                : connector.getHost();
        return URI.create(
                "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + connector.getLocalPort() + "/");
    }

    /** Waits until the server is stopped. */
    public void join() throws InterruptedException {
        server.join();
    }

    /** Stops accepting requests, lets running ones finish for up to two seconds, and stops. Idempotent. */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot stop the help site: " + e.getMessage(), e);
        }
    }

    /**
     * The connections open from the client bucket {@code bucket}: an IPv4 address or an IPv6 /64 network such as
     * {@code 2001:db8:0:1::/64} (for monitoring and tests).
     */
    public int connectionsFrom(String bucket) {
        return connectionsPerClient.openFrom(bucket);
    }

    /** Configures a {@link KbWebServer}; not thread-safe. */
    public static final class Builder {
        private final KbWeb web;
        private String host = "localhost";
        private int port = 8080;
        private int maxThreads = 32;
        private int maxConnections = 2_000;
        private int connectionsPerClient = 32;
        private Duration idleTimeout = Duration.ofSeconds(15);
        private long minRequestDataRate = 16;
        private final Map<String, byte[]> pages = new LinkedHashMap<>();
        private final Map<String, Map.Entry<String, byte[]>> files = new LinkedHashMap<>();

        private Builder(KbWeb web) {
            this.web = Objects.requireNonNull(web, "web");
        }

        /** Listens on {@code host} ({@code localhost} by default; {@code 0.0.0.0} for every interface). */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** Listens on {@code port} (8080 by default; 0 picks a free port, see {@link #address()}). */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be from 0 (any free port) to 65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /** Handles at most this many requests at once (32 by default, at least 8). */
        public Builder maxThreads(int maxThreads) {
            if (maxThreads < 8) {
                throw new IllegalArgumentException(
                        "maxThreads must be at least 8 (Jetty needs some for I/O), was " + maxThreads);
            }
            this.maxThreads = maxThreads;
            return this;
        }

        /** Accepts at most this many connections at once (2,000 by default); beyond it new ones wait. */
        public Builder maxConnections(int maxConnections) {
            if (maxConnections < 1) {
                throw new IllegalArgumentException("maxConnections must be at least 1, was " + maxConnections);
            }
            this.maxConnections = maxConnections;
            return this;
        }

        /**
         * Closes a client's connections beyond this many at once (32 by default; a browser opens at most 6 per
         * site, an office behind one NAT address a few per person). Trusted proxies are exempt.
         */
        public Builder connectionsPerClient(int connectionsPerClient) {
            if (connectionsPerClient < 1) {
                throw new IllegalArgumentException(
                        "connectionsPerClient must be at least 1, was " + connectionsPerClient);
            }
            this.connectionsPerClient = connectionsPerClient;
            return this;
        }

        /** Closes a connection that sends nothing for this long (15 s by default). */
        public Builder idleTimeout(Duration idleTimeout) {
            Objects.requireNonNull(idleTimeout, "idleTimeout");
            if (idleTimeout.isNegative() || idleTimeout.isZero() || idleTimeout.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException(
                        "idleTimeout must be more than 0 and at most an hour, was " + idleTimeout);
            }
            this.idleTimeout = idleTimeout;
            return this;
        }

        /** Fails a request body that arrives slower than this many bytes per second (16 by default; 0 for none). */
        public Builder minRequestDataRate(long bytesPerSecond) {
            if (bytesPerSecond < 0) {
                throw new IllegalArgumentException(
                        "minRequestDataRate must be 0 (no minimum) or more bytes per second, was " + bytesPerSecond);
            }
            this.minRequestDataRate = bytesPerSecond;
            return this;
        }

        /**
         * Serves {@code html} at {@code path} (for example a start page at {@code /}) with a Content-Security-Policy
         * that allows scripts, styles and requests from this server only.
         */
        public Builder page(String path, String html) {
            Objects.requireNonNull(html, "html");
            if (!Objects.requireNonNull(path, "path").startsWith("/")) {
                throw new IllegalArgumentException("A page's path starts with '/', was '" + path + "'");
            }
            pages.put(path, html.getBytes(StandardCharsets.UTF_8));
            return this;
        }

        /**
         * Serves {@code bytes} at {@code path} as {@code contentType}, for a page's own small files such as a
         * favicon ({@code image/svg+xml}) next to the pages given with {@link #page}.
         */
        public Builder file(String path, String contentType, byte[] bytes) {
            Objects.requireNonNull(bytes, "bytes");
            if (!Objects.requireNonNull(path, "path").startsWith("/")) {
                throw new IllegalArgumentException("A file's path starts with '/', was '" + path + "'");
            }
            files.put(path, Map.entry(Objects.requireNonNull(contentType, "contentType"), bytes.clone()));
            return this;
        }

        /**
         * Starts the server.
         *
         * @throws IllegalStateException if it cannot listen (for example, the port is taken); the message says
         *     which address
         */
        public KbWebServer start() {
            var site = new KbWebServer(this);
            try {
                site.server.start();
            } catch (Exception e) {
                try {
                    site.server.stop();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw new IllegalStateException(
                        "Cannot start the help site on " + host + ":" + port + " (" + e.getMessage()
                                + "); is another program using the port? Choose another one, or 0 for any free port",
                        e);
            }
            return site;
        }
    }

    /** The host's own pages (GET and HEAD); everything else goes on to the help site. */
    private static final class Pages extends Handler.Abstract {
        private final Map<String, byte[]> pages;
        private final Map<String, Map.Entry<String, byte[]>> files;

        Pages(Map<String, byte[]> pages, Map<String, Map.Entry<String, byte[]>> files) {
            this.pages = pages;
            this.files = files;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            String path = Request.getPathInContext(request);
            byte[] page = pages.get(path);
            Map.Entry<String, byte[]> file = files.get(path);
            String method = request.getMethod();
            if ((page == null && file == null) || !(method.equals("GET") || method.equals("HEAD"))) {
                return false;
            }
            HttpFields.Mutable headers = response.getHeaders();
            headers.put("X-Content-Type-Options", "nosniff");
            headers.put("Referrer-Policy", "no-referrer");
            headers.put(HttpHeader.CONTENT_TYPE, page != null ? "text/html; charset=utf-8" : file.getKey());
            headers.put(HttpHeader.CACHE_CONTROL, "no-cache");
            headers.put("Content-Security-Policy", PAGE_POLICY);
            if (page == null) {
                page = file.getValue();
            }
            response.setStatus(200);
            response.write(true, method.equals("HEAD") ? ByteBuffer.allocate(0) : ByteBuffer.wrap(page), callback);
            return true;
        }
    }

    /** Errors that Jetty answers itself (bad requests, too large headers or bodies) as JSON too. */
    private static final class JsonErrorHandler extends ErrorHandler {
        /** Jetty writes no error body for PUT, DELETE and the like by default; the API promises JSON for all. */
        @Override
        public boolean errorPageForMethod(String method) {
            return true;
        }

        @Override
        protected void generateResponse(
                Request request, Response response, int code, String message, Throwable cause, Callback callback) {
            Dispatcher.ErrorBody body = Dispatcher.error(code, messageFor(code, message));
            // Jetty refused the request before any handler read its body (a malformed path, say). The answer goes
            // out at once; Jetty then reads what of the body has arrived, and closes the connection if more is
            // due. Reading the body here first (asynchronously) raced with Jetty completing the exchange on its
            // own, and Jetty logged "channel already completed" with a stack trace, sometimes answering 500.
            if (request.getLength() != 0) {
                response.getHeaders().put(HttpHeader.CONNECTION, "close");
            }
            response.setStatus(code);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, Dispatcher.JSON);
            response.write(true, ByteBuffer.wrap(Json.write(body)), callback);
        }

        @Override
        public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
            fields.put(HttpHeader.CONTENT_TYPE, Dispatcher.JSON);
            fields.put(new HttpField(HttpHeader.CACHE_CONTROL, "no-store"));
            // Jetty closes the connection after a malformed request; say so, or a client reuses it.
            fields.put(HttpHeader.CONNECTION, "close");
            return ByteBuffer.wrap(Json.write(Dispatcher.error(status, messageFor(status, reason))));
        }

        private static String messageFor(int code, String reason) {
            return switch (code) {
                case 413 -> Dispatcher.bodyTooLarge();
                case 414, 431 ->
                    "The request is too large: URL and headers may hold at most 8 KiB, and a query at most "
                            + JsonApi.MAX_QUERY_LENGTH + " characters. Shorten the query.";
                // Jetty's reason for a server error can name internals; say only what the caller can do.
                default ->
                    code >= 500 || reason == null || reason.isBlank()
                            ? Dispatcher.reason(code) + "; try again, and tell the site's owner if it persists"
                            : reason;
            };
        }
    }
}
