package org.kcskb.examples;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.kcskb.Draft;
import org.kcskb.KbException;
import org.kcskb.KnowledgeBase;
import org.kcskb.actor.Actor;
import org.kcskb.actor.Viewer;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleId;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.article.CaseId;
import org.kcskb.article.Environment;
import org.kcskb.article.Flag;
import org.kcskb.article.FlagReason;
import org.kcskb.article.Languages;
import org.kcskb.article.LinkType;
import org.kcskb.article.TextFormat;

/**
 * A bilingual sample knowledge base of the fictional vendor Acme, for demos and for trying search on real-looking
 * support content.
 *
 * <p>The sample holds some 70 KCS articles, roughly half German and half English, on Acme Print, Acme VPN, Acme Billing,
 * Acme Mail and Acme Desk, in every state and audience, with case links, open and resolved flags, self-service
 * feedback and merged duplicates. It is read from {@value #RESOURCE} next to this class; the format is described at
 * the top of that file. Load it on first start:
 *
 * <pre>{@code
 * try (KnowledgeBase kb = KnowledgeBase.builder().store(ArticleStores.inMemory()).build()) {
 *     SampleKnowledgeBase.Summary summary = SampleKnowledgeBase.loadIfEmpty(kb);
 *     kb.awaitSearchable(Duration.ofSeconds(30));
 *     kb.search(SearchRequest.of("druckertreiber update", Viewer.anonymous()));
 * }
 * }</pre>
 *
 * <p>Stateless and thread-safe, but load into one knowledge base from one thread only: two loaders started at
 * the same time can both find it empty.
 */
public final class SampleKnowledgeBase {

    /**
     * Terms that occur only in {@link Audience#INTERNAL INTERNAL} sample articles, and no word of which occurs in
     * a {@code PARTNER} or {@code PUBLIC} one: partners and the public must never find anything with them.
     */
    public static final List<String> INTERNAL_ONLY_TERMS =
            List.of("Registrierungsschlüssel", "Kulanzgutschrift", "debug flag", "impersonation");

    static final String RESOURCE = "sample-kb.txt";

    /** The first id the shipped stores allocate; see {@link #isEmpty}. */
    private static final ArticleId FIRST_SHIPPED_ID = ArticleId.of("KB-1");

    // Each step is done by the lowest licence the KCS lifecycle policy accepts for it: candidates capture, link
    // and flag; a contributor validates, resolves flags and archives internal articles; a publisher publishes and
    // archives or merges published ones.
    private static final String DEFAULT_AUTHOR = "agent-7";
    private static final Actor COACH = Actor.contributor("coach-eva");
    private static final Actor PUBLISHER = Actor.publisher("pub-kim");

    private SampleKnowledgeBase() {}

    /**
     * What {@link #loadIfEmpty} did.
     *
     * @param articles the id of every loaded article by its key in the sample file, in file order; empty when
     *     nothing was loaded
     * @param links case links made, including those of articles captured from a case
     * @param flags flags raised, open or resolved
     * @param feedback self-service feedback entries given
     * @param merges duplicates merged into a surviving article
     */
    public record Summary(Map<String, ArticleId> articles, int links, int flags, int feedback, int merges) {
        public Summary {
            articles = Collections.unmodifiableMap(new LinkedHashMap<>(articles));
        }

        /** Returns whether the sample was loaded. */
        public boolean loaded() {
            return !articles.isEmpty();
        }
    }

