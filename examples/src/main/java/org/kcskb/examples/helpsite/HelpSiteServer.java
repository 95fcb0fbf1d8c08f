package org.kcskb.examples.helpsite;

import com.github.benmanes.caffeine.cache.Ticker;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
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
 * "comment": ""}}, {@code GET /api/notices?lang=} (the start page's known-issue notices), {@code POST
 * /api/notices/{id}/impression} and {@code POST /api/notices/{id}/answered} with {@code {}} (counted for the
 * notices' deflection report; impressions under the click limit, answers under the feedback limit) and {@code POST
 * /api/handoff} with {@code {"q": "", "lang": "", "message": ""}}. Search answers carry the matching known-issue
 * notices in {@code notices}, shown by the widget as banners above the results. The widget is
 * {@code /kb-widget.js} and {@code /kb-widget.css}; {@code /} is a demo page that embeds it.
 *
 * <p>Everything is searched and read as {@link org.kcskb.actor.Viewer#anonymous()}: only what the knowledge base's
 * visibility policy lets the anonymous public see ever leaves the server (VALIDATED and PUBLIC articles with the
 * default policy), and every field of an answer (hits, positions, totals, facets, did-you-mean, suggestions) comes
 * from that one visible set. Public reads write nothing on the request thread.
 *
 * <p>Requests are bounded: query length, page size and depth, body size ({@value #MAX_BODY_BYTES} bytes, read
 * without holding a thread and within a deadline; a longer body of up to 1 MiB is read away and discarded before
 * the 413, so that a client that sends it whole without {@code Expect: 100-continue} reads the answer instead of a
 * reset connection), JSON nesting, URL and headers (8 KiB), connections per client
 * and in total, idle time, and the request rate per client (token buckets; over one the answer is 429 with
 * {@code Retry-After}); feedback, hand-offs and recorded clicks have stricter limits of their own. A client is an
 * IPv4 address or an IPv6 /64 network; behind {@linkplain Builder#trustedProxies trusted proxies}, the address
 * they forward. POST bodies must be {@code application/json} (415 otherwise), so that no page can post to the API
 * without a CORS preflight. Visitor text never reaches a log unescaped. Thread-safe; the knowledge base stays open
 * when the server is closed.
 */
public final class HelpSiteServer implements AutoCloseable {
    /** The largest request body, in bytes. */
    public static final int MAX_BODY_BYTES = 16 * 1024;

    /**
     * The longest body that is read to its end (and discarded) before it is refused as too large, so that a client
     * that sends it whole without {@code Expect: 100-continue} reads the 413 instead of a reset connection. A body
     * declared longer, or one that asked first, is refused before it is read.
     */
    static final int MAX_DRAINED_BYTES = 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(HelpSiteServer.class);
    private static final String JSON = "application/json; charset=utf-8";

    private final Server server;
    private final ServerConnector connector;
    private final ConnectionsPerClient connectionsPerClient;

    private HelpSiteServer(Builder builder) {
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
        var addresses = new ClientAddresses(builder.trustedProxies, builder.forwardedHeader);
        connectionsPerClient = new ConnectionsPerClient(builder.connectionsPerClient, addresses);
        connector.addEventListener(connectionsPerClient);
        server.addConnector(connector);
        // Past this many connections Jetty stops accepting until some close, so that file descriptors and memory
        // stay bounded whatever arrives.
        server.addBean(new NetworkConnectionLimit(builder.maxConnections, server));
        var api = new HelpSiteApi(builder.kb, builder.handOffs);
        var limits = new Limits(
                new RateLimiter(builder.requestsPerSecond, builder.burst, Ticker.systemTicker()),
                new RateLimiter(builder.feedbackPerSecond, builder.feedbackBurst, Ticker.systemTicker()),
                new RateLimiter(builder.handOffsPerSecond, builder.handOffBurst, Ticker.systemTicker()),
                new RateLimiter(builder.clicksPerSecond, builder.clickBurst, Ticker.systemTicker()));
        // The body limit itself is the site's (see SiteHandler); Jetty's bounds what is read even to discard it.
        var sizeLimit = new SizeLimitHandler(MAX_DRAINED_BYTES, -1);
        sizeLimit.setHandler(new SiteHandler(
                api, limits, addresses, builder.forwardedHeader, threads, builder.bodyTimeout, new Visitors()));
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

    /** The connections open from the client bucket {@code bucket} (for tests). */
    int connectionsFrom(String bucket) {
        return connectionsPerClient.openFrom(bucket);
    }

    /** Configures a {@link HelpSiteServer}; not thread-safe. */
    public static final class Builder {
        private final KnowledgeBase kb;
        private String host = "localhost";
        private int port = 8080;
        private double requestsPerSecond = 20;
        private int burst = 40;
        private double feedbackPerSecond = 0.2;
        private int feedbackBurst = 10;
        private double handOffsPerSecond = 1.0 / 60;
        private int handOffBurst = 3;
        private double clicksPerSecond = 1;
        private int clickBurst = 20;
        private int maxThreads = 32;
        private int maxConnections = 2_000;
        private int connectionsPerClient = 32;
        private Duration idleTimeout = Duration.ofSeconds(15);
        private Duration bodyTimeout = Duration.ofSeconds(10);
        private long minRequestDataRate = 16;
        private List<String> trustedProxies = List.of();
        private ClientAddresses.Header forwardedHeader = ClientAddresses.Header.X_FORWARDED_FOR;
        private Consumer<HandOff> handOffs = handOff -> LOG.info(
                "Support hand-off {} received ({}; query of {} characters, message of {} characters)",
                handOff.reference(),
                handOff.language().toLanguageTag(),
                handOff.query().length(),
                handOff.message().length());

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
         * Lets each client make {@code perSecond} API requests per second on average and {@code burst} at once (20
         * and 40 by default: enough for search as you type). A client is an IPv4 address or an IPv6 /64 network,
         * behind {@linkplain #trustedProxies trusted proxies} the address they forward.
         */
        public Builder rateLimit(double perSecond, int burst) {
            checkRate("rateLimit", perSecond, burst);
            this.requestsPerSecond = perSecond;
            this.burst = burst;
            return this;
        }

        /**
         * Limits feedback votes per client on top of {@link #rateLimit} (one every 5 s, bursts of 10 by default):
         * votes move ranking, so one visitor must not cast hundreds.
         */
        public Builder feedbackRateLimit(double perSecond, int burst) {
            checkRate("feedbackRateLimit", perSecond, burst);
            this.feedbackPerSecond = perSecond;
            this.feedbackBurst = burst;
            return this;
        }

        /** Limits support hand-offs per client (one a minute, bursts of 3 by default): each one reaches a person. */
        public Builder handOffRateLimit(double perSecond, int burst) {
            checkRate("handOffRateLimit", perSecond, burst);
            this.handOffsPerSecond = perSecond;
            this.handOffBurst = burst;
            return this;
        }

        /**
         * Limits recorded clicks (articles opened from a search or a suggestion) per client (one a second, bursts
         * of 20 by default): clicks teach the suggestions. Over it the article still opens; the click is not
         * recorded.
         */
        public Builder clickRateLimit(double perSecond, int burst) {
            checkRate("clickRateLimit", perSecond, burst);
            this.clicksPerSecond = perSecond;
            this.clickBurst = burst;
            return this;
        }

        private static void checkRate(String name, double perSecond, int burst) {
            if (!(perSecond > 0) || Double.isInfinite(perSecond) || burst < 1) {
                throw new IllegalArgumentException(
                        name + " needs perSecond > 0 and burst >= 1, was " + perSecond + " and " + burst);
            }
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
            this.idleTimeout = positive("idleTimeout", idleTimeout);
            return this;
        }

        /**
         * Answers 408 and closes the connection when a request body has not arrived whole within this time (10 s
         * by default; a body is at most {@value #MAX_BODY_BYTES} bytes). Bodies are read without holding a thread.
         */
        public Builder bodyTimeout(Duration bodyTimeout) {
            this.bodyTimeout = positive("bodyTimeout", bodyTimeout);
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
         * Believes the client address that these proxies forward (none by default: the connection's peer is the
         * client). Each entry is an address or a network ({@code 10.0.0.5}, {@code 10.0.0.0/8}, {@code fd00::/8}).
         * Only when the peer is one of them is the forwarding header read, from the right: the first hop that is
         * not a trusted proxy is the client, so a visitor cannot forge an address by sending the header itself.
         */
        public Builder trustedProxies(String... proxies) {
            var list = List.of(proxies);
            list.forEach(ClientAddresses::validate);
            this.trustedProxies = list;
            return this;
        }

        /**
         * Reads the client address that {@linkplain #trustedProxies trusted proxies} forward from {@code
         * X-Forwarded-For} (the default) or from RFC 7239 {@code Forwarded}. Name the one your proxy writes: the
         * other passes through from the visitor unchecked.
         */
        public Builder forwardedHeader(String name) {
            this.forwardedHeader = switch (name.toLowerCase(Locale.ROOT)) {
                case "x-forwarded-for" -> ClientAddresses.Header.X_FORWARDED_FOR;
                case "forwarded" -> ClientAddresses.Header.FORWARDED;
                default ->
                    throw new IllegalArgumentException(
                            "forwardedHeader must be X-Forwarded-For or Forwarded, was '" + name + "'");
            };
            return this;
        }

        private static Duration positive(String name, Duration value) {
            Objects.requireNonNull(value, name);
            if (value.isNegative() || value.isZero() || value.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException(name + " must be more than 0 and at most an hour, was " + value);
            }
            return value;
        }

        /**
         * Receives every "contact support" hand-off (by default one log line with its reference, never its text).
         * Called on request threads; what a visitor wrote is plain text that may hold anything, so escape it
         * before showing or logging it.
         */
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

    /** The rate limits: every API call, and the stricter ones for calls that write or reach a person. */
    private record Limits(RateLimiter api, RateLimiter feedback, RateLimiter handOffs, RateLimiter clicks) {}

    /** Routes API requests (rate-limited, JSON) and the widget's static files. */
    private static final class SiteHandler extends Handler.Abstract {
        private final HelpSiteApi api;
        private final Limits limits;
        private final ClientAddresses addresses;
        private final String forwardedHeader;
        private final Executor executor;
        private final Duration bodyTimeout;
        private final Visitors visitors;
        private final RejectionLog rejections = new RejectionLog();
        private final Map<String, StaticFile> files = new HashMap<>();

        SiteHandler(
                HelpSiteApi api,
                Limits limits,
                ClientAddresses addresses,
                ClientAddresses.Header forwardedHeader,
                Executor executor,
                Duration bodyTimeout,
                Visitors visitors) {
            this.api = api;
            this.limits = limits;
            this.addresses = addresses;
            this.forwardedHeader =
                    forwardedHeader == ClientAddresses.Header.FORWARDED ? "Forwarded" : "X-Forwarded-For";
            this.executor = executor;
            this.bodyTimeout = bodyTimeout;
            this.visitors = visitors;
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
            long length = request.getLength();
            boolean hasBody = length > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
            if (!hasBody) {
                dispatch(request, response, callback, method, path, Optional.empty());
                return true;
            }
            if (length > MAX_BODY_BYTES
                    && (length > MAX_DRAINED_BYTES
                            || request.getHeaders().contains(HttpHeader.EXPECT, HttpHeaderValue.CONTINUE.asString()))) {
                // Refused before it is read: a client that asked first sends nothing more, and one that did not
                // reads this while it sends, or (the body being too long to read it away) may see a reset.
                response.getHeaders().put(HttpHeader.CONNECTION, "close");
                ApiException refused = new ApiException(413, bodyTooLarge());
                answer(response, callback, method, path, ClientAddresses.bucket(peerOf(request)), () -> {
                    throw refused;
                });
                return true;
            }
            // A connection that carried a body is not kept: the public API takes bodies only for feedback and
            // hand-offs, which are rare, and a connection reused after a body answered asynchronously is where
            // Jetty 12.1 was seen to lose track of the exchange (the next request on it went unanswered, or a
            // client read part of a body where a status line belonged). Closing costs one TCP handshake per post.
            headers.put(HttpHeader.CONNECTION, "close");
            // Every body is read before the answer, also one that is refused: answering first and closing with
            // unread bytes would reset the connection, and the client could lose the answer. Read without holding
            // a thread while bytes trickle in, bounded in time and in size (a body over MAX_BODY_BYTES is read to
            // its end and discarded, up to MAX_DRAINED_BYTES; the size limit in front bounds it too).
            CompletableFuture<byte[]> body =
                    BodyReader.read(request, MAX_BODY_BYTES, MAX_DRAINED_BYTES, bodyTimeout.toMillis());
            if (body.isDone()) {
                // The whole body came with the headers (the usual case): answer on this thread, before handle()
                // returns, as for a request without a body.
                answerBody(request, response, callback, method, path, body);
            } else {
                body.whenCompleteAsync(
                        (bytes, failure) -> answerBody(request, response, callback, method, path, body), executor);
            }
            return true;
        }

        /** Answers a request whose body {@code read} has settled: dispatches it, or says why it was refused. */
        private void answerBody(
                Request request,
                Response response,
                Callback callback,
                String method,
                String path,
                CompletableFuture<byte[]> read) {
            byte[] bytes;
            try {
                bytes = read.join();
            } catch (CompletionException | CancellationException failure) {
                String client = ClientAddresses.bucket(peerOf(request));
                ApiException refused = bodyFailure(failure, client);
                answer(response, callback, method, path, client, () -> {
                    throw refused;
                });
                return;
            }
            dispatch(request, response, callback, method, path, Optional.of(new String(bytes, StandardCharsets.UTF_8)));
        }

        private void dispatch(
                Request request,
                Response response,
                Callback callback,
                String method,
                String path,
                Optional<String> body) {
            HttpFields.Mutable headers = response.getHeaders();
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
                    return;
                }
                handleApi(request, response, callback, method, path, body);
                return;
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
                return;
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
            return;
        }

        private void handleApi(
                Request request,
                Response response,
                Callback callback,
                String method,
                String path,
                Optional<String> body) {
            String client = "unknown";
            try {
                InetAddress address = clientOf(request);
                client = ClientAddresses.bucket(address);
                take(limits.api(), client);
                Map<String, String> query = queryOf(request);
                boolean post = method.equals("POST");
                if (post && path.equals("/api/handoff")) {
                    take(limits.handOffs(), client);
                } else if (post && (path.endsWith("/feedback") || path.endsWith("/answered"))) {
                    take(limits.feedback(), client);
                }
                if (post) {
                    requireJson(request);
                }
                boolean click = (path.startsWith("/api/articles/")
                                && (query.containsKey("searchId") || query.containsKey("suggested")))
                        || (post && path.endsWith("/impression"));
                var caller = new HelpSiteApi.Caller(
                        visitors.keyOf(client),
                        !click || limits.clicks().acquire(client).isZero());
                answer(
                        response,
                        callback,
                        method,
                        path,
                        client,
                        () -> api.route(
                                method, path, query, post ? body.or(() -> Optional.of("")) : Optional.empty(), caller));
            } catch (RuntimeException e) {
                answer(response, callback, method, path, client, () -> {
                    throw e;
                });
            }
        }

        private static void take(RateLimiter limiter, String client) {
            Duration wait = limiter.acquire(client);
            if (!wait.isZero()) {
                throw ApiException.tooManyRequests(wait);
            }
        }

        /** What to answer when a body could not be read; logs one line per client and minute, never a trace. */
        private ApiException bodyFailure(Throwable failure, String client) {
            Throwable cause =
                    failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            int status = statusOf(cause);
            if (status == 413) {
                return new ApiException(413, bodyTooLarge());
            }
            String reason = status == 408 ? "too slow" : "aborted or malformed";
            rejections.log(client, "Dropped a request body from {} ({}: {})", client, reason, cause);
            if (status == 408) {
                return new ApiException(
                        408,
                        "The request body did not arrive within " + bodyTimeout.toSeconds()
                                + " s; send the whole body at once (at most " + MAX_BODY_BYTES + " bytes)");
            }
            return ApiException.badRequest("The request body could not be read; send it again, whole");
        }

        private static int statusOf(Throwable cause) {
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

        /** Runs an endpoint and writes its answer, or the error it threw, as JSON. */
        private void answer(
                Response response,
                Callback callback,
                String method,
                String path,
                String client,
                Supplier<Object> endpoint) {
            int status = method.equals("POST") ? 201 : 200;
            Object body;
            try {
                body = endpoint.get();
            } catch (ApiException e) {
                status = e.status();
                e.retryAfter().ifPresent(after -> response.getHeaders()
                        .put(HttpHeader.RETRY_AFTER, Long.toString(after.toSeconds())));
                body = error(status, e.getMessage());
            } catch (NotFoundException e) {
                status = 404;
                body = error(status, e.getMessage());
            } catch (IllegalArgumentException e) {
                // InvalidInputException included: its message names the field and what to change.
                status = 400;
                body = error(status, e.getMessage());
            } catch (RuntimeException e) {
                if (statusOf(e) == 413) {
                    status = 413;
                    body = error(status, bodyTooLarge());
                } else {
                    LOG.warn(
                            "{} {} from {} failed: {}",
                            method,
                            LogText.escape(path),
                            client,
                            LogText.escape(e.toString()),
                            e);
                    status = 500;
                    body = error(
                            status,
                            "The help site could not answer; try again, and tell the site's owner if it persists");
                }
            }
            writeJson(response, callback, status, body);
        }

        /** POST bodies must be JSON: a form or text/plain post from any page would need no CORS preflight. */
        private static void requireJson(Request request) {
            String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
            String mime = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
            if (!mime.equals("application/json")) {
                throw new ApiException(
                        415,
                        "Send the body as JSON with the header Content-Type: application/json (was "
                                + (type == null ? "none" : "'" + abbreviate(LogText.escape(type)) + "'") + ")");
            }
        }

        private InetAddress clientOf(Request request) {
            // The connection's peer, unless it is a trusted proxy: then the address it forwards (see
            // ClientAddresses). A visitor's own X-Forwarded-For is never believed.
            return addresses.client(peerOf(request), request.getHeaders().getValuesList(forwardedHeader));
        }

        private static InetAddress peerOf(Request request) {
            SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
            return remote instanceof InetSocketAddress socket && socket.getAddress() != null
                    ? socket.getAddress()
                    : InetAddress.getLoopbackAddress();
        }

        private static Map<String, String> queryOf(Request request) {
            Fields fields;
            try {
                fields = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
            } catch (RuntimeException e) {
                throw ApiException.badRequest("The query string is malformed (not URL-encoded UTF-8); URL-encode the"
                        + " parameters, for example with curl --data-urlencode");
            }
            var map = new HashMap<String, String>();
            for (Fields.Field field : fields) {
                map.put(field.getName(), field.getValue());
            }
            return map;
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
        /** Jetty writes no error body for PUT, DELETE and the like by default; the API promises JSON for all. */
        @Override
        public boolean errorPageForMethod(String method) {
            return true;
        }

        @Override
        protected void generateResponse(
                Request request, Response response, int code, String message, Throwable cause, Callback callback) {
            ErrorBody body = error(code, messageFor(code, message));
            // Jetty refused the request before any handler read its body (a malformed path, say). The answer goes
            // out at once; Jetty then reads what of the body has arrived, and closes the connection if more is
            // due. Reading the body here first (asynchronously) raced with Jetty completing the exchange on its
            // own, and Jetty logged "channel already completed" with a stack trace, sometimes answering 500.
            if (request.getLength() != 0) {
                response.getHeaders().put(HttpHeader.CONNECTION, "close");
            }
            writeJson(response, callback, code, body);
        }

        @Override
        public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
            fields.put(HttpHeader.CONTENT_TYPE, JSON);
            fields.put(new HttpField(HttpHeader.CACHE_CONTROL, "no-store"));
            // Jetty closes the connection after a malformed request; say so, or a client reuses it.
            fields.put(HttpHeader.CONNECTION, "close");
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
