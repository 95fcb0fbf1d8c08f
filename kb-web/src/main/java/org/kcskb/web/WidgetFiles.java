package org.kcskb.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.kcskb.index.analysis.KbLanguages;

/**
 * The widget's files, served from the jar's WebJar directory {@code META-INF/resources/webjars/kb-web/<version>/}:
 * its script and stylesheet, and its message bundles merged with the host's.
 *
 * <p>A bundle for a language is the jar's {@code messages/en.json}, overlaid key by key with the jar's bundle of
 * that language, then with the host's {@code <lang>.json} files: a translation that lacks a key shows the English
 * text, and adding a language is adding a file. Each bundle also names, under {@code "$searchLanguages"}, the
 * languages the search analyses, so that the widget sends {@code lang} only for one of them. Thread-safe.
 */
final class WidgetFiles {
    /** The version of this jar, filtered into kb-web.properties by the build. */
    static final String VERSION = loadVersion();

    static final String ROOT = "/META-INF/resources/webjars/kb-web/" + VERSION + "/";
    private static final String VERSIONED = "/webjars/kb-web/" + VERSION;
    private static final Pattern BUNDLE = Pattern.compile("/messages/([a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?)\\.json");
    private static final String IMMUTABLE = "public, max-age=31536000, immutable";
    private static final String REVALIDATE = "no-cache";
    /** The largest message bundle a host may put in its directory. */
    static final int MAX_BUNDLE_BYTES = 64 * 1024;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One file to send. */
    record File(String contentType, String cacheControl, byte[] bytes) {}

    private final byte[] script = resource("kb-widget.js").orElseThrow(() -> missing("kb-widget.js"));
    private final byte[] stylesheet = resource("kb-widget.css").orElseThrow(() -> missing("kb-widget.css"));
    /**
     * The jar's bundles read so far. Only bundles the jar has are kept: the language comes from the request, so
     * remembering misses would let a client grow this map with every tag it makes up.
     */
    private final Map<String, JsonNode> jarBundles = new ConcurrentHashMap<>();

    /** The host's bundles as last read, by file; see {@link #hostBundle}. */
    private final Map<Path, HostBundle> hostBundles = new ConcurrentHashMap<>();

    private final List<Path> hostDirectories;

    WidgetFiles(List<Path> hostDirectories) {
        this.hostDirectories = List.copyOf(hostDirectories);
        if (jarBundle("en").isEmpty()) {
            throw missing("messages/en.json");
        }
    }

    /** The file at {@code path} (relative to the base path), if it is one of the widget's. */
    Optional<File> file(String path) {
        boolean versioned = path.startsWith(VERSIONED + "/");
        String name = versioned ? path.substring(VERSIONED.length()) : path;
        String cache = versioned ? IMMUTABLE : REVALIDATE;
        if (name.equals("/kb-widget.js")) {
            return Optional.of(new File("text/javascript; charset=utf-8", cache, script));
        }
        if (name.equals("/kb-widget.css")) {
            return Optional.of(new File("text/css; charset=utf-8", cache, stylesheet));
        }
        Matcher bundle = BUNDLE.matcher(name);
        if (bundle.matches()) {
            // Bundles may change with the host's files: always revalidated.
            return bundle(bundle.group(1)).map(json -> new File(Dispatcher.JSON, REVALIDATE, json));
        }
        return Optional.empty();
    }

    /** The merged bundle of {@code language}, or empty when neither the jar nor the host has one. */
    Optional<byte[]> bundle(String language) {
        ObjectNode merged = ((ObjectNode) jarBundle("en").orElseThrow()).deepCopy();
        boolean found = language.equals("en");
        Optional<JsonNode> jar = language.equals("en") ? Optional.empty() : jarBundle(language);
        if (jar.isPresent()) {
            merged.setAll((ObjectNode) jar.get());
            found = true;
        }
        for (Path directory : hostDirectories) {
            Optional<JsonNode> host = hostBundle(directory.resolve(language + ".json"));
            if (host.isPresent()) {
                merged.setAll((ObjectNode) host.get());
                found = true;
            }
        }
        if (!found) {
            return Optional.empty();
        }
        var languages = merged.putArray("$searchLanguages");
        KbLanguages.keys().forEach(languages::add);
        merged.put("$language", language);
        return Optional.of(Json.write(merged));
    }

    private Optional<JsonNode> jarBundle(String language) {
        JsonNode cached = jarBundles.get(language);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<JsonNode> read = resource("messages/" + language + ".json")
                .map(bytes -> parse(bytes, "the jar's messages/" + language + ".json"));
        read.ifPresent(bundle -> jarBundles.putIfAbsent(language, bundle));
        return read;
    }

    /** How many of the jar's bundles are held in memory (at most one per bundle the jar has). */
    int cachedJarBundles() {
        return jarBundles.size();
    }