    /**
     * Loads the sample into {@code kb} if it holds no articles yet, through the public API only.
     *
     * <p>Takes a few hundred writes; call {@link KnowledgeBase#awaitSearchable} before searching the sample.
     * Whether the knowledge base is empty is decided from the store, without the search index: it is empty when
     * it has no article {@code KB-1} (the shipped stores number articles from there and allocate an id only after
     * a write passed every check) and the sample's first case has no links (for stores that number articles
     * differently).
     *
     * @return what was loaded; {@link Summary#loaded()} is false when the knowledge base already had articles
     * @throws KbException if the knowledge base refuses or cannot store a sample article (a stricter lifecycle
     *     policy or content standard, say); the message names the article's key and line
     * @throws IllegalArgumentException if a sample article exceeds the knowledge base's input limits
     */
    public static Summary loadIfEmpty(KnowledgeBase kb) {
        Objects.requireNonNull(kb, "kb");
        List<SampleArticle> sample = read();
        if (!isEmpty(kb, sample.getFirst())) {
            return new Summary(Map.of(), 0, 0, 0, 0);
        }
        var ids = new LinkedHashMap<String, ArticleId>();
        for (SampleArticle article : sample) {
            ids.put(article.key(), attempt(article, () -> write(kb, article)));
        }
        // Merges come last: a survivor may stand later in the file than its duplicate.
        for (SampleArticle article : sample) {
            if (!article.mergedInto().isEmpty()) {
                attempt(
                        article,
                        () -> kb.merge(
                                editorFor(article.audience()), ids.get(article.key()), ids.get(article.mergedInto())));
            }
        }
        return new Summary(
                ids,
                sum(sample, a -> a.links().size() + (a.fromCase().isPresent() ? 1 : 0)),
                sum(sample, a -> a.flags().size()),
                sum(sample, a -> a.feedback().size()),
                sum(sample, a -> a.mergedInto().isEmpty() ? 0 : 1));
    }

    private static boolean isEmpty(KnowledgeBase kb, SampleArticle first) {
        // KnowledgeBase has no article count and its search ignores empty query text, so ask the store directly.
        boolean sampleLoaded = first.fromCase().map(c -> !kb.links(c).isEmpty()).orElse(false);
        return !sampleLoaded && kb.article(FIRST_SHIPPED_ID).isEmpty();
    }

    /** Captures one article and replays its history up to its final state; merges are done by the caller. */
    private static ArticleId write(KnowledgeBase kb, SampleArticle sample) {
        Actor author = Actor.candidate(sample.author());
        ArticleState capturedAs = sample.state() == ArticleState.WORK_IN_PROGRESS
                ? ArticleState.WORK_IN_PROGRESS
                : ArticleState.NOT_VALIDATED;
        Draft draft = Draft.of(sample.content()).withState(capturedAs);
        Article article =
                kb.capture(author, sample.fromCase().map(draft::fromCase).orElse(draft));
        ArticleId id = article.id();
        for (Reuse reuse : sample.links()) {
            kb.link(author, id, reuse.caseId(), reuse.type());
        }
        for (SampleFlag sampleFlag : sample.flags()) {
            Flag flag = kb.flag(author, id, sampleFlag.reason(), sampleFlag.comment());
            if (!sampleFlag.resolution().isEmpty()) {
                kb.resolveFlag(COACH, flag.id(), sampleFlag.resolution());
            }
        }
        boolean retired =
                sample.state() == ArticleState.ARCHIVED && sample.mergedInto().isEmpty();
        if (sample.state() == ArticleState.VALIDATED || retired) {
            article = kb.transition(COACH, id, article.revision(), ArticleState.VALIDATED);
        }
        if (sample.audience() != Audience.INTERNAL) {
            article = kb.publish(PUBLISHER, id, article.revision(), sample.audience());
        }
        for (SampleFeedback feedback : sample.feedback()) {
            kb.feedback(Viewer.anonymous(), id, feedback.helpful(), feedback.comment());
        }
        if (retired) {
            kb.transition(editorFor(sample.audience()), id, article.revision(), ArticleState.ARCHIVED);
        }
        return id;
    }

    private static Actor editorFor(Audience audience) {
        return audience == Audience.INTERNAL ? COACH : PUBLISHER;
    }

    /** Runs one step of loading {@code article}, adding to a failure which article it was. */
    private static <T> T attempt(SampleArticle article, Supplier<T> step) {
        try {
            return step.get();
        } catch (KbException | IllegalArgumentException e) {
            String message = "Cannot load sample article '" + article.key() + "' (" + RESOURCE + " line "
                    + article.line() + "): " + e.getMessage();
            throw e instanceof KbException ? new KbException(message, e) : new IllegalArgumentException(message, e);
        }
    }

    private static int sum(List<SampleArticle> sample, ToIntFunction<SampleArticle> count) {
        return sample.stream().mapToInt(count).sum();
    }

    // ---- The sample file -----------------------------------------------------------------------------------

    /** One article of the sample file; absent text is the empty string. */
    record SampleArticle(
            String key,
            int line,
            ArticleContent content,
            ArticleState state,
            Audience audience,
            String author,
            Optional<CaseId> fromCase,
            List<Reuse> links,
            List<SampleFlag> flags,
            List<SampleFeedback> feedback,
            String mergedInto) {
        SampleArticle {
            links = List.copyOf(links);
            flags = List.copyOf(flags);
            feedback = List.copyOf(feedback);
        }
    }

