package org.kcskb.web;

import com.github.benmanes.caffeine.cache.Ticker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.kcskb.KnowledgeBase;
import org.kcskb.actor.Viewer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The help site for a host's own server: the public JSON API and the search widget, mounted as a Jetty 12
 * {@linkplain #handler() handler} or a Jakarta {@linkplain #servlet() servlet} (or run on its own with
 * {@link KbWebServer}).
 *
 * <pre>{@code
 * KbWeb web = KbWeb.builder(kb).basePath("/help").build();
 * server.setHandler(new Handler.Sequence(web.handler(), yourOtherHandlers));   // Jetty 12
 * context.addServlet(new ServletHolder(web.servlet()), "/help/*");             // or any Servlet 6 container
 * }</pre>
 *
 * <p>Under the base path: {@code GET api/search?q=&lang=&page=&size=&product=}, {@code GET api/suggest?q=&limit=},
 * {@code GET api/articles/{id}}, {@code POST api/articles/{id}/feedback}, {@code GET api/notices?lang=},
 * {@code POST api/notices/{id}/impression|answered} and {@code POST api/handoff}, all answering JSON (errors as
 * {@code {"status": 400, "error": "Bad Request", "message": "..."}}); the widget at
 * {@code webjars/kb-web/}{@value #VERSION_PLACEHOLDER}{@code /kb-widget.js} and {@code kb-widget.css} (cached for a
 * year: pin the version in the page; see {@link #widgetPath()}) and its message bundles at
 * {@code .../messages/{lang}.json}. Without a version, {@code kb-widget.js} serves the current one (revalidated
 * on every load).
 *
 * <p>Each request is searched and read as the viewer that {@linkplain Builder#viewer the viewer function} names
 * for it ({@link Viewer#anonymous()} by default): the knowledge base enforces what that viewer may see inside the
 * engine, so hits, totals, facets, did-you-mean and suggestions all come from the one visible set. Requests are
 * bounded (query length, page size and depth, body size {@value #MAX_BODY_BYTES} bytes, JSON nesting) and rate
 * limited per client (token buckets; 429 with {@code Retry-After} over one). A client is an IPv4 address or an IPv6
 * /64 network; behind {@linkplain Builder#trustedProxies trusted proxies}, the address they forward. POST bodies
 * must be {@code application/json} (415 otherwise), so that no page can post without a CORS preflight.
 *
 * <p>Thread-safe and immutable once built; one instance may be mounted in several places. The knowledge base is
 * not closed by it.
 */
public final class KbWeb {
    /** The largest request body, in bytes. */
    public static final int MAX_BODY_BYTES = 16 * 1024;

    /** The version part of the widget's path in this documentation; the real one is {@link #version()}. */
    static final String VERSION_PLACEHOLDER = "<version>";

    /**
     * The longest body that is read to its end (and discarded) before it is refused as too large, so that a client
     * that sends it whole without {@code Expect: 100-continue} reads the 413 instead of a reset connection.
     */
    public static final int MAX_DRAINED_BYTES = 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(KbWeb.class);

    private final String basePath;
    private final List<String> trustedProxies;
    private final ClientAddresses.Header forwardedHeader;
    private final Duration bodyTimeout;
    private final Dispatcher dispatcher;

    private KbWeb(Builder builder) {
        this.basePath = builder.basePath;
        this.trustedProxies = List.copyOf(builder.trustedProxies);
        this.forwardedHeader = builder.forwardedHeader;
        this.bodyTimeout = builder.bodyTimeout;
        var limits = new Dispatcher.Limits(
                new RateLimiter(builder.requestsPerSecond, builder.burst, Ticker.systemTicker()),
                new RateLimiter(builder.feedbackPerSecond, builder.feedbackBurst, Ticker.systemTicker()),
                new RateLimiter(builder.handOffsPerSecond, builder.handOffBurst, Ticker.systemTicker()),
                new RateLimiter(builder.clicksPerSecond, builder.clickBurst, Ticker.systemTicker()));
        this.dispatcher = new Dispatcher(
                new JsonApi(builder.kb, builder.handOffs),
                limits,
                new ClientAddresses(trustedProxies, forwardedHeader),
                forwardedHeader,
                builder.viewers,
                Set.copyOf(builder.allowedOrigins),
                new WidgetFiles(builder.messages));
    }

    /** Starts configuring the help site of {@code kb}. */
    public static Builder builder(KnowledgeBase kb) {
        return new Builder(kb);
    }

    /** The version of the widget this jar serves, for example {@code 0.1.0}: the one in {@link #widgetPath()}. */
    public static String version() {
        return WidgetFiles.VERSION;
    }

    /**
     * The path of the widget's script under the base path, for the page's script tag, for example {@code
     * /help/webjars/kb-web/0.1.0/kb-widget.js}. Its stylesheet and message bundles sit next to it.
     */
    public String widgetPath() {
        return basePath + "/webjars/kb-web/" + version() + "/kb-widget.js";
    }

    /** The base path, {@code ""} for the root or for example {@code /help}. */
    public String basePath() {
        return basePath;
    }

    /**
     * A Jetty 12 handler that answers requests under the base path and declines (returns {@code false} from
     * {@code handle}) all others, so that it can go first in a {@code Handler.Sequence}. Needs {@code
     * org.eclipse.jetty:jetty-server} on the class path. Each call returns a new handler.
     */
    public org.eclipse.jetty.server.Handler handler() {
        // Through a factory that returns the declared type, as servlet(): no Jetty class is needed to load KbWeb.
        return JettyHandler.create(this);
    }

    /**
     * A Jakarta Servlet 6 servlet that answers the requests the container maps to it below the base path (map it
     * to {@code basePath + "/*"}). Bodies are bounded to {@value #MAX_BODY_BYTES} bytes and to the {@linkplain
     * Builder#bodyTimeout body timeout}; register it as asynchronous (Jetty's {@code ServletHolder} and Spring
     * Boot's registration are by default; Tomcat: {@code Wrapper.setAsyncSupported(true)}) so that a slow body holds
     * no thread. Needs {@code jakarta.servlet:jakarta.servlet-api} (the container's). Each call returns a new
     * servlet.
     */
    public jakarta.servlet.http.HttpServlet servlet() {
        // Through a factory that returns the declared type: the class verifier then needs no servlet class to check
        // this method, and a host without the servlet API can load KbWeb.
        return KbWebServlet.create(dispatcher, basePath, bodyTimeout);
    }

    Dispatcher dispatcher() {
        return dispatcher;
    }

    List<String> trustedProxies() {
        return trustedProxies;
    }

    ClientAddresses.Header forwardedHeader() {
        return forwardedHeader;
    }

    Duration bodyTimeout() {
        return bodyTimeout;
    }

    /** Configures a {@link KbWeb}; not thread-safe. {@link #build()} can be called again after changes. */
    public static final class Builder {
        private final KnowledgeBase kb;
        private String basePath = "";
        private double requestsPerSecond = 20;
        private int burst = 40;
        private double feedbackPerSecond = 0.2;
        private int feedbackBurst = 10;
        private double handOffsPerSecond = 1.0 / 60;
        private int handOffBurst = 3;
        private double clicksPerSecond = 1;
        private int clickBurst = 20;
        private Duration bodyTimeout = Duration.ofSeconds(10);
        private List<String> trustedProxies = List.of();
        private Set<String> allowedOrigins = Set.of();
        private ClientAddresses.Header forwardedHeader = ClientAddresses.Header.X_FORWARDED_FOR;
        private Function<WebRequest, Viewer> viewers = request -> Viewer.anonymous();
        private List<Path> messages = List.of();
        private Consumer<HandOff> handOffs = handOff -> LOG.info(
                "Support hand-off {} received ({}; query of {} characters, message of {} characters)",
                handOff.reference(),
                handOff.language().toLanguageTag(),
                handOff.query().length(),
                handOff.message().length());

        private Builder(KnowledgeBase kb) {
            this.kb = Objects.requireNonNull(kb, "kb");
        }

        /**
         * Serves the help site under {@code path} ({@code ""}, the root, by default), for example {@code /help}: the
         * API at {@code /help/api/...}, the widget at {@code /help/webjars/...}.
         */
        public Builder basePath(String path) {
            Objects.requireNonNull(path, "path");
            String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            if (!trimmed.isEmpty()
                    && (!trimmed.startsWith("/")
                            || !trimmed.matches("(/[A-Za-z0-9._~-]+)+")
                            || trimmed.contains(".."))) {
                throw new IllegalArgumentException("basePath must be empty or like /help or /support/kb (letters,"
                        + " digits, '.', '_', '~', '-' between slashes), was '" + path + "'");
            }
            this.basePath = trimmed;
            return this;
        }

        /**
         * Lets only pages of these origins call the API from a browser (CORS), for example {@code
         * https://www.example.com}; by default any page may (the API is public and uses no cookies). A request
         * from another origin is still answered, without the header that lets its page read the answer.
         */
        public Builder allowedOrigins(String... origins) {
            var set = new LinkedHashSet<String>();
            for (String origin : origins) {
                Objects.requireNonNull(origin, "origin");
                if (!origin.matches(
                        "https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?|https?://\\[[0-9A-Fa-f:.]+](:[0-9]{1,5})?")) {
                    throw new IllegalArgumentException("allowedOrigins takes origins like https://www.example.com or"
                            + " http://localhost:8080 (scheme, host, optional port; no path), was '" + origin + "'");
                }
                set.add(origin.toLowerCase(Locale.ROOT));
            }
            this.allowedOrigins = Set.copyOf(set);
            return this;
        }

        /**
         * Lets each client make {@code perSecond} API requests per second on average and {@code burst} at once (20
         * and 40 by default: enough for search as you type).
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

        /**
         * Answers 408 when a request body has not arrived whole within this time (10 s by default), on the Jetty
         * handler and the servlet alike.
         */
        public Builder bodyTimeout(Duration bodyTimeout) {
            Objects.requireNonNull(bodyTimeout, "bodyTimeout");
            if (bodyTimeout.isNegative() || bodyTimeout.isZero() || bodyTimeout.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException(
                        "bodyTimeout must be more than 0 and at most an hour, was " + bodyTimeout);
            }
            this.bodyTimeout = bodyTimeout;
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
         * Names the viewer each request searches and reads as ({@link Viewer#anonymous()} for all by default), for
         * example a partner viewer for a logged-in customer of a partner:
         *
         * <pre>{@code
         * .viewer(request -> request.unwrap(HttpServletRequest.class)
         *         .map(r -> r.getSession(false))
         *         .map(session -> (String) session.getAttribute("partner"))
         *         .map(Viewer::partner)
         *         .orElse(Viewer.anonymous()))
         * }</pre>
         *
         * Called on request threads for every API request; it must be fast and must not throw (a request it fails
         * on is answered 500). What the viewer may see is the knowledge base's visibility policy's decision.
         */
        public Builder viewer(Function<WebRequest, Viewer> viewers) {
            this.viewers = Objects.requireNonNull(viewers, "viewers");
            return this;
        }

        /**
         * Adds or overrides the widget's texts from message bundles in these directories: a file {@code
         * <lang>.json} there (a JSON object of text keys, as the jar's {@code messages/en.json}) replaces the jar's
         * texts key by key, and a language the jar lacks (say {@code it.json}) becomes one the widget can show. Read
         * at every request for a bundle, so that a translator's edit shows on reload. Later directories win.
         */
        public Builder messages(Path... directories) {
            for (Path directory : directories) {
                if (!Files.isDirectory(directory)) {
                    throw new IllegalArgumentException(
                            "messages takes directories of <lang>.json files; " + directory + " is not a directory");
                }
            }
            this.messages = List.of(directories);
            return this;
        }

        /** Builds the help site; the builder may be changed and built again afterwards. */
        public KbWeb build() {
            return new KbWeb(this);
        }
    }
}