    /**
     * The host's bundle {@code file}, read again only when its modification time or size changed: a host edits its
     * texts while the site runs, and a request should cost a file-system lookup, not a read and a parse.
     */
    private Optional<JsonNode> hostBundle(Path file) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            hostBundles.remove(file);
            return Optional.empty();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the message bundle " + file + ": " + e.getMessage(), e);
        }
        if (!attributes.isRegularFile()) {
            hostBundles.remove(file);
            return Optional.empty();
        }
        HostBundle cached = hostBundles.get(file);
        if (cached != null && cached.isCurrent(attributes)) {
            return Optional.of(cached.json());
        }
        if (attributes.size() > MAX_BUNDLE_BYTES) {
            throw new IllegalStateException("The message bundle " + file + " is larger than " + MAX_BUNDLE_BYTES
                    + " bytes; a widget's texts fit in a few KiB");
        }
        try {
            JsonNode json = parse(Files.readAllBytes(file), file.toString());
            // Only files that exist are kept: at most one entry per file in the host's directories.
            hostBundles.put(file, new HostBundle(attributes.lastModifiedTime(), attributes.size(), json));
            return Optional.of(json);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the message bundle " + file + ": " + e.getMessage(), e);
        }
    }

    /** How many of the host's bundles are held in memory (at most one per file in its directories). */
    int cachedHostBundles() {
        return hostBundles.size();
    }

    /** A host bundle as read, with the modification time and size of the file it was read from. */
    private record HostBundle(FileTime modified, long size, JsonNode json) {
        boolean isCurrent(BasicFileAttributes attributes) {
            return modified.equals(attributes.lastModifiedTime()) && size == attributes.size();
        }
    }

    /** A bundle: a JSON object whose values are strings. */
    static JsonNode parse(byte[] bytes, String source) {
        JsonNode json;
        try {
            json = MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "The message bundle " + source + " is not valid JSON: " + e.getMessage(), e);
        }
        if (json == null || !json.isObject()) {
            throw new IllegalStateException("The message bundle " + source
                    + " must be a JSON object of text keys, for example {\"label\": \"How can we help?\"}");
        }
        json.properties().forEach(entry -> {
            if (!entry.getValue().isTextual()) {
                throw new IllegalStateException("The message bundle " + source + " has a "
                        + entry.getValue().getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " under \""
                        + entry.getKey()
                        + "\"; every value must be a string (placeholders like {n} are filled in by the widget)");
            }
        });
        return json;
    }

    private static Optional<byte[]> resource(String name) {
        try (InputStream in = WidgetFiles.class.getResourceAsStream(ROOT + name)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the widget file " + name + ": " + e.getMessage(), e);
        }
    }

    private static IllegalStateException missing(String name) {
        return new IllegalStateException("The widget file " + ROOT + name
                + " is missing from the class path; the kb-web jar is incomplete (rebuild it)");
    }

    /** Answers shorter than this are sent as they are: gzip would save a few bytes and cost a header. */
    static final int MIN_COMPRESSED_BYTES = 512;

    /**
     * The answer as it is sent to a client that says {@code acceptEncoding}: gzip-compressed when it is text (the
     * widget's script, stylesheet and bundles, or JSON), at least {@link #MIN_COMPRESSED_BYTES} long, and the
     * client accepts gzip. Such answers that a cache may keep say {@code Vary: Accept-Encoding}, so that it keeps both
     * forms.
     * The script and stylesheet shrink to about a quarter; a page of results to about a third.
     */
    static Dispatcher.Answer compressed(Dispatcher.Answer answer, String acceptEncoding) {
        String type = answer.headers().getOrDefault("Content-Type", "");
        boolean text = type.startsWith("text/") || type.startsWith("application/json");
        if (!text || answer.headers().containsKey("Content-Encoding")) {
            return answer;
        }
        var headers = new LinkedHashMap<>(answer.headers());
        if (!"no-store".equals(headers.get("Cache-Control"))) {
            // What no cache stores (the API's answers) needs no Vary for the encoding.
            headers.merge("Vary", "Accept-Encoding", (old, added) -> old + ", " + added);
        }
        if (answer.body().length < MIN_COMPRESSED_BYTES || !acceptsGzip(acceptEncoding)) {
            return new Dispatcher.Answer(answer.status(), headers, answer.body());
        }
        headers.put("Content-Encoding", "gzip");
        return new Dispatcher.Answer(answer.status(), headers, gzip(answer.body()));
    }

    /** Whether an Accept-Encoding header allows gzip ({@code gzip} or {@code *} without {@code q=0}). */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String part : acceptEncoding.split(",")) {
            String[] fields = part.split(";");
            String coding = fields[0].trim().toLowerCase(Locale.ROOT);
            if (!coding.equals("gzip") && !coding.equals("x-gzip") && !coding.equals("*")) {
                continue;
            }
            boolean refused = false;
            for (int i = 1; i < fields.length; i++) {
                String parameter = fields[i].trim().toLowerCase(Locale.ROOT).replace(" ", "");
                if (parameter.matches("q=0(\\.0{0,3})?")) {
                    refused = true;
                }
            }
            if (!refused) {
                return true;
            }
        }
        return false;
    }

    static byte[] gzip(byte[] bytes) {
        var out = new ByteArrayOutputStream(bytes.length / 3 + 64);
        try (var zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot compress an answer in memory: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private static String loadVersion() {
        try (InputStream in = WidgetFiles.class.getResourceAsStream("kb-web.properties")) {
            if (in == null) {
                throw new IllegalStateException("kb-web.properties is missing; the kb-web jar is incomplete");
            }
            var properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read kb-web.properties: " + e.getMessage(), e);
        }
    }
}