    /** A later reuse of an article in a case. */
    record Reuse(CaseId caseId, LinkType type) {}

    /** A flag; {@code resolution} is empty while it is open. */
    record SampleFlag(FlagReason reason, String comment, String resolution) {}

    /** A helpful or not helpful vote with an optional comment. */
    record SampleFeedback(boolean helpful, String comment) {}

    /** Reads the sample shipped next to this class. */
    static List<SampleArticle> read() {
        try (InputStream in = SampleKnowledgeBase.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The sample " + RESOURCE + " is missing from the class path next to "
                        + SampleKnowledgeBase.class.getName() + "; the examples jar is incomplete");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), RESOURCE);
        } catch (IOException e) {
            throw new KbException("Cannot read the sample " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses text in the sample format.
     *
     * @param source the name used in error messages, such as the file name
     * @throws IllegalArgumentException if the text is malformed; the message names the source and the line
     */
    static List<SampleArticle> parse(String text, String source) {
        return new Parser(source).parse(text);
    }

    /** Reads the sample format: separators, {@code name: value} fields and indented continuation lines. */
    private static final class Parser {
        /** Every field, in the order the format description at the top of the sample file lists them. */
        private static final List<String> FIELDS = List.of(
                "title",
                "issue",
                "resolution",
                "cause",
                "environment",
                "product",
                "version",
                "component",
                "language",
                "tags",
                "format",
                "state",
                "audience",
                "author",
                "case",
                "link",
                "flag",
                "resolved-flag",
                "feedback",
                "merged-into");

        private static final Set<String> REPEATABLE = Set.of("link", "flag", "resolved-flag", "feedback");
        private static final String SEPARATOR = "--- article ";
        private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
        private static final Pattern FIELD = Pattern.compile("([a-z][a-z-]*):(.*)");

        private final String source;

        Parser(String source) {
            this.source = source;
        }

        /** A field value and the line it started on. */
        private static final class Value {
            final int line;
            final StringBuilder text = new StringBuilder();

            Value(int line, String first) {
                this.line = line;
                text.append(first);
            }
        }

        /** The raw fields of one article. */
        private record Entry(String key, int line, Map<String, List<Value>> fields) {}

        List<SampleArticle> parse(String text) {
            var entries = new ArrayList<Entry>();
            Entry current = null;
            Value open = null;
            int blanks = 0;
            String[] lines = text.split("\\R", -1);
            for (int i = 0; i < lines.length; i++) {
                int number = i + 1;
                String line = lines[i];
                if (line.startsWith("#")) {
                    continue;
                }
                if (line.isBlank()) {
                    blanks++;
                    continue;
                }
                if (Character.isWhitespace(line.charAt(0))) {
                    if (open == null) {
                        throw error(
                                number,
                                "an indented line continues a field, but no field comes before it;"
                                        + " start a field with 'name: value' at the beginning of the line");
                    }
                    if (!open.text.isEmpty()) {
                        open.text.append(blanks > 0 ? "\n\n" : "\n");
                    }
                    open.text.append(line.strip());
                    blanks = 0;
                    continue;
                }
                blanks = 0;
                if (line.startsWith("---")) {
                    String key = line.startsWith(SEPARATOR)
                            ? line.substring(SEPARATOR.length()).strip()
                            : "";
                    if (!KEY.matcher(key).matches()) {
                        throw error(
                                number,
                                "expected '--- article <key>' with a key of lower-case letters, digits"
                                        + " and '-', for example '--- article print-offline'; was '" + line + "'");
                    }
                    for (Entry earlier : entries) {
                        if (earlier.key().equals(key)) {
                            throw error(number, "article key '" + key + "' is already used on line " + earlier.line());
                        }
                    }
                    current = new Entry(key, number, new HashMap<>());
                    entries.add(current);
                    open = null;
                    continue;
                }
                var field = FIELD.matcher(line);
                if (!field.matches()) {
                    throw error(
                            number,
                            "expected 'name: value', '--- article <key>', an indented continuation or a"
                                    + " '#' comment; was '" + line + "'");
                }
                if (current == null) {
                    throw error(number, "field before the first article; start one with '--- article <key>'");
                }
                String name = field.group(1);
                if (!FIELDS.contains(name)) {
                    throw error(number, "unknown field '" + name + "'; valid fields: " + String.join(", ", FIELDS));
                }
                List<Value> values = current.fields().computeIfAbsent(name, n -> new ArrayList<>());
                if (!REPEATABLE.contains(name) && !values.isEmpty()) {
                    throw error(
                            number,
                            "field '" + name + "' is given twice in article '" + current.key() + "'; first on line "
                                    + values.getFirst().line);
                }
                open = new Value(number, field.group(2).strip());
                values.add(open);
            }
            if (entries.isEmpty()) {
                throw new IllegalArgumentException(source + ": no articles; start one with '--- article <key>'");
            }
            var articles = new ArrayList<SampleArticle>(entries.size());
            for (Entry entry : entries) {
                articles.add(article(entry));
            }
            checkMerges(articles, entries);
            return List.copyOf(articles);
        }

        private SampleArticle article(Entry entry) {
            var fields = entry.fields();
            String title = required(entry, "title");
            String issue = required(entry, "issue");
            ArticleState state = enumValue(entry, "state", ArticleState.class);
            Audience audience = enumValue(entry, "audience", Audience.class);
            Locale language = convert(entry, "language", Languages::parse);
            var attributes = new TreeMap<String, String>();
            attributes.put(Environment.PRODUCT, required(entry, "product"));
            optional(entry, "version").ifPresent(v -> attributes.put(Environment.VERSION, v));
            optional(entry, "component").ifPresent(v -> attributes.put(Environment.COMPONENT, v));
            List<String> tags = optional(entry, "tags")
                    .map(t -> Arrays.stream(t.split(","))
                            .map(String::strip)
                            .filter(s -> !s.isEmpty())
                            .toList())
                    .orElse(List.of());
            var content = new ArticleContent(
                    title,
                    issue,
                    new Environment(attributes, optional(entry, "environment").orElse("")),
                    optional(entry, "resolution").orElse(""),
                    optional(entry, "cause").orElse(""),
                    language,
                    Set.copyOf(tags),
                    entry.fields().containsKey("format")
                            ? enumValue(entry, "format", TextFormat.class)
                            : TextFormat.PLAIN);
            if (state != ArticleState.WORK_IN_PROGRESS && !content.hasResolution()) {
                throw error(
                        fields.get("state").getFirst().line,
                        "article '" + entry.key() + "' is " + state
                                + " but has no resolution; add a 'resolution:' or make it WORK_IN_PROGRESS");
            }
            String author = fields.containsKey("author")
                    ? convert(entry, "author", Actor::candidate).id()
                    : DEFAULT_AUTHOR;
            Optional<CaseId> fromCase =
                    fields.containsKey("case") ? Optional.of(convert(entry, "case", CaseId::of)) : Optional.empty();

            var links = new ArrayList<Reuse>();
            for (Value value : fields.getOrDefault("link", List.of())) {
                String[] parts = value.text.toString().split("\\s+");
                if (parts.length != 2) {
                    throw error(
                            value.line,
                            "expected 'link: <case id> <type>', for example 'link: CASE-2002 " + "RESOLUTION'; was '"
                                    + value.text + "'");
                }
                links.add(new Reuse(
                        convert(value, "link", parts[0], CaseId::of),
                        enumValue(value, "link type", parts[1], LinkType.class)));
            }
            var flags = new ArrayList<SampleFlag>();
            for (Value value : fields.getOrDefault("flag", List.of())) {
                String[] parts = parts(value, 1, 2, "flag: <reason> [| <comment>]");
                flags.add(new SampleFlag(
                        enumValue(value, "flag reason", parts[0], FlagReason.class),
                        parts.length > 1 ? parts[1] : "",
                        ""));
            }
            for (Value value : fields.getOrDefault("resolved-flag", List.of())) {
                String[] parts = parts(value, 3, 3, "resolved-flag: <reason> | <comment> | <what was done>");
                if (parts[2].isEmpty()) {
                    throw error(value.line, "a resolved flag needs a note on what was done after the second '|'");
                }
                flags.add(new SampleFlag(
                        enumValue(value, "flag reason", parts[0], FlagReason.class), parts[1], parts[2]));
            }
            var feedback = new ArrayList<SampleFeedback>();
            for (Value value : fields.getOrDefault("feedback", List.of())) {
                if (state != ArticleState.VALIDATED || audience != Audience.PUBLIC) {
                    throw error(
                            value.line,
                            "feedback comes from the public, who sees only VALIDATED PUBLIC articles; article '"
                                    + entry.key() + "' is " + state + " " + audience);
                }
                String[] parts = parts(value, 1, 2, "feedback: helpful|unhelpful [| <comment>]");
                boolean helpful =
                        switch (parts[0]) {
                            case "helpful" -> true;
                            case "unhelpful" -> false;
                            default ->
                                throw error(
                                        value.line,
                                        "feedback must start with 'helpful' or 'unhelpful', was '" + parts[0] + "'");
                        };
                feedback.add(new SampleFeedback(helpful, parts.length > 1 ? parts[1] : ""));
            }
            String mergedInto = optional(entry, "merged-into").orElse("");
            return new SampleArticle(
                    entry.key(),
                    entry.line(),
                    content,
                    state,
                    audience,
                    author,
                    fromCase,
                    links,
                    flags,
                    feedback,
                    mergedInto);
        }

        private void checkMerges(List<SampleArticle> articles, List<Entry> entries) {
            Map<String, SampleArticle> byKey = articles.stream().collect(Collectors.toMap(SampleArticle::key, a -> a));
            for (int i = 0; i < articles.size(); i++) {
                SampleArticle article = articles.get(i);
                if (article.mergedInto().isEmpty()) {
                    continue;
                }
                int line = entries.get(i).fields().get("merged-into").getFirst().line;
                SampleArticle survivor = byKey.get(article.mergedInto());
                if (survivor == null || survivor == article) {
                    throw error(
                            line,
                            "'merged-into' must name another article of this file, was '" + article.mergedInto() + "'");
                }
                if (article.state() != ArticleState.ARCHIVED) {
                    throw error(
                            line,
                            "a merged duplicate ends up ARCHIVED; set 'state: ARCHIVED' in article '" + article.key()
                                    + "' (was " + article.state() + ")");
                }
                if (survivor.state() == ArticleState.ARCHIVED) {
                    throw error(line, "cannot merge into '" + survivor.key() + "': it is ARCHIVED");
                }
            }
        }

        private String[] parts(Value value, int min, int max, String expected) {
            String[] parts = value.text.toString().split("\\|", max);
            if (parts.length < min) {
                throw error(value.line, "expected '" + expected + "'; was '" + value.text + "'");
            }
            for (int i = 0; i < parts.length; i++) {
                parts[i] = parts[i].strip();
            }
            return parts;
        }

        private String required(Entry entry, String name) {
            return optional(entry, name)
                    .orElseThrow(() -> error(
                            entry.line(),
                            "article '" + entry.key() + "' has no '" + name + ":'; every article needs title, issue,"
                                    + " product, language, state and audience"));
        }

        private Optional<String> optional(Entry entry, String name) {
            List<Value> values = entry.fields().get(name);
            if (values == null) {
                return Optional.empty();
            }
            String text = values.getFirst().text.toString();
            if (text.isEmpty()) {
                throw error(values.getFirst().line, "field '" + name + "' is empty; give a value or leave it out");
            }
            return Optional.of(text);
        }

        private <T> T convert(Entry entry, String name, Function<String, T> parser) {
            String text = required(entry, name);
            return convert(entry.fields().get(name).getFirst(), name, text, parser);
        }

        private <T> T convert(Value value, String name, String text, Function<String, T> parser) {
            try {
                return parser.apply(text);
            } catch (IllegalArgumentException e) {
                throw error(value.line, "invalid " + name + ": " + e.getMessage());
            }
        }

        private <E extends Enum<E>> E enumValue(Entry entry, String name, Class<E> type) {
            String text = required(entry, name);
            return enumValue(entry.fields().get(name).getFirst(), name, text, type);
        }

        private <E extends Enum<E>> E enumValue(Value value, String name, String text, Class<E> type) {
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equals(text)) {
                    return constant;
                }
            }
            throw error(
                    value.line,
                    "invalid " + name + " '" + text + "'; valid values: "
                            + Arrays.stream(type.getEnumConstants())
                                    .map(Enum::name)
                                    .collect(Collectors.joining(", ")));
        }

        private IllegalArgumentException error(int line, String message) {
            return new IllegalArgumentException(source + " line " + line + ": " + message);
        }
    }
}
