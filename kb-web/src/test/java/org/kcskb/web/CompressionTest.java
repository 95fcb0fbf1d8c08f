package org.kcskb.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The widget's files and the JSON answers go out gzip-compressed to clients that accept it, mounted either way. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CompressionTest {
    /** The widget's budget (README, "Performance"): script and stylesheet together, as sent compressed. */
    private static final int WIDGET_BUDGET_BYTES = 16 * 1024;

    private HelpSiteFixture fixture;
    private final List<Server> servers = new ArrayList<>();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    enum Mount {
        JETTY_HANDLER,
        SERVLET
    }

    @BeforeAll
    void setUp() {
        fixture = new HelpSiteFixture();
    }

    @AfterAll
    void tearDown() throws Exception {
        for (Server server : servers) {
            server.stop();
        }
        fixture.close();
    }

    private URI start(Mount mount) throws Exception {
        KbWeb web = KbWeb.builder(fixture.kb).basePath("/help").build();
        Server server = new Server(0);
        if (mount == Mount.JETTY_HANDLER) {
            server.setHandler(web.handler());
        } else {
            var context = new ServletContextHandler("/");
            context.addServlet(new ServletHolder(web.servlet()), "/help/*");
            server.setHandler(context);
        }
        server.start();
        servers.add(server);
        return URI.create("http://localhost:" + server.getURI().getPort() + "/help/");
    }

    private HttpResponse<byte[]> get(URI base, String path, String acceptEncoding) throws Exception {
        var request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20));
        if (acceptEncoding != null) {
            request.header("Accept-Encoding", acceptEncoding);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] gunzip(byte[] bytes) throws IOException {
        try (var in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        }
    }

    @ParameterizedTest
    @EnumSource(Mount.class)
    void widgetFilesAndJson_areGzipped_forClientsThatAcceptIt_andStayWithinTheBudget(Mount mount) throws Exception {
        URI base = start(mount);
        String versioned = "webjars/kb-web/" + KbWeb.version() + "/";
        long compressedWidget = 0;
        for (String file : List.of("kb-widget.js", "kb-widget.css", "messages/de.json")) {
            HttpResponse<byte[]> plain = get(base, versioned + file, null);
            HttpResponse<byte[]> zipped = get(base, versioned + file, "gzip, deflate, br");

            assertThat(plain.headers().firstValue("Content-Encoding")).as(file).isEmpty();
            assertThat(plain.headers().firstValue("Vary").orElse("")).as(file).contains("Accept-Encoding");
            assertThat(zipped.headers().firstValue("Content-Encoding")).as(file).hasValue("gzip");
            assertThat(zipped.headers().firstValue("Vary").orElse("")).as(file).contains("Accept-Encoding");
            assertThat(zipped.headers().firstValue("Access-Control-Allow-Origin"))
                    .as(file)
                    .hasValue("*");
            assertThat(gunzip(zipped.body())).as(file).isEqualTo(plain.body());
            assertThat(zipped.body().length).as(file).isLessThan(plain.body().length);
            if (!file.startsWith("messages/")) {
                compressedWidget += zipped.body().length;
            }
        }
        assertThat(compressedWidget).isLessThanOrEqualTo(WIDGET_BUDGET_BYTES);

        HttpResponse<byte[]> search = get(base, "api/search?q=printer+offline&lang=en", "gzip");
        assertThat(search.statusCode()).isEqualTo(200);
        byte[] json =
                search.headers().firstValue("Content-Encoding").isPresent() ? gunzip(search.body()) : search.body();
        assertThat(new String(json, StandardCharsets.UTF_8)).contains("\"hits\"");
        if (json.length >= WidgetFiles.MIN_COMPRESSED_BYTES) {
            assertThat(search.headers().firstValue("Content-Encoding")).hasValue("gzip");
        }
    }

    @ParameterizedTest
    @EnumSource(Mount.class)
    void aClientThatRefusesGzip_getsThePlainFile(Mount mount) throws Exception {
        URI base = start(mount);

        HttpResponse<byte[]> refused = get(base, "kb-widget.js", "gzip;q=0, identity");

        assertThat(refused.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(new String(refused.body(), StandardCharsets.UTF_8)).contains("window.KbWidget");
    }

    @Test
    void acceptEncoding_isReadWithItsQualities() {
        assertThat(WidgetFiles.acceptsGzip("gzip")).isTrue();
        assertThat(WidgetFiles.acceptsGzip("deflate, GZIP;q=0.5")).isTrue();
        assertThat(WidgetFiles.acceptsGzip("*")).isTrue();
        assertThat(WidgetFiles.acceptsGzip(null)).isFalse();
        assertThat(WidgetFiles.acceptsGzip("br, deflate")).isFalse();
        assertThat(WidgetFiles.acceptsGzip("gzip;q=0")).isFalse();
        assertThat(WidgetFiles.acceptsGzip("gzip; q=0.000")).isFalse();
    }
}
