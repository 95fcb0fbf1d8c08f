package org.kcskb.notice;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.kcskb.InvalidInputException;
import org.kcskb.article.ArticleId;
import org.kcskb.article.Audience;
import org.kcskb.article.Languages;

/**
 * A notice to publish with {@link org.kcskb.KnowledgeBase#publishNotice}; build one with {@link #builder()}:
 *
 * <pre>{@code
 * NoticeDraft draft = NoticeDraft.builder()
 *         .text(Locale.GERMAN, "Drucker druckt nach Update KB5034 nicht",
 *                 "Wir arbeiten an einer Lösung. Bis dahin: Update KB5034 deinstallieren.")
 *         .text(Locale.ENGLISH, "Printer does not print after update KB5034", "We are working on a fix.")
 *         .products("Windows 11")
 *         .symptoms("drucker druckt nicht", "printer not printing", "KB5034")
 *         .audience(Audience.PUBLIC)
 *         .lasting(Duration.ofHours(2))
 *         .build();
 * }</pre>
 *
 * <p>The builder checks each value as it is given; {@link Builder#build()} checks what must be there (a text, a product, a
 * symptom, an end). The times are checked when publishing, against the knowledge base's clock. Immutable and
 * thread-safe.
 *
 * <p>There is no public constructor: build one with the builder, so that a new setting can be added
 * without breaking callers.
 */
public final class NoticeDraft {
    private final Map<Locale, NoticeText> texts;
    private final List<String> products;
    private final List<String> environments;
    private final List<String> symptoms;
    private final Audience audience;
    private final Optional<Instant> start;
    private final Optional<Instant> end;
    private final Optional<Duration> duration;
    private final Optional<ArticleId> article;
    private final boolean showToAll;

    /** The most languages of one notice. */
    public static final int MAX_LANGUAGES = 10;
    /** The most products, environments and symptoms of one notice, each. */
    public static final int MAX_VALUES = 20;
    /** The longest product, environment or symptom, in characters. */
    public static final int MAX_VALUE_LENGTH = 100;
    /** The longest a notice may last: it is time-boxed; publish a new one when the issue lasts longer. */
    public static final Duration MAX_DURATION = Duration.ofDays(90);

    private NoticeDraft(
            Map<Locale, NoticeText> texts,
            List<String> products,
            List<String> environments,
            List<String> symptoms,
            Audience audience,
            Optional<Instant> start,
            Optional<Instant> end,
            Optional<Duration> duration,
            Optional<ArticleId> article,
            boolean showToAll) {
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(article, "article");
        texts = Collections.unmodifiableMap(new LinkedHashMap<>(texts));
        products = List.copyOf(products);
        environments = List.copyOf(environments);
        symptoms = List.copyOf(symptoms);
        if (texts.isEmpty()) {
            throw new InvalidInputException(
                    "notice texts", "none", "give a title and text in at least one language with text(language, ...)");
        }
        if (symptoms.isEmpty()) {
            throw new InvalidInputException(
                    "notice symptoms",
                    "none",
                    "name at least one word or phrase that people with the problem type, for example symptoms("
                            + "\"drucker druckt nicht\"): searches are matched against them");
        }
        if (products.isEmpty()) {
            throw new InvalidInputException(
                    "notice products",
                    "none",
                    "name at least one affected product, for example products(\"Windows 11\")");
        }
        if (end.isEmpty() == duration.isEmpty()) {
            throw new InvalidInputException(
                    "notice end",
                    end.isEmpty() ? "none" : "both an end and a duration",
                    "give exactly one of until(end) or lasting(duration): a notice is time-boxed");
        }
        this.texts = texts;
        this.products = products;
        this.environments = environments;
        this.symptoms = symptoms;
        this.audience = audience;
        this.start = start;
        this.end = end;
        this.duration = duration;
        this.article = article;
        this.showToAll = showToAll;
    }

