package org.kcskb.examples.helpsite;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.kcskb.web.KbWeb;

/**
 * A partner's page on a second origin that embeds the help site's widget, as README's "Embed it into any page, of
 * any origin" describes: the page comes from this server, the widget's script, stylesheet, texts and API calls from
 * the help site's origin, which allows them cross-origin (CORS).
 *
 * <pre>{@code
 * try (PartnerPage partner = PartnerPage.start("localhost", 8081, site.address())) {
 *     System.out.println("Embedded on another origin: " + partner.address());
 * }
 * }</pre>
 *
 * <p>The page's Content-Security-Policy allows scripts, styles and requests from itself and the help site only.
 * Thread-safe; closing it stops only this server.
 */
public final class PartnerPage implements AutoCloseable {
    private final Server server;
    private final ServerConnector connector;
    private final String host;

    private PartnerPage(Server server, ServerConnector connector, String host) {
        this.server = server;
        this.connector = connector;
        this.host = host;
    }

    /**
     * Serves the partner page at {@code http://host:port/}, embedding the widget from {@code helpSite} (an address
     * such as {@code http://localhost:8080/}).
     *
     * @throws IllegalArgumentException if {@code port} is out of range or {@code helpSite} is not an http(s) address
     * @throws IllegalStateException if it cannot listen (for example, the port is taken)
     */
    public static PartnerPage start(String host, int port, URI helpSite) {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(
                    "The partner page's port must be from 0 (any free port) to 65535, was " + port);
        }
        String scheme = Objects.requireNonNull(helpSite, "helpSite").getScheme();
        if (!("http".equals(scheme) || "https".equals(scheme)) || helpSite.getHost() == null) {
            throw new IllegalArgumentException(
                    "The help site's address must be http:// or https:// with a host, was '" + helpSite + "'");
        }
        String site = helpSite.toString().endsWith("/") ? helpSite.toString() : helpSite + "/";
        String siteOrigin = helpSite.getScheme() + "://" + helpSite.getRawAuthority();
        var server = new Server();
        var connector = new ServerConnector(server);
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        var page = new PartnerPage(server, connector, host);
        var files = new Files(siteOrigin);
        server.setHandler(files);
        server.setStopTimeout(1_000);
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new IllegalStateException(
                    "Cannot start the partner page on " + host + ":" + port + " (" + e.getMessage()
                            + "); choose another port with --partner-port, or 0 for any free port",
                    e);
        }
        // Filled in from the known addresses, never from a request's Host header.
        String origin = page.address().toString().replaceAll("/$", "");
        files.page = new String(HelpSiteServer.resource("partner.html"), StandardCharsets.UTF_8)
                .replace("@HELP_SITE@", site)
                .replace("@PARTNER_ORIGIN@", origin)
                .replace("@KB_WEB_VERSION@", KbWeb.version())
                .getBytes(StandardCharsets.UTF_8);
        return page;
    }

    /** The page's address, for example {@code http://localhost:8081/}. */
    public URI address() {
        String name = host.equals("0.0.0.0") ? "localhost" : host;
        return URI.create(
                "http://" + (name.contains(":") ? "[" + name + "]" : name) + ":" + connector.getLocalPort() + "/");
    }

    /** Stops the partner page's server. Idempotent. */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot stop the partner page: " + e.getMessage(), e);
        }
    }

    /** The page at {@code /} and its stylesheet; nothing else. */
    private static final class Files extends Handler.Abstract {
        private final String siteOrigin;
        private final byte[] stylesheet = HelpSiteServer.resource("partner.css");
        /** The page; set once the server listens and its port is known. */
        private volatile byte[] page = new byte[0];

        Files(String siteOrigin) {
            this.siteOrigin = siteOrigin;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            String method = request.getMethod();
            if (!(method.equals("GET") || method.equals("HEAD"))) {
                Response.writeError(request, response, callback, 405);
                return true;
            }
            var files = Map.of(
                    "/", Map.entry("text/html; charset=utf-8", page),
                    "/partner.css", Map.entry("text/css; charset=utf-8", stylesheet));
            var file = files.get(Request.getPathInContext(request));
            if (file == null) {
                Response.writeError(request, response, callback, 404);
                return true;
            }
            var headers = response.getHeaders();
            headers.put(HttpHeader.CONTENT_TYPE, file.getKey());
            headers.put(HttpHeader.CACHE_CONTROL, "no-cache");
            headers.put("X-Content-Type-Options", "nosniff");
            headers.put("Referrer-Policy", "no-referrer");
            headers.put(
                    "Content-Security-Policy",
                    "default-src 'self'; script-src " + siteOrigin + "; style-src 'self' " + siteOrigin
                            + "; connect-src " + siteOrigin + "; img-src 'self' " + siteOrigin
                            + " data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'");
            response.setStatus(200);
            response.write(
                    true, method.equals("HEAD") ? ByteBuffer.allocate(0) : ByteBuffer.wrap(file.getValue()), callback);
            return true;
        }
    }
}
