package org.kcskb.transfer.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.kcskb.KbException;
import org.kcskb.KnowledgeBase;
import org.kcskb.actor.Actor;
import org.kcskb.actor.Licence;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.article.CaseId;
import org.kcskb.article.Environment;
import org.kcskb.article.Flag;
import org.kcskb.article.FlagReason;
import org.kcskb.article.Languages;
import org.kcskb.article.LinkType;
import org.kcskb.article.RevisionKind;
import org.kcskb.article.TextFormat;
import org.kcskb.transfer.ArticleImport;
import org.kcskb.transfer.ImportReport;
import org.kcskb.transfer.TransferArticle;
import org.kcskb.transfer.TransferFeedback;
import org.kcskb.transfer.TransferFlag;
import org.kcskb.transfer.TransferLink;
import org.kcskb.transfer.TransferListener;
import org.kcskb.transfer.TransferRevision;

/**
 * The library's article format: JSON lines, one {@link TransferArticle} per line, UTF-8.
 *
 * <p>One line (wrapped here) of an article with two revisions, a case link, a resolved flag, a translation, a vote
 * and its view count:
 *
 * <pre>{@code
 * {"sourceId":"ZD-1042",
 *  "revisions":[
 *   {"title":"Drucker druckt nicht","issue":"Seit dem Update","environment":{"attributes":{"product":"Acme Print"},
 *    "text":"Windows 11"},"resolution":"Treiber neu installieren","language":"de","tags":["drucker"],
 *    "state":"NOT_VALIDATED","audience":"INTERNAL","author":{"id":"alice","licence":"CANDIDATE"},
 *    "at":"2024-05-01T08:00:00Z","kind":"CAPTURED"},
 *   {"title":"Drucker druckt nicht","issue":"Seit dem Update","resolution":"Treiber 4.2 installieren",
 *    "language":"de","state":"VALIDATED","audience":"PUBLIC","author":{"id":"bob","licence":"PUBLISHER"},
 *    "at":"2024-05-03T09:30:00Z","kind":"REVISED","comment":"Version ergänzt"}],
 *  "links":[{"caseId":"CASE-1001","type":"RESOLUTION","revision":1,"linkedBy":"alice",
 *    "linkedAt":"2024-05-01T08:00:00Z"}],
 *  "flags":[{"id":"F-7","reason":"OUTDATED","comment":"Treiber 4.3","raisedBy":"carol",
 *    "raisedAt":"2024-06-01T10:00:00Z","resolution":{"by":"bob","at":"2024-06-02T10:00:00Z","note":"erledigt"}}],
 *  "translations":["ZD-1043"],
 *  "feedback":[{"id":"4f1c","helpful":true,"comment":"Danke!","givenBy":"public","givenAt":"2024-06-03T12:00:00Z"}],
 *  "views":42}
 * }</pre>
 *
 * <ul>
 *   <li>{@code sourceId} (required): the article's id in the system it comes from, 1 to 256 characters, compared
 *       exactly; importing the same source id again updates that article instead of creating another.
 *   <li>{@code revisions} (required, at least one, oldest first; the last is the current state). Each has {@code
 *       title} and {@code issue} (required), {@code environment} ({@code attributes}: lower-case keys such as
 *       {@code product}, {@code version}, {@code component}, and {@code text}), {@code resolution}, {@code cause},
 *       {@code language} (a BCP 47 tag; {@code und} or absent: detected on import when a detector is installed),
 *       {@code tags}, {@code state} ({@code WORK_IN_PROGRESS}, {@code NOT_VALIDATED} (default), {@code VALIDATED},
 *       {@code ARCHIVED}), {@code audience} ({@code INTERNAL} (default), {@code PARTNER}, {@code PUBLIC}), {@code
 *       mergedInto} (the source id of the surviving article), {@code author} (required: {@code {"id":...,
 *       "licence":...}} with a licence of {@code CANDIDATE} (default), {@code CONTRIBUTOR}, {@code PUBLISHER} or
 *       {@code ADMINISTRATOR}, or just the id as a string), {@code at} (required, ISO-8601 instant such as {@code
 *       2024-05-01T08:00:00Z}; kept to the microsecond), {@code kind} ({@code CAPTURED}, the default for the first,
 *       {@code REVISED}, the default for the others, {@code STATE_CHANGED}, {@code AUDIENCE_CHANGED}, {@code
 *       MERGED}), {@code comment}, and {@code format} ({@code PLAIN}, the default, or {@code MARKDOWN}: how the
 *       issue, resolution, cause and environment text are written, see {@link TextFormat}).
 *   <li>{@code links}: {@code caseId} and {@code linkedBy} and {@code linkedAt} (required), {@code type} ({@code
 *       RESOLUTION} or {@code REFERENCE}, the default), {@code revision} (the revision delivered, default 1).
 *   <li>{@code flags}: {@code reason} ({@code INCORRECT}, {@code OUTDATED}, {@code INCOMPLETE}, {@code DUPLICATE},
 *       {@code UNCLEAR}), {@code raisedBy}, {@code raisedAt} (required), {@code comment}, {@code resolution}
 *       ({@code by}, {@code at}, {@code note}), and {@code id}: give the source system's flag id; without one, an id
 *       is derived from the source id, time, author and reason, so a re-run does not duplicate the flag.
 *   <li>{@code translations}: the source ids of the article's translations (other languages).
 *   <li>{@code feedback}: self-service votes, oldest first: {@code helpful} ({@code true} or {@code false}) and
 *       {@code givenAt} (required), {@code comment}, {@code givenBy} (a viewer id; default {@code public}, an
 *       anonymous visitor), and {@code id}: without one, an id is derived from the source id, time, voter, vote and
 *       comment, so a re-run does not count the vote twice.
 *   <li>{@code views}: how often the article was viewed (default 0). An import raises the article's count to it and
 *       never lowers it, so a re-run adds nothing.
 * </ul>
 *
 * <p>An unknown field fails its line (so that a misspelt {@code "titel"} is not silently dropped); blank lines are
 * skipped. {@link #write} writes every field in the order above and leaves out empty text, empty lists and absent
 * values, so that an export read back and written again gives the same bytes. Thread-safe (no state).
 */