    /** Starts a draft. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts a draft about an emerging issue, so that a coach turns one into a notice in one statement: its symptoms
     * are the issue's label and example queries (as people typed them, at most {@link #MAX_VALUES}, each at most
     * {@link #MAX_VALUE_LENGTH} characters), its title the label in the issue's language, its product the issue's
     * when the rise is a product's. What the detector cannot know stays for the coach: the affected products (for an
     * issue of queries), the text, the audience and how long it lasts.
     *
     * <pre>{@code
     * EmergingIssue issue = kb.emergingIssues(coach).getFirst();
     * kb.publishNotice(coach, NoticeDraft.fromEmergingIssue(issue)
     *         .text(Locale.GERMAN, "Outlook startet nach dem Update nicht", "Wir arbeiten daran ...")
     *         .products("Outlook").audience(Audience.PUBLIC).lasting(Duration.ofHours(4))
     *         .build());
     * }</pre>
     *
     * <p>The issue's language is {@link Locale#ROOT} when its searches did not tell; then no title is set and {@link
     * Builder#build()} asks for one.
     */
    public static Builder fromEmergingIssue(org.kcskb.emerging.EmergingIssue issue) {
        Objects.requireNonNull(issue, "issue");
        var builder = new Builder();
        var phrases = new LinkedHashSet<String>();
        Stream.concat(Stream.of(issue.label()), issue.exampleQueries().stream())
                .map(String::strip)
                .filter(phrase -> !phrase.isEmpty() && phrase.length() <= MAX_VALUE_LENGTH)
                .map(phrase -> phrase.toLowerCase(Locale.ROOT))
                .forEach(phrases::add);
        builder.symptoms(phrases.stream().limit(MAX_VALUES).toArray(String[]::new));
        issue.product().ifPresent(builder::products);
        if (!issue.language().getLanguage().isEmpty()) {
            String title = issue.label().strip();
            builder.text(
                    issue.language(),
                    title.length() <= NoticeText.MAX_TITLE_LENGTH
                            ? title
                            : title.substring(0, NoticeText.MAX_TITLE_LENGTH),
                    "");
        }
        return builder;
    }

    /**
     * Returns the notice's start and end when published at {@code now}.
     *
     * @throws InvalidInputException if the end is not after the start, lies in the past, or the notice would last
     *     longer than {@link #MAX_DURATION}
     */
    public Window window(Instant now) {
        Instant from = start.orElse(now);
        Instant until = end.orElseGet(() -> from.plus(duration.orElseThrow()));
        if (!until.isAfter(from)) {
            throw new InvalidInputException(
                    "notice end", until, "must lie after the start " + from + "; check until(...) or lasting(...)");
        }
        if (!until.isAfter(now)) {
            throw new InvalidInputException(
                    "notice end", until, "lies in the past (now is " + now + "); a notice that ended shows nothing");
        }
        if (Duration.between(from, until).compareTo(MAX_DURATION) > 0) {
            throw new InvalidInputException(
                    "notice duration",
                    Duration.between(from, until),
                    "a notice lasts at most " + MAX_DURATION.toDays() + " days; publish a new one when the issue"
                            + " lasts longer, or write an article for a lasting problem");
        }
        return new Window(from, until);
    }

    /**
     * When a published notice is shown.
     *
     * @param start from (inclusive)
     * @param end until (exclusive)
     */
    public record Window(Instant start, Instant end) {
        public Window {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
        }
    }

    /** Builds a {@link NoticeDraft}, checking each value as it is given. Not thread-safe. */
    public static final class Builder {
        private final Map<Locale, NoticeText> texts = new LinkedHashMap<>();
        private final LinkedHashSet<String> products = new LinkedHashSet<>();
        private final LinkedHashSet<String> environments = new LinkedHashSet<>();
        private final LinkedHashSet<String> symptoms = new LinkedHashSet<>();
        private Audience audience = Audience.INTERNAL;
        private Optional<Instant> start = Optional.empty();
        private Optional<Instant> end = Optional.empty();
        private Optional<Duration> duration = Optional.empty();
        private Optional<ArticleId> article = Optional.empty();
        private boolean showToAll;

        private Builder() {}

        /** Sets the title and text in {@code language} (only the language counts: {@code de}, {@code en}). */
        public Builder text(Locale language, String title, String text) {
            Languages.requireBounded("language", Objects.requireNonNull(language, "language"));
            if (language.getLanguage().isEmpty()) {
                throw new InvalidInputException(
                        "notice language",
                        "ROOT",
                        "name the language of the title and text, for example Locale.GERMAN");
            }
            Locale key = Locale.of(language.getLanguage());
            if (!texts.containsKey(key) && texts.size() >= MAX_LANGUAGES) {
                throw new InvalidInputException(
                        "notice languages", texts.size() + 1, "a notice has at most " + MAX_LANGUAGES + " languages");
            }
            texts.put(key, new NoticeText(title, text));
            return this;
        }

        /** Adds affected products. */
        public Builder products(String... names) {
            add(products, "notice product", names);
            return this;
        }

        /** Adds further affected environments. */
        public Builder environments(String... names) {
            add(environments, "notice environment", names);
            return this;
        }

        /** Adds symptoms: words or short phrases a person with the problem types. */
        public Builder symptoms(String... phrases) {
            add(symptoms, "notice symptom", phrases);
            return this;
        }

