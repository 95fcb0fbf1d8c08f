package org.kcskb.examples.helpsite;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kcskb.KnowledgeBase;
import org.kcskb.store.ArticleStores;

/**
 * Over-long bodies sent whole, without {@code Expect: 100-continue}, the way {@code java.net.http.HttpClient} and
 * {@code curl --data-binary @file -H 'Expect:'} send them: the client must read the 413 in JSON, not a reset
 * connection.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HelpSiteOverLongBodyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HAND_OFF = "/api/handoff";

    private KnowledgeBase kb;
    private HelpSiteServer site;
    private final ExecutorService publishing = Executors.newVirtualThreadPerTaskExecutor();

    @BeforeAll
    void start() {
        kb = KnowledgeBase.builder().store(ArticleStores.inMemory()).build();
        site = HelpSiteServer.builder(kb)
                .port(0)
                .rateLimit(10_000, 10_000)
                .handOffRateLimit(10_000, 10_000)
                .start();
    }

    @AfterAll
    void stop() {
        site.close();
        kb.close();
        publishing.shutdownNow();
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {HelpSiteServer.MAX_BODY_BYTES + 1, 64 * 1024, HelpSiteServer.MAX_DRAINED_BYTES})
    void anOverLongBodySentWhole_overARawSocket_isAnswered413InJson(int size) throws Exception {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(head(HAND_OFF, "Content-Length: " + size));
            // A naive client: it writes the whole body and only then reads.
            writeBody(out, size);
            Answer answer = Answer.read(socket.getInputStream());

            assertTooLarge(answer);
            assertThat(answer.header("connection")).isEqualToIgnoringCase("close");
            // Then the server closes the connection in order: an end of stream, not a reset.
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
        assertTheSiteStillAnswers();
    }

    @Test
    void anOverLongBodyAnnouncedWithExpectContinue_isRefusedBeforeItIsSent() throws Exception {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(head(HAND_OFF, "Content-Length: " + 64 * 1024 + "\r\nExpect: 100-continue"));
            socket.getOutputStream().flush();
            // The first answer is the refusal, not "100 Continue": the body need not be sent at all.
            Answer answer = Answer.read(socket.getInputStream());

            assertTooLarge(answer);
            assertThat(answer.header("connection")).isEqualToIgnoringCase("close");
        }
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {64 * 1024, HelpSiteServer.MAX_DRAINED_BYTES - 8 * 1024})
    void anOverLongChunkedBody_overARawSocket_isAnswered413InJson(int size) throws Exception {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(head(HAND_OFF, "Transfer-Encoding: chunked"));
            byte[] piece = new byte[8 * 1024];
            Arrays.fill(piece, (byte) ' ');
            for (int sent = 0; sent < size; sent += piece.length) {
                out.write((Integer.toHexString(piece.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(piece);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Answer answer = Answer.read(socket.getInputStream());

            assertTooLarge(answer);
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
        assertTheSiteStillAnswers();
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {64 * 1024, HelpSiteServer.MAX_DRAINED_BYTES})
    void anOverLongBodySentWhole_byJavasHttpClient_isAnswered413InJson(int size) throws Exception {
        // A fresh client each time: a pooled connection the server closed must not blur the result.
        try (HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(site.address().resolve(HAND_OFF))
                            .header("Content-Type", "application/json")
                            .timeout(Duration.ofSeconds(30))
                            .POST(paced(size))
                            .build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));

            assertTooLarge(new Answer(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Connection").orElse(""),
                    response.body()));
        }
        assertTheSiteStillAnswers();
    }

    @Test
    void aHugeDeclaredBody_isAnsweredAtOnce_toAClientThatReadsWhileSending() throws Exception {
        // Far beyond what the site reads to the end: it answers before the body, and closes the connection.
        long size = 1L << 30;
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(head(HAND_OFF, "Content-Length: " + size));
            out.write("{\"q\": \"".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long started = System.nanoTime();
            Answer answer = Answer.read(socket.getInputStream());

            assertTooLarge(answer);
            assertThat(answer.header("connection")).isEqualToIgnoringCase("close");
            assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started))
                    .as("answered without waiting for the body")
                    .isLessThan(5);
        }
        assertTheSiteStillAnswers();
    }

    // ---- Helpers ----------------------------------------------------------------------------------------------

    private Socket connect() throws IOException {
        var socket = new Socket();
        // A small send buffer, as over a real network: the body cannot all sit in buffers before the server acts.
        socket.setSendBufferSize(8 * 1024);
        socket.connect(new InetSocketAddress("localhost", site.address().getPort()), 5_000);
        socket.setSoTimeout(30_000);
        return socket;
    }

    private static byte[] head(String path, String framing) {
        return ("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" + framing
                        + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * A body of {@code size} bytes published piece by piece, as a file streams over a real network. Delivered on
     * threads of its own: nothing waits for the common pool, which has one thread on a two-core machine.
     */
    private HttpRequest.BodyPublisher paced(int size) {
        byte[] piece = new byte[8 * 1024];
        Arrays.fill(piece, (byte) ' ');
        return HttpRequest.BodyPublishers.fromPublisher(
                subscriber -> {
                    var publisher = new SubmissionPublisher<ByteBuffer>(publishing, Flow.defaultBufferSize());
                    publisher.subscribe(subscriber);
                    publishing.execute(() -> {
                        try (publisher) {
                            for (int sent = 0; sent < size; sent += piece.length) {
                                publisher.submit(ByteBuffer.wrap(piece, 0, Math.min(piece.length, size - sent)));
                                Thread.sleep(1);
                            }
                        } catch (InterruptedException e) {
                            publisher.closeExceptionally(e);
                        }
                    });
                },
                size);
    }

    private static void writeBody(OutputStream out, int size) throws IOException {
        byte[] piece = new byte[8 * 1024];
        Arrays.fill(piece, (byte) ' ');
        for (int sent = 0; sent < size; sent += piece.length) {
            try {
                out.write(piece, 0, Math.min(piece.length, size - sent));
            } catch (IOException e) {
                throw new AssertionError("The server cut the body off after " + sent + " bytes: " + e, e);
            }
        }
        out.flush();
    }

    private void assertTheSiteStillAnswers() throws Exception {
        try (HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpResponse<String> search = http.send(
                    HttpRequest.newBuilder(site.address().resolve("/api/search?q=drucker"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(search.statusCode()).as(search.body()).isEqualTo(200);
        }
    }

    private static void assertTooLarge(Answer answer) throws IOException {
        assertThat(answer.status()).as(answer.body()).isEqualTo(413);
        assertThat(answer.contentType()).isEqualTo("application/json; charset=utf-8");
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.get("status").asInt()).isEqualTo(413);
        // The limit, and how to get under it.
        assertThat(body.get("message").asText())
                .contains("at most " + HelpSiteServer.MAX_BODY_BYTES + " bytes")
                .contains("characters");
    }

    /** An HTTP/1.1 answer read off a raw socket up to the end of its body. */
    private record Answer(int status, String contentType, String connection, String body) {
        String header(String name) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "connection" -> connection;
                case "content-type" -> contentType;
                default -> throw new IllegalArgumentException(name);
            };
        }

        static Answer read(InputStream in) throws IOException {
            var head = new ByteArrayOutputStream();
            try {
                while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                    int c = in.read();
                    if (c < 0) {
                        throw new AssertionError("The connection closed before an answer: '" + head + "'");
                    }
                    head.write(c);
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError("No answer in time: '" + head + "'", e);
            }
            String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            String contentType = "";
            String connection = "";
            int length = -1;
            for (String line : lines) {
                String[] field = line.split(":", 2);
                if (field.length < 2) {
                    continue;
                }
                String value = field[1].strip();
                switch (field[0].strip().toLowerCase(Locale.ROOT)) {
                    case "content-type" -> contentType = value;
                    case "connection" -> connection = value;
                    case "content-length" -> length = Integer.parseInt(value);
                    default -> {}
                }
            }
            if (length < 0) {
                throw new AssertionError("The answer has no Content-Length: " + head);
            }
            byte[] body = in.readNBytes(length);
            return new Answer(status, contentType, connection, new String(body, StandardCharsets.UTF_8));
        }
    }
}
