package org.kcskb.web;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.kcskb.NotFoundException;
import org.kcskb.actor.Viewer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything about a request that does not depend on the server it arrives through: routing under the base path,
 * CORS, rate limits, the viewer, the JSON answer or error, and the widget's files. The Jetty handler and the
 * servlet read the request (and its body, bounded) and write the {@link Answer}. Thread-safe.
 */
final class Dispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(KbWeb.class);
    static final String JSON = "application/json; charset=utf-8";

    /** The rate limits: every API call, and the stricter ones for calls that write or reach a person. */
    record Limits(RateLimiter api, RateLimiter feedback, RateLimiter handOffs, RateLimiter clicks) {}

    /** What to send: status, headers (beyond the ones every answer has) and body. */
    record Answer(int status, Map<String, String> headers, byte[] body) {}

    /** A request as the server adapter read it; {@code path} is relative to the base path (starts with '/'). */
    interface Exchange extends WebRequest {
        String method();

        String path();

        /** The raw (still URL-encoded) query string, or null. */
        String rawQuery();

        /** Every value of the header {@code name}, in order. */
        List<String> headers(String name);

        /** The connection's peer. */
        InetAddress peer();
    }

    private final JsonApi api;
    private final Limits limits;
    private final ClientAddresses addresses;
    private final String forwardedHeader;
    private final Function<WebRequest, Viewer> viewers;
    private final Set<String> allowedOrigins;
    private final WidgetFiles widget;
    private final Visitors visitors = new Visitors();
    private final RejectionLog rejections = new RejectionLog();

    Dispatcher(
            JsonApi api,
            Limits limits,
            ClientAddresses addresses,
            ClientAddresses.Header forwardedHeader,
            Function<WebRequest, Viewer> viewers,
            Set<String> allowedOrigins,
            WidgetFiles widget) {
        this.api = api;
        this.limits = limits;
        this.addresses = addresses;
        this.forwardedHeader = forwardedHeader == ClientAddresses.Header.FORWARDED ? "Forwarded" : "X-Forwarded-For";
        this.viewers = viewers;
        this.allowedOrigins = allowedOrigins;
        this.widget = widget;
    }

    /** The path relative to {@code basePath}, or empty when the request is not the help site's. */
    static Optional<String> relativePath(String basePath, String path) {
        if (basePath.isEmpty()) {
            return Optional.of(path.isEmpty() ? "/" : path);
        }
        if (path.equals(basePath)) {
            return Optional.of("/");
        }
        return path.startsWith(basePath + "/") ? Optional.of(path.substring(basePath.length())) : Optional.empty();
    }

    /** Answers a request whose body (for a POST) has been read whole. */
    Answer handle(Exchange x, Optional<String> body) {
        String method = x.method();
        String path = x.path();
        var headers = new LinkedHashMap<String, String>();
        if (path.startsWith("/api/")) {
            cors(x, headers);
            headers.put("Cache-Control", "no-store");
            if (method.equals("OPTIONS")) {
                headers.put("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
                headers.put("Access-Control-Allow-Headers", "Content-Type");
                headers.put("Access-Control-Max-Age", "600");
                return new Answer(204, headers, new byte[0]);
            }
            return handleApi(x, headers, body);
        }
        Optional<WidgetFiles.File> file;
        try {
            file = widget.file(path);
        } catch (IllegalStateException e) {
            // A host's message bundle is broken: say which and why in the log, not to the visitor.
            LOG.warn("Cannot serve {}: {}", LogText.escape(path), LogText.escape(String.valueOf(e.getMessage())));
            return json(
                    headers,
                    500,
                    error(500, "The help site could not answer; try again, and tell the site's owner if it persists"));
        }
        if (file.isEmpty() || !(method.equals("GET") || method.equals("HEAD"))) {
            int status = file.isEmpty() ? 404 : 405;
            return json(
                    headers,
                    status,
                    error(
                            status,
                            file.isEmpty()
                                    ? "Nothing at " + abbreviate(path) + "; the widget is kb-widget.js and the API"
                                            + " api/... under the help site's base path"
                                    : path + " takes GET"));
        }
        WidgetFiles.File f = file.get();
        headers.put("Content-Type", f.contentType());
        headers.put("Cache-Control", f.cacheControl());
        // The widget's files may be loaded by any page that embeds it.
        headers.put("Access-Control-Allow-Origin", "*");
        return new Answer(200, headers, method.equals("HEAD") ? new byte[0] : f.bytes());
    }

    /** An answer to a request refused before it was dispatched (its body too large, too slow or unreadable). */
    Answer refuse(Exchange x, ApiException refused) {
        var headers = new LinkedHashMap<String, String>();
        if (x.path().startsWith("/api/")) {
            cors(x, headers);
            headers.put("Cache-Control", "no-store");
        }
        String client = ClientAddresses.bucket(x.peer());
        return answer(headers, x.method(), x.path(), client, () -> {
            throw refused;
        });
    }

    /** What to answer when a body could not be read; logs one line per client and minute, never a trace. */
    ApiException bodyFailure(int status, Throwable cause, InetAddress peer, Duration timeout) {
        if (status == 413) {
            return new ApiException(413, bodyTooLarge());
        }
        String client = ClientAddresses.bucket(peer);
        String reason = status == 408 ? "too slow" : "aborted or malformed";
        rejections.log(client, "Dropped a request body from {} ({}: {})", client, reason, cause);
        if (status == 408) {
            return new ApiException(
                    408,
                    "The request body did not arrive within " + timeout.toSeconds()
                            + " s; send the whole body at once (at most " + KbWeb.MAX_BODY_BYTES + " bytes)");
        }
        return ApiException.badRequest("The request body could not be read; send it again, whole");
    }

    private void cors(Exchange x, Map<String, String> headers) {
        if (allowedOrigins.isEmpty()) {
            // The widget may be embedded into any site; the API is public and uses no cookies.
            headers.put("Access-Control-Allow-Origin", "*");
            return;
        }
        headers.put("Vary", "Origin");
        x.header("Origin")
                .map(origin -> origin.toLowerCase(Locale.ROOT))
                .filter(allowedOrigins::contains)
                .ifPresent(origin -> headers.put("Access-Control-Allow-Origin", origin));
    }

    private Answer handleApi(Exchange x, Map<String, String> headers, Optional<String> body) {
        String method = x.method();
        String path = x.path();
        String client = "unknown";
        try {
            InetAddress address = addresses.client(x.peer(), x.headers(forwardedHeader));
            client = ClientAddresses.bucket(address);
            take(limits.api(), client);
            Map<String, String> query = queryOf(x.rawQuery());
            boolean post = method.equals("POST");
            if (post && path.equals("/api/handoff")) {
                take(limits.handOffs(), client);
            } else if (post && (path.endsWith("/feedback") || path.endsWith("/answered"))) {
                take(limits.feedback(), client);
            }
            if (post) {
                requireJson(x);
            }
            boolean click = (path.startsWith("/api/articles/")
                            && (query.containsKey("searchId") || query.containsKey("suggested")))
                    || (post && path.endsWith("/impression"));
            Viewer viewer = viewers.apply(new ClientRequest(x, address));
            var caller = new JsonApi.Caller(
                    viewer,
                    visitors.keyOf(client),
                    !click || limits.clicks().acquire(client).isZero());
            return answer(
                    headers,
                    method,
                    path,
                    client,
                    () -> api.route(
                            method, path, query, post ? body.or(() -> Optional.of("")) : Optional.empty(), caller));
        } catch (RuntimeException e) {
            return answer(headers, method, path, client, () -> {
                throw e;
            });
        }
    }

    /** The request as the viewer function sees it: with the client resolved behind trusted proxies. */
    private record ClientRequest(Exchange exchange, InetAddress client) implements WebRequest {
        @Override
        public Optional<String> header(String name) {
            return exchange.header(name);
        }

        @Override
        public <T> Optional<T> unwrap(Class<T> type) {
            return exchange.unwrap(type);
        }
    }

    private static void take(RateLimiter limiter, String client) {
        Duration wait = limiter.acquire(client);
        if (!wait.isZero()) {
            throw ApiException.tooManyRequests(wait);
        }
    }

    /** Runs an endpoint and returns its answer, or the error it threw, as JSON. */
    private Answer answer(
            Map<String, String> headers, String method, String path, String client, Supplier<Object> endpoint) {
        int status = method.equals("POST") ? 201 : 200;
        Object body;
        try {
            body = endpoint.get();
        } catch (ApiException e) {
            status = e.status();
            e.retryAfter().ifPresent(after -> headers.put("Retry-After", Long.toString(after.toSeconds())));
            body = error(status, e.getMessage());
        } catch (NotFoundException e) {
            status = 404;
            body = error(status, e.getMessage());
        } catch (IllegalArgumentException e) {
            // InvalidInputException included: its message names the field and what to change.
            status = 400;
            body = error(status, e.getMessage());
        } catch (RuntimeException e) {
            if (tooLarge(e)) {
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
                        status, "The help site could not answer; try again, and tell the site's owner if it persists");
            }
        }
        return json(headers, status, body);
    }

    /**
     * Whether the server refused a body as too large underneath (Jetty's size limit, say): by name, so that the
     * servlet needs no Jetty class.
     */
    static boolean tooLarge(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (t.getClass().getName().startsWith("org.eclipse.jetty.http.HttpException")
                    && (message.contains("413") || message.contains("too large"))) {
                return true;
            }
        }
        return false;
    }

    private static Answer json(Map<String, String> headers, int status, Object body) {
        headers.put("Content-Type", JSON);
        return new Answer(status, headers, Json.write(body));
    }

    /** POST bodies must be JSON: a form or text/plain post from any page would need no CORS preflight. */
    private static void requireJson(Exchange x) {
        String type = x.header("Content-Type").orElse(null);
        String mime = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!mime.equals("application/json")) {
            throw new ApiException(
                    415,
                    "Send the body as JSON with the header Content-Type: application/json (was "
                            + (type == null ? "none" : "'" + abbreviate(LogText.escape(type)) + "'") + ")");
        }
    }

    /**
     * Decodes a raw query string: {@code +} and percent escapes, strictly as UTF-8 (a malformed one is a 400 that
     * says how to encode). For a repeated name the first value counts.
     */
    static Map<String, String> queryOf(String raw) {
        var map = new HashMap<String, String>();
        if (raw == null || raw.isEmpty()) {
            return map;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            map.putIfAbsent(name, value);
        }
        return map;
    }

    private static String decode(String text) {
        var bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                if (i + 2 >= text.length()) {
                    throw malformedQuery();
                }
                int high = Character.digit(text.charAt(i + 1), 16);
                int low = Character.digit(text.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    throw malformedQuery();
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                byte[] raw = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(raw, 0, raw.length);
            }
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw malformedQuery();
        }
    }

    private static ApiException malformedQuery() {
        return ApiException.badRequest("The query string is malformed (not URL-encoded UTF-8); URL-encode the"
                + " parameters, for example with curl --data-urlencode");
    }

    static String bodyTooLarge() {
        return "The request body is too large: at most " + KbWeb.MAX_BODY_BYTES + " bytes, and a comment or message"
                + " at most " + JsonApi.MAX_COMMENT_LENGTH + " characters";
    }

    /** The JSON body of every error. */
    record ErrorBody(int status, String error, String message) {}

    static ErrorBody error(int status, String message) {
        return new ErrorBody(status, reason(status), message);
    }

    /** The reason phrase of a status the help site answers with. */
    static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 204 -> "No Content";
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 411 -> "Length Required";
            case 413 -> "Payload Too Large";
            case 414 -> "URI Too Long";
            case 415 -> "Unsupported Media Type";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Server Error";
            case 501 -> "Not Implemented";
            case 503 -> "Service Unavailable";
            default -> status >= 500 ? "Server Error" : status >= 400 ? "Bad Request" : "OK";
        };
    }

    static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
