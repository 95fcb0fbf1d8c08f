package org.kcskb.examples.helpsite;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import org.kcskb.KnowledgeBase;
import org.kcskb.web.HandOff;
import org.kcskb.web.KbWeb;
import org.kcskb.web.KbWebServer;

/**
 * The demo help site: kb-web's public JSON API and search widget ({@link KbWeb}) on its own hardened server
 * ({@link KbWebServer}), with the fictional vendor Acme's start page that embeds the widget at {@code /} (its
 * stylesheet {@code /acme.css} and favicon {@code /favicon.svg} beside it).
 *
 * <pre>{@code
 * try (KnowledgeBase kb = KnowledgeBase.open(directory);
 *         HelpSiteServer site = HelpSiteServer.builder(kb).port(8080).start()) {
 *     System.out.println("Help site at " + site.address());
 *     site.join();
 * }
 * }</pre>
 *
 * <p>The API, its bounds and its error format are kb-web's (see {@link KbWeb}); this class only gathers the
 * settings of both in one builder, as the demo's command line needs them. A host with its own server mounts
 * {@link KbWeb#handler()} or {@link KbWeb#servlet()} instead (README, "Help site in your server"). Thread-safe; the
 * knowledge base stays open when the server is closed.
 */
public final class HelpSiteServer implements AutoCloseable {
    /** The largest request body, in bytes. */
    public static final int MAX_BODY_BYTES = KbWeb.MAX_BODY_BYTES;

    /** The longest body that is read away before it is refused as too large (see {@link KbWeb}). */
    static final int MAX_DRAINED_BYTES = KbWeb.MAX_DRAINED_BYTES;

    private final KbWebServer server;

    private HelpSiteServer(KbWebServer server) {
        this.server = server;
    }

    /** Starts configuring a help site for {@code kb}. */
    public static Builder builder(KnowledgeBase kb) {
        return new Builder(kb);
    }

    /** Returns the address the site listens on, for example {@code http://localhost:8080/}. */
    public URI address() {
        return server.address();
    }

    /** Waits until the server is stopped. */
    public void join() throws InterruptedException {
        server.join();
    }

    /** Stops accepting requests, lets running ones finish for up to two seconds, and stops. Idempotent. */
    @Override
    public void close() {
        server.close();
    }

    /** The connections open from the client bucket {@code bucket} (for tests). */
    int connectionsFrom(String bucket) {
        return server.connectionsFrom(bucket);
    }

    /** The demo's start page, with the widget's version filled in so that the page pins it. */
    static String startPage() {
        return new String(resource("index.html"), StandardCharsets.UTF_8).replace("@KB_WEB_VERSION@", KbWeb.version());
    }

    /** A file of the demo site (page, stylesheet, favicon) from the class path next to this class. */
    static byte[] resource(String name) {
        try (InputStream in = HelpSiteServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("The demo file " + name + " is missing from the class path next to "
                        + HelpSiteServer.class.getName() + "; the examples jar is incomplete");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the demo file " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Configures a {@link HelpSiteServer}: the API's settings go to {@link KbWeb.Builder}, the server's to {@link
     * KbWebServer.Builder} (see there for what each does and its default). Not thread-safe.
     */
    public static final class Builder {
        private final KbWeb.Builder web;
        private String host = "localhost";
        private int port = 8080;
        private Integer maxThreads;
        private Integer maxConnections;
        private Integer connectionsPerClient;
        private Duration idleTimeout;
        private Long minRequestDataRate;

        private Builder(KnowledgeBase kb) {
            this.web = KbWeb.builder(Objects.requireNonNull(kb, "kb"));
        }

        /** See {@link KbWebServer.Builder#host}. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** See {@link KbWebServer.Builder#port}. */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be from 0 (any free port) to 65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /** See {@link KbWeb.Builder#rateLimit}. */
        public Builder rateLimit(double perSecond, int burst) {
            web.rateLimit(perSecond, burst);
            return this;
        }

        /** See {@link KbWeb.Builder#feedbackRateLimit}. */
        public Builder feedbackRateLimit(double perSecond, int burst) {
            web.feedbackRateLimit(perSecond, burst);
            return this;
        }

        /** See {@link KbWeb.Builder#handOffRateLimit}. */
        public Builder handOffRateLimit(double perSecond, int burst) {
            web.handOffRateLimit(perSecond, burst);
            return this;
        }

        /** See {@link KbWeb.Builder#clickRateLimit}. */
        public Builder clickRateLimit(double perSecond, int burst) {
            web.clickRateLimit(perSecond, burst);
            return this;
        }

        /** See {@link KbWebServer.Builder#maxThreads}. */
        public Builder maxThreads(int maxThreads) {
            this.maxThreads = maxThreads;
            return this;
        }

        /** See {@link KbWebServer.Builder#maxConnections}. */
        public Builder maxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
            return this;
        }

        /** See {@link KbWebServer.Builder#connectionsPerClient}. */
        public Builder connectionsPerClient(int connectionsPerClient) {
            this.connectionsPerClient = connectionsPerClient;
            return this;
        }

        /** See {@link KbWebServer.Builder#idleTimeout}. */
        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = Objects.requireNonNull(idleTimeout, "idleTimeout");
            return this;
        }

        /** See {@link KbWeb.Builder#bodyTimeout}. */
        public Builder bodyTimeout(Duration bodyTimeout) {
            web.bodyTimeout(bodyTimeout);
            return this;
        }

        /** See {@link KbWebServer.Builder#minRequestDataRate}. */
        public Builder minRequestDataRate(long bytesPerSecond) {
            this.minRequestDataRate = bytesPerSecond;
            return this;
        }

        /** See {@link KbWeb.Builder#trustedProxies}. */
        public Builder trustedProxies(String... proxies) {
            web.trustedProxies(proxies);
            return this;
        }

        /** See {@link KbWeb.Builder#forwardedHeader}. */
        public Builder forwardedHeader(String name) {
            web.forwardedHeader(name);
            return this;
        }

        /** See {@link KbWeb.Builder#messages}. */
        public Builder messages(java.nio.file.Path... directories) {
            web.messages(directories);
            return this;
        }

        /** See {@link KbWeb.Builder#onHandOff}. */
        public Builder onHandOff(Consumer<HandOff> handOffs) {
            web.onHandOff(handOffs);
            return this;
        }

        /**
         * Starts the server.
         *
         * @throws IllegalArgumentException if a setting is out of range (the message names it)
         * @throws IllegalStateException if it cannot listen (for example, the port is taken)
         */
        public HelpSiteServer start() {
            String page = startPage();
            var server = KbWebServer.builder(web.build())
                    .host(host)
                    .port(port)
                    .page("/", page)
                    .page("/index.html", page)
                    .file("/acme.css", "text/css; charset=utf-8", resource("acme.css"))
                    .file("/favicon.svg", "image/svg+xml", resource("favicon.svg"));
            if (maxThreads != null) {
                server.maxThreads(maxThreads);
            }
            if (maxConnections != null) {
                server.maxConnections(maxConnections);
            }
            if (connectionsPerClient != null) {
                server.connectionsPerClient(connectionsPerClient);
            }
            if (idleTimeout != null) {
                server.idleTimeout(idleTimeout);
            }
            if (minRequestDataRate != null) {
                server.minRequestDataRate(minRequestDataRate);
            }
            return new HelpSiteServer(server.start());
        }
    }
}