        /** Sets who may see it ({@code INTERNAL} unless set). */
        public Builder audience(Audience audience) {
            this.audience = Objects.requireNonNull(audience, "audience");
            return this;
        }

        /** Sets when it starts (the time of publishing unless set). */
        public Builder from(Instant start) {
            this.start = Optional.of(Objects.requireNonNull(start, "start"));
            return this;
        }

        /** Sets when it ends (exclusive); replaces a duration given before. */
        public Builder until(Instant end) {
            this.end = Optional.of(Objects.requireNonNull(end, "end"));
            this.duration = Optional.empty();
            return this;
        }

        /** Sets how long from its start it lasts; replaces an end given before. */
        public Builder lasting(Duration duration) {
            Objects.requireNonNull(duration, "duration");
            if (duration.isNegative() || duration.isZero()) {
                throw new InvalidInputException("notice duration", duration, "must be positive, for example 2 hours");
            }
            this.duration = Optional.of(duration);
            this.end = Optional.empty();
            return this;
        }

        /** Links the article describing the issue. */
        public Builder article(ArticleId article) {
            this.article = Optional.of(Objects.requireNonNull(article, "article"));
            return this;
        }

        /** Sets whether the help site also shows it on its start page. */
        public Builder showToAll(boolean showToAll) {
            this.showToAll = showToAll;
            return this;
        }

        public NoticeDraft build() {
            return new NoticeDraft(
                    texts,
                    new ArrayList<>(products),
                    new ArrayList<>(environments),
                    new ArrayList<>(symptoms),
                    audience,
                    start,
                    end,
                    duration,
                    article,
                    showToAll);
        }

        private static void add(LinkedHashSet<String> into, String field, String... values) {
            for (String value : values) {
                Objects.requireNonNull(value, field);
                String stripped = value.strip().replaceAll("\\s+", " ");
                if (stripped.isEmpty() || stripped.length() > MAX_VALUE_LENGTH) {
                    throw new InvalidInputException(
                            field,
                            value,
                            "use 1 to " + MAX_VALUE_LENGTH + " characters; split longer text into several values");
                }
                if (!stripped.chars().anyMatch(Character::isLetterOrDigit)) {
                    throw new InvalidInputException(field, value, "name at least one word or number");
                }
                into.add(stripped);
                if (into.size() > MAX_VALUES) {
                    into.remove(stripped);
                    throw new InvalidInputException(
                            field + "s",
                            MAX_VALUES + 1,
                            "at most " + MAX_VALUES + " per notice; keep the telling ones");
                }
            }
        }
    }

    /** Returns the title and text per language, the first being shown when the viewer's language has none. */
    public Map<Locale, NoticeText> texts() {
        return texts;
    }

    /** Returns the affected products, at least one. */
    public List<String> products() {
        return products;
    }

    /** Returns further affected environments; may be empty. */
    public List<String> environments() {
        return environments;
    }

    /** Returns the symptoms: at least one word or short phrase a person with the problem types. */
    public List<String> symptoms() {
        return symptoms;
    }

    /** Returns who may see it: {@code INTERNAL} unless set, as for captured articles. */
    public Audience audience() {
        return audience;
    }

    /** Returns when it starts; empty for the time of publishing. */
    public Optional<Instant> start() {
        return start;
    }

    /** Returns when it ends; empty when {@code duration} is given. */
    public Optional<Instant> end() {
        return end;
    }

    /** Returns how long from its start it lasts; empty when {@code end} is given. */
    public Optional<Duration> duration() {
        return duration;
    }

    /** Returns the article describing the issue, which the audience must be able to read. */
    public Optional<ArticleId> article() {
        return article;
    }

    /** Returns whether the help site also shows it on its start page. */
    public boolean showToAll() {
        return showToAll;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NoticeDraft other
                && texts.equals(other.texts)
                && products.equals(other.products)
                && environments.equals(other.environments)
                && symptoms.equals(other.symptoms)
                && audience.equals(other.audience)
                && start.equals(other.start)
                && end.equals(other.end)
                && duration.equals(other.duration)
                && article.equals(other.article)
                && showToAll == other.showToAll;
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                texts, products, environments, symptoms, audience, start, end, duration, article, showToAll);
    }

    @Override
    public String toString() {
        return "NoticeDraft[" + "texts=" + texts + ", "
                + "products=" + products + ", "
                + "environments=" + environments + ", "
                + "symptoms=" + symptoms + ", "
                + "audience=" + audience + ", "
                + "start=" + start + ", "
                + "end=" + end + ", "
                + "duration=" + duration + ", "
                + "article=" + article + ", "
                + "showToAll=" + showToAll + "]";
    }
}
