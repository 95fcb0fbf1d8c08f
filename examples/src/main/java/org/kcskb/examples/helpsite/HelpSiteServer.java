package org.kcskb.examples.helpsite;

import com.github.benmanes.caffeine.cache.Ticker;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.server.handler.SizeLimitHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.kcskb.KnowledgeBase;
import org.kcskb.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A help site for the public on top of a {@link KnowledgeBase}: a JSON API, the embeddable search widget and a
 * demo page, served by Jetty.
 *
 * <pre>{@code
 * try (KnowledgeBase kb = KnowledgeBase.open(directory);
 *         HelpSiteServer site = HelpSiteServer.builder(kb).port(8080).start()) {
 *     System.out.println("Help site at " + site.address());
 *     site.join();
 * }
 * }</pre>
 *
 * <p>Endpoints (all answers JSON; errors as {@code {"status": 400, "error": "Bad Request", "message": "..."}}):
 * {@code GET /api/search?q=&lang=&page=&size=&product=}, {@code GET /api/suggest?q=&limit=},
 * {@code GET /api/articles/{id}}, {@code POST /api/articles/{id}/feedback} with {@code {"helpful": true,
 * "comment": ""}} and {@code POST /api/handoff} with {@code {"q": "", "lang": "", "message": ""}}. The widget is
 * {@code /kb-widget.js} and {@code /kb-widget.css}; {@code /} is a demo page that embeds it.
 *
 * <p>Only articles that are VALIDATED and PUBLIC ever leave the server, searched and read as
 * {@link org.kcskb.actor.Viewer#anonymous()}. Requests are bounded: query length, page size and depth, body size
 * ({@value #MAX_BODY_BYTES} bytes), URL and headers (8 KiB), and the request rate per client address (a token
 * bucket; over it the answer is 429 with {@code Retry-After}). Thread-safe; the knowledge base stays open when
 * the server is closed.
 */
public final class HelpSiteServer implements AutoCloseable {
    /** The largest request body, in bytes. */
    public static final int MAX_BODY_BYTES = 16 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(HelpSiteServer.class);
    private static final String JSON = "application/json; charset=utf-8";

    private final Server server;
    private final ServerConnector connector;

    private HelpSiteServer(Builder builder) {
        var threads = new QueuedThreadPool(builder.maxThreads, Math.min(4, builder.maxThreads));
        threads.setName("help-site");
        server = new Server(threads);
        var http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setRequestHeaderSize(8 * 1024);
        connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(builder.host);
        connector.setPort(builder.port);
        server.addConnector(connector);
        var api = new HelpSiteApi(builder.kb, builder.handOffs);
        var limiter = new RateLimiter(builder.requestsPerSecond, builder.burst, Ticker.systemTicker());
        var sizeLimit = new SizeLimitHandler(MAX_BODY_BYTES, -1);
        sizeLimit.setHandler(new SiteHandler(api, limiter));
        server.setHandler(sizeLimit);
        server.setErrorHandler(new JsonErrorHandler());
        server.setStopAtShutdown(false);
        server.setStopTimeout(2_000);
    }

    /** Starts configuring a help site for {@code kb}. */
    public static Builder builder(KnowledgeBase kb) {
        return new Builder(kb);
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

    /** Configures a {@link HelpSiteServer}; not thread-safe. */
    public static final class Builder {
        private final KnowledgeBase kb;
        private String host = "localhost";
        private int port = 8080;
        private double requestsPerSecond = 20;
        private int burst = 40;
        private int maxThreads = 32;
        private Consumer<HandOff> handOffs = handOff -> LOG.info(
                "Support hand-off {}: query '{}' ({})", handOff.reference(), handOff.query(), handOff.language());

        private Builder(KnowledgeBase kb) {
            this.kb = Objects.requireNonNull(kb, "kb");
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

        /**
         * Lets each client address make {@code perSecond} API requests per second on average and {@code burst} at
         * once (20 and 40 by default: enough for search as you type).
         */
        public Builder rateLimit(double perSecond, int burst) {
            if (!(perSecond > 0) || Double.isInfinite(perSecond) || burst < 1) {
                throw new IllegalArgumentException(
                        "rateLimit needs perSecond > 0 and burst >= 1, was " + perSecond + " and " + burst);
            }
            this.requestsPerSecond = perSecond;
            this.burst = burst;
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

        /** Receives every "contact support" hand-off (by default they are logged). Called on request threads. */
        public Builder onHandOff(Consumer<HandOff> handOffs) {
            this.handOffs = Objects.requireNonNull(handOffs, "handOffs");
            return this;
        }

        /**
         * Starts the server.
         *
         * @throws IllegalStateException if it cannot listen (for example, the port is taken); the message says
         *     which address
         */
        public HelpSiteServer start() {
            var site = new HelpSiteServer(this);
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

    // ---- HTTP ---------------------------------------------------------------------------------------------------

    /** Routes API requests (rate-limited, JSON) and the widget's static files. */
    private static final class SiteHandler extends Handler.Abstract {
        private final HelpSiteApi api;
        private final RateLimiter limiter;
        private final Map<String, StaticFile> files = new HashMap<>();

        SiteHandler(HelpSiteApi api, RateLimiter limiter) {
            this.api = api;
            this.limiter = limiter;
            files.put("/", StaticFile.load("index.html", "text/html; charset=utf-8"));
            files.put("/index.html", files.get("/"));
            files.put("/kb-widget.js", StaticFile.load("kb-widget.js", "text/javascript; charset=utf-8"));
            files.put("/kb-widget.css", StaticFile.load("kb-widget.css", "text/css; charset=utf-8"));
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            String path = Request.getPathInContext(request);
            String method = request.getMethod();
            HttpFields.Mutable headers = response.getHeaders();
            headers.put("X-Content-Type-Options", "nosniff");
            headers.put("Referrer-Policy", "no-referrer");
            if (path.startsWith("/api/")) {
                // The widget may be embedded into any site; the API is public and uses no cookies.
                headers.put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
                headers.put(HttpHeader.CACHE_CONTROL, "no-store");
                if (method.equals("OPTIONS")) {
                    headers.put(HttpHeader.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST, OPTIONS");
                    headers.put(HttpHeader.ACCESS_CONTROL_ALLOW_HEADERS, "Content-Type");
                    headers.put(HttpHeader.ACCESS_CONTROL_MAX_AGE, "600");
                    response.setStatus(HttpStatus.NO_CONTENT_204);
                    callback.succeeded();
                    return true;
                }
                handleApi(request, response, callback, method, path);
                return true;
            }
            StaticFile file = files.get(path);
            if (file == null || !(method.equals("GET") || method.equals("HEAD"))) {
                writeJson(
                        response,
                        callback,
                        file == null ? 404 : 405,
                        error(
                                file == null ? 404 : 405,
                                file == null
                                        ? "Nothing at " + abbreviate(path)
                                                + "; the demo page is /, the widget /kb-widget.js and the API /api/..."
                                        : path + " takes GET"));
                return true;
            }
            headers.put(HttpHeader.CONTENT_TYPE, file.contentType());
            headers.put(HttpHeader.CACHE_CONTROL, "no-cache");
            headers.put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
            if (file.name().equals("index.html")) {
                headers.put(
                        "Content-Security-Policy",
                        "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self';"
                                + " img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'");
            }
            response.setStatus(200);
            response.write(
                    true, method.equals("HEAD") ? ByteBuffer.allocate(0) : ByteBuffer.wrap(file.bytes()), callback);
            return true;
        }

        private void handleApi(Request request, Response response, Callback callback, String method, String path) {
            int status = 200;
            Object body;
            try {
                Duration wait = limiter.acquire(clientOf(request));
                if (!wait.isZero()) {
                    throw ApiException.tooManyRequests(wait);
                }
                Map<String, String> query = queryOf(request);
                Optional<String> content = method.equals("POST")
                        ? Optional.of(Content.Source.asString(request, StandardCharsets.UTF_8))
                        : Optional.empty();
                body = api.route(method, path, query, content);
                if (method.equals("POST")) {
                    status = 201;
                }
            } catch (ApiException e) {
                status = e.status();
                e.retryAfter().ifPresent(after -> response.getHeaders()
                        .put(HttpHeader.RETRY_AFTER, Long.toString(after.toSeconds())));
                body = error(status, e.getMessage());
            } catch (NotFoundException e) {
                status = 404;
                body = error(status, e.getMessage());
            } catch (IllegalArgumentException e) {
                status = 400;
                body = error(status, e.getMessage());
            } catch (IOException | RuntimeException e) {
                if (isBodyTooLarge(e)) {
                    status = 413;
                    body = error(status, bodyTooLarge());
                } else {
                    LOG.warn("{} {} failed", method, path, e);
                    status = 500;
                    body = error(
                            status,
                            "The help site could not answer (" + e.getClass().getSimpleName()
                                    + "); try again, and tell the site's owner if it persists");
                }
            }
            writeJson(response, callback, status, body);
        }

        private static String clientOf(Request request) {
            // The connection's address, not X-Forwarded-For: a client could forge that header to dodge the limit.
            // Behind a trusted proxy, add Jetty's ForwardedRequestCustomizer to the connector instead.
            return Request.getRemoteAddr(request);
        }

        private static Map<String, String> queryOf(Request request) {
            Fields fields;
            try {
                fields = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
            } catch (RuntimeException e) {
                throw ApiException.badRequest("The query string is malformed (" + e.getMessage()
                        + "); URL-encode the parameters, for example with curl --data-urlencode");
            }
            var map = new HashMap<String, String>();
            for (Fields.Field field : fields) {
                map.put(field.getName(), field.getValue());
            }
            return map;
        }

        private static boolean isBodyTooLarge(Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof org.eclipse.jetty.http.HttpException.RuntimeException http
                        && http.getCode() == HttpStatus.PAYLOAD_TOO_LARGE_413) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A file of the widget, read once from the class path. */
    private record StaticFile(String name, String contentType, byte[] bytes) {
        static StaticFile load(String name, String contentType) {
            try (InputStream in = HelpSiteServer.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException("The widget file " + name + " is missing from the class path next"
                            + " to " + HelpSiteServer.class.getName() + "; the examples jar is incomplete");
                }
                return new StaticFile(name, contentType, in.readAllBytes());
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read the widget file " + name + ": " + e.getMessage(), e);
            }
        }
    }

    /** Errors that Jetty answers itself (bad requests, too large headers or bodies) as JSON too. */
    private static final class JsonErrorHandler extends ErrorHandler {
        @Override
        protected void generateResponse(
                Request request, Response response, int code, String message, Throwable cause, Callback callback) {
            writeJson(response, callback, code, error(code, messageFor(code, message)));
        }

        @Override
        public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
            fields.put(HttpHeader.CONTENT_TYPE, JSON);
            fields.put(new HttpField(HttpHeader.CACHE_CONTROL, "no-store"));
            return ByteBuffer.wrap(Json.write(error(status, messageFor(status, reason))));
        }

        private static String messageFor(int code, String reason) {
            return switch (code) {
                case 413 -> bodyTooLarge();
                case 414, 431 ->
                    "The request is too large: URL and headers may hold at most 8 KiB, and a query at most "
                            + HelpSiteApi.MAX_QUERY_LENGTH + " characters. Shorten the query.";
                // Jetty's reason for a server error can name internals; say only what the caller can do.
                default ->
                    code >= 500 || reason == null || reason.isBlank()
                            ? HttpStatus.getMessage(code) + "; try again, and tell the site's owner if it persists"
                            : reason;
            };
        }
    }

    private static String bodyTooLarge() {
        return "The request body is too large: at most " + MAX_BODY_BYTES + " bytes, and a comment or message at"
                + " most " + HelpSiteApi.MAX_COMMENT_LENGTH + " characters";
    }

    /** The JSON body of every error. */
    record ErrorBody(int status, String error, String message) {}

    private static ErrorBody error(int status, String message) {
        return new ErrorBody(status, HttpStatus.getMessage(status), message);
    }

    private static void writeJson(Response response, Callback callback, int status, Object body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON);
        response.write(true, ByteBuffer.wrap(Json.write(body)), callback);
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