public final class ArticleJsonLines {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private static final Set<String> ARTICLE_FIELDS =
            Set.of("sourceId", "revisions", "links", "flags", "translations", "feedback", "views");
    private static final Set<String> REVISION_FIELDS = Set.of(
            "title",
            "issue",
            "environment",
            "resolution",
            "cause",
            "language",
            "tags",
            "state",
            "audience",
            "mergedInto",
            "author",
            "at",
            "kind",
            "comment",
            "format");
    private static final Set<String> ENVIRONMENT_FIELDS = Set.of("attributes", "text");
    private static final Set<String> AUTHOR_FIELDS = Set.of("id", "licence");
    private static final Set<String> LINK_FIELDS = Set.of("caseId", "type", "revision", "linkedBy", "linkedAt");
    private static final Set<String> FLAG_FIELDS =
            Set.of("id", "reason", "comment", "raisedBy", "raisedAt", "resolution");
    private static final Set<String> RESOLUTION_FIELDS = Set.of("by", "at", "note");
    private static final Set<String> FEEDBACK_FIELDS = Set.of("id", "helpful", "comment", "givenBy", "givenAt");
    private static final Set<String> FORMATS = Set.of("PLAIN", "MARKDOWN");

    private ArticleJsonLines() {}

    /**
     * Reads JSON lines from {@code in} into {@code run}, line by line (a file of any size in bounded memory), and
     * returns the report of {@link ArticleImport#finish()}. A line that is not JSON, or not an article, is handed to
     * {@link ArticleImport#reject} with its line number and the reason; the others to {@link ArticleImport#add}.
     *
     * @throws UncheckedIOException if reading fails (what was imported so far stays; the import can be re-run)
     */
    public static ImportReport read(Reader in, ArticleImport run) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(run, "run");
        BufferedReader lines = in instanceof BufferedReader b ? b : new BufferedReader(in, 1 << 16);
        long number = 0;
        try {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                TransferArticle article;
                try {
                    article = parse(line);
                } catch (InvalidLineException e) {
                    run.reject(number, e.getMessage());
                    continue;
                }
                run.add(number, article);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Reading the import failed after line " + number, e);
        }
        return run.finish();
    }

    /**
     * Parses one line.
     *
     * @throws InvalidLineException naming the field and what was wrong with it
     */
    public static TransferArticle parse(String line) {
        Objects.requireNonNull(line, "line");
        JsonNode root;
        try {
            root = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new InvalidLineException("not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidLineException("a line must be one JSON object, {\"sourceId\":...,\"revisions\":[...]}");
        }
        try {
            return article(root);
        } catch (InvalidLineException e) {
            throw e;
        } catch (IllegalArgumentException | KbException | DateTimeParseException e) {
            throw new InvalidLineException(e.getMessage());
        }
    }

    private static TransferArticle article(JsonNode node) {
        checkFields("article", node, ARTICLE_FIELDS);
        String sourceId = text(node, "sourceId", "sourceId", null);
        var revisions = new ArrayList<TransferRevision>();
        int i = 0;
        for (JsonNode r : array(node, "revisions")) {
            revisions.add(revision(r, "revisions[" + i + "]", i));
            i++;
        }
        var links = new ArrayList<TransferLink>();
        i = 0;
        for (JsonNode l : array(node, "links")) {
            links.add(link(l, "links[" + i++ + "]"));
        }
        var flags = new ArrayList<TransferFlag>();
        i = 0;
        for (JsonNode f : array(node, "flags")) {
            flags.add(flag(f, "flags[" + i++ + "]", sourceId));
        }
        var translations = new ArrayList<String>();
        i = 0;
        for (JsonNode t : array(node, "translations")) {
            translations.add(textValue(t, "translations[" + i++ + "]"));
        }
        var feedback = new ArrayList<TransferFeedback>();
        var derived = new HashMap<String, Integer>();
        i = 0;
        for (JsonNode f : array(node, "feedback")) {
            feedback.add(feedback(f, "feedback[" + i++ + "]", sourceId, derived));
        }
        return new TransferArticle(sourceId, revisions, links, flags, translations, feedback, views(node));
    }

    private static TransferRevision revision(JsonNode node, String path, int index) {
        requireObject(node, path);
        checkFields(path, node, REVISION_FIELDS);
        Environment environment = Environment.empty();
        JsonNode env = node.get("environment");
        if (env != null && !env.isNull()) {
            requireObject(env, path + ".environment");
            checkFields(path + ".environment", env, ENVIRONMENT_FIELDS);
            var attributes = new LinkedHashMap<String, String>();
            JsonNode attrs = env.get("attributes");
            if (attrs != null && !attrs.isNull()) {
                requireObject(attrs, path + ".environment.attributes");
                for (Iterator<Map.Entry<String, JsonNode>> it = attrs.fields(); it.hasNext(); ) {
                    var e = it.next();
                    attributes.put(e.getKey(), textValue(e.getValue(), path + ".environment.attributes." + e.getKey()));
                }
            }
            environment = new Environment(attributes, text(env, "text", path + ".environment.text", ""));
        }
        var tags = new java.util.LinkedHashSet<String>();
        int i = 0;
        for (JsonNode tag : array(node, "tags")) {
            tags.add(textValue(tag, path + ".tags[" + i++ + "]"));
        }
        String format = text(node, "format", path + ".format", "PLAIN");
        if (!FORMATS.contains(format)) {
            throw new InvalidLineException(path + ".format: '" + format + "' is not a format; use PLAIN or MARKDOWN");
        }
        var content = new ArticleContent(
                        text(node, "title", path + ".title", null),
                        text(node, "issue", path + ".issue", null),
                        environment,
                        text(node, "resolution", path + ".resolution", ""),
                        text(node, "cause", path + ".cause", ""),
                        Languages.parse(text(node, "language", path + ".language", "und")),
                        tags)
                .withFormat(TextFormat.valueOf(format));
        return new TransferRevision(
                content,
                constant(node, "state", path, ArticleState.class, ArticleState.NOT_VALIDATED),
                constant(node, "audience", path, Audience.class, Audience.INTERNAL),
                Optional.ofNullable(text(node, "mergedInto", path + ".mergedInto", ""))
                        .filter(s -> !s.isEmpty()),
                author(node.get("author"), path + ".author"),
                instant(node, "at", path),
                constant(
                        node,
                        "kind",
                        path,
                        RevisionKind.class,
                        index == 0 ? RevisionKind.CAPTURED : RevisionKind.REVISED),
                text(node, "comment", path + ".comment", ""));
    }

    private static Actor author(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            throw new InvalidLineException(
                    path + " is missing: give {\"id\":\"alice\",\"licence\":\"PUBLISHER\"} or" + " \"alice\"");
        }
        if (node.isTextual()) {
            return new Actor(node.asText(), Licence.CANDIDATE);
        }
        requireObject(node, path);
        checkFields(path, node, AUTHOR_FIELDS);
        return new Actor(
                text(node, "id", path + ".id", null),
                constant(node, "licence", path, Licence.class, Licence.CANDIDATE));
    }

    private static TransferLink link(JsonNode node, String path) {
        requireObject(node, path);
        checkFields(path, node, LINK_FIELDS);
        JsonNode revision = node.get("revision");
        if (revision != null && !revision.isNull() && !revision.canConvertToInt()) {
            throw new InvalidLineException(path + ".revision: '" + revision + "' is not a revision number");
        }
        return new TransferLink(
                CaseId.of(text(node, "caseId", path + ".caseId", null)),
                constant(node, "type", path, LinkType.class, LinkType.REFERENCE),
                revision == null || revision.isNull() ? 1 : revision.intValue(),
                text(node, "linkedBy", path + ".linkedBy", null),
                instant(node, "linkedAt", path));
    }

    private static TransferFlag flag(JsonNode node, String path, String sourceId) {
        requireObject(node, path);
        checkFields(path, node, FLAG_FIELDS);
        FlagReason reason = constant(node, "reason", path, FlagReason.class, null);
        String raisedBy = text(node, "raisedBy", path + ".raisedBy", null);
        Instant raisedAt = instant(node, "raisedAt", path);
        Optional<Flag.Resolution> resolution = Optional.empty();
        JsonNode res = node.get("resolution");
        if (res != null && !res.isNull()) {
            requireObject(res, path + ".resolution");
            checkFields(path + ".resolution", res, RESOLUTION_FIELDS);
            resolution = Optional.of(new Flag.Resolution(
                    text(res, "by", path + ".resolution.by", null),
                    instant(res, "at", path + ".resolution"),
                    text(res, "note", path + ".resolution.note", "")));
        }
        String id = text(node, "id", path + ".id", "");
        if (id.isEmpty()) {
            // Stable across runs, so that importing the same file again finds the flag instead of adding another.
            id = UUID.nameUUIDFromBytes((sourceId + "\n" + raisedAt + "\n" + raisedBy + "\n" + reason)
                            .getBytes(StandardCharsets.UTF_8))
                    .toString();
        }
        return new TransferFlag(
                id, reason, text(node, "comment", path + ".comment", ""), raisedBy, raisedAt, resolution);
    }

    /** A vote; {@code derived} counts the votes seen so far without an id, by what their derived id is made of. */
    private static TransferFeedback feedback(
            JsonNode node, String path, String sourceId, Map<String, Integer> derived) {
        requireObject(node, path);
        checkFields(path, node, FEEDBACK_FIELDS);
        JsonNode helpful = node.get("helpful");
        if (helpful == null || !helpful.isBoolean()) {
            throw new InvalidLineException(
                    path + ".helpful must be true or false, was " + (helpful == null ? "missing" : helpful.toString()));
        }
        String comment = text(node, "comment", path + ".comment", "");
        String givenBy = text(node, "givenBy", path + ".givenBy", "public");
        Instant givenAt = instant(node, "givenAt", path);
        String id = text(node, "id", path + ".id", "");
        if (id.isEmpty()) {
            // Stable across runs, so that importing the same file again finds the vote instead of adding another;
            // equal votes (two anonymous "helpful" at one time) are told apart by their order.
            String key = sourceId + "\n" + givenAt + "\n" + givenBy + "\n" + helpful.booleanValue() + "\n" + comment;
            int occurrence = derived.merge(key, 1, Integer::sum);
            id = UUID.nameUUIDFromBytes((key + "\n" + occurrence).getBytes(StandardCharsets.UTF_8))
                    .toString();
        }
        return new TransferFeedback(id, helpful.booleanValue(), comment, givenBy, givenAt);
    }

    private static long views(JsonNode node) {
        JsonNode views = node.get("views");
        if (views == null || views.isNull()) {
            return 0;
        }
        if (!views.canConvertToLong() || !views.isIntegralNumber() || views.longValue() < 0) {
            throw new InvalidLineException(
                    "views: '" + views + "' is not a view count; give a whole number, 0 or more");
        }
        return views.longValue();
    }

    // ---- Field helpers ------------------------------------------------------------------------------------------

    private static void requireObject(JsonNode node, String path) {
        if (!node.isObject()) {
            throw new InvalidLineException(path + " must be a JSON object, was " + node.getNodeType());
        }
    }

    private static void checkFields(String path, JsonNode node, Set<String> known) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new InvalidLineException("unknown field '" + name + "' in " + path + "; the fields are "
                        + known.stream().sorted().toList());
            }
        }
    }

    private static Iterable<JsonNode> array(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new InvalidLineException(field + " must be a JSON array, was " + value.getNodeType());
        }
        return value;
    }

    /** A text field; {@code fallback} null means required. */
    private static String text(JsonNode node, String field, String path, String fallback) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (fallback == null) {
                throw new InvalidLineException(path + " is missing");
            }
            return fallback;
        }
        return textValue(value, path);
    }

    private static String textValue(JsonNode value, String path) {
        if (!value.isTextual()) {
            throw new InvalidLineException(path + " must be a string, was " + value.getNodeType() + " " + value);
        }
        return value.textValue();
    }

    private static Instant instant(JsonNode node, String field, String path) {
        String text = text(node, field, path + "." + field, null);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidLineException(path + "." + field + ": '" + text
                    + "' is not an ISO-8601 instant; write it in UTC such as 2024-05-01T08:00:00Z");
        }
    }

    private static <E extends Enum<E>> E constant(JsonNode node, String field, String path, Class<E> type, E fallback) {
        String text = text(node, field, path + "." + field, fallback == null ? null : fallback.name());
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException e) {
            var valid = new ArrayList<String>();
            for (E constant : type.getEnumConstants()) {
                valid.add(constant.name());
            }
            throw new InvalidLineException(
                    path + "." + field + ": '" + text + "' is not a " + field + "; use one of " + valid);
        }
    }

    // ---- Writing ------------------------------------------------------------------------------------------------

    /**
     * Writes every article of {@code kb} to {@code out}, one line each, in source-id order (see {@link
     * KnowledgeBase#exportArticles}), and returns how many. Does not close {@code out}.
     *
     * @throws UncheckedIOException if writing fails
     */
    public static long write(KnowledgeBase kb, Writer out, TransferListener listener) {
        Objects.requireNonNull(kb, "kb");
        Objects.requireNonNull(out, "out");
        long count = kb.exportArticles(
                article -> {
                    try {
                        out.write(format(article));
                        out.write('\n');
                    } catch (IOException e) {
                        throw new UncheckedIOException("Writing the export failed at " + article.sourceId(), e);
                    }
                },
                listener);
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("Writing the export failed at the end", e);
        }
        return count;
    }

    /** Formats one article as a line (without the line break). */
    public static String format(TransferArticle article) {
        var text = new StringWriter(512);
        try (JsonGenerator g = FACTORY.createGenerator(text)) {
            g.writeStartObject();
            g.writeStringField("sourceId", article.sourceId());
            g.writeArrayFieldStart("revisions");
            for (TransferRevision r : article.revisions()) {
                writeRevision(g, r);
            }
            g.writeEndArray();
            if (!article.links().isEmpty()) {
                g.writeArrayFieldStart("links");
                for (TransferLink l : article.links()) {
                    g.writeStartObject();
                    g.writeStringField("caseId", l.caseId().value());
                    g.writeStringField("type", l.type().name());
                    g.writeNumberField("revision", l.pinnedRevision());
                    g.writeStringField("linkedBy", l.linkedBy());
                    g.writeStringField("linkedAt", l.linkedAt().toString());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            if (!article.flags().isEmpty()) {
                g.writeArrayFieldStart("flags");
                for (TransferFlag f : article.flags()) {
                    g.writeStartObject();
                    g.writeStringField("id", f.id());
                    g.writeStringField("reason", f.reason().name());
                    optional(g, "comment", f.comment());
                    g.writeStringField("raisedBy", f.raisedBy());
                    g.writeStringField("raisedAt", f.raisedAt().toString());
                    if (f.resolution().isPresent()) {
                        Flag.Resolution res = f.resolution().get();
                        g.writeObjectFieldStart("resolution");
                        g.writeStringField("by", res.resolvedBy());
                        g.writeStringField("at", res.resolvedAt().toString());
                        optional(g, "note", res.note());
                        g.writeEndObject();
                    }
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            if (!article.translations().isEmpty()) {
                g.writeArrayFieldStart("translations");
                for (String t : article.translations()) {
                    g.writeString(t);
                }
                g.writeEndArray();
            }
            if (!article.feedback().isEmpty()) {
                g.writeArrayFieldStart("feedback");
                for (TransferFeedback f : article.feedback()) {
                    g.writeStartObject();
                    g.writeStringField("id", f.id());
                    g.writeBooleanField("helpful", f.helpful());
                    optional(g, "comment", f.comment());
                    g.writeStringField("givenBy", f.givenBy());
                    g.writeStringField("givenAt", f.givenAt().toString());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            if (article.views() > 0) {
                g.writeNumberField("views", article.views());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static void writeRevision(JsonGenerator g, TransferRevision r) throws IOException {
        ArticleContent c = r.content();
        g.writeStartObject();
        g.writeStringField("title", c.title());
        g.writeStringField("issue", c.issue());
        if (!c.environment().isEmpty()) {
            g.writeObjectFieldStart("environment");
            if (!c.environment().attributes().isEmpty()) {
                g.writeObjectFieldStart("attributes");
                for (var e : c.environment().attributes().entrySet()) {
                    g.writeStringField(e.getKey(), e.getValue());
                }
                g.writeEndObject();
            }
            optional(g, "text", c.environment().text());
            g.writeEndObject();
        }
        optional(g, "resolution", c.resolution());
        optional(g, "cause", c.cause());
        g.writeStringField("language", Languages.tag(c.language()));
        if (c.format() != TextFormat.PLAIN) {
            g.writeStringField("format", c.format().name());
        }
        if (!c.tags().isEmpty()) {
            g.writeArrayFieldStart("tags");
            for (String tag : c.tags()) {
                g.writeString(tag);
            }
            g.writeEndArray();
        }
        g.writeStringField("state", r.state().name());
        g.writeStringField("audience", r.audience().name());
        if (r.mergedInto().isPresent()) {
            g.writeStringField("mergedInto", r.mergedInto().get());
        }
        g.writeObjectFieldStart("author");
        g.writeStringField("id", r.author().id());
        g.writeStringField("licence", r.author().licence().name());
        g.writeEndObject();
        g.writeStringField("at", r.at().toString());
        g.writeStringField("kind", r.kind().name());
        optional(g, "comment", r.comment());
        g.writeEndObject();
    }

    private static void optional(JsonGenerator g, String field, String value) throws IOException {
        if (!value.isEmpty()) {
            g.writeStringField(field, value);
        }
    }

    /** A line that is not an article of this format; the message names the field and says what is expected. */
    public static final class InvalidLineException extends IllegalArgumentException {
        InvalidLineException(String message) {
            super(message);
        }
    }
}
