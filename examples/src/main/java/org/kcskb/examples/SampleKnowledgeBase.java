package org.kcskb.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.ToIntFunction;
import org.kcskb.KbException;
import org.kcskb.KnowledgeBase;
import org.kcskb.actor.Actor;
import org.kcskb.article.ArticleId;
import org.kcskb.article.Audience;
import org.kcskb.article.Flag;
import org.kcskb.transfer.ArticleImport;
import org.kcskb.transfer.ImportFailure;
import org.kcskb.transfer.ImportReport;
import org.kcskb.transfer.TransferArticle;
import org.kcskb.transfer.TransferFeedback;
import org.kcskb.transfer.TransferFlag;
import org.kcskb.transfer.TransferLink;
import org.kcskb.transfer.TransferListener;
import org.kcskb.transfer.TransferRevision;
import org.kcskb.transfer.json.ArticleJsonLines;

/**
 * A bilingual sample knowledge base of the fictional vendor Acme, for demos and for trying search on real-looking
 * support content.
 *
 * <p>The sample holds some 70 KCS articles, roughly half German and half English, on Acme Print, Acme VPN, Acme Billing,
 * Acme Mail and Acme Desk, in every state and audience, with their history (captured by an agent, validated by a
 * coach, published by a publisher), case links, open and resolved flags, self-service feedback and merged duplicates.
 * Every product, person, case and address in it is made up; acme.example is a reserved example domain.
 *
 * <p>It is {@value #RESOURCE} next to this class: an article export in the library's JSON-lines format ({@link
 * ArticleJsonLines}), one article per line, whose source ids are the articles' keys (such as {@code
 * print-windows-update}). It is loaded through a bulk import ({@link KnowledgeBase#startImport}); {@code kb import
 * sample-kb.jsonl} of kb-cli loads the same file into any knowledge base. Load it on first start:
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

    static final String RESOURCE = "sample-kb.jsonl";

    /** The first id the shipped stores allocate; see {@link #isEmpty}. */
    private static final ArticleId FIRST_SHIPPED_ID = ArticleId.of("KB-1");

    /**
     * Runs the import; it writes in the sample's authors' names, and in its own only if a sample article was changed
     * here and imported again, which {@link #loadIfEmpty} does not do.
     */
    private static final Actor LOADER = Actor.administrator("sample-loader");

    /** How long before loading the sample's last change lies. */
    private static final Duration AGE = Duration.ofMinutes(1);

    private SampleKnowledgeBase() {}

    /**
     * What {@link #loadIfEmpty} did.
     *
     * @param articles the id of every loaded article by its key (its source id in the sample file), in file order;
     *     empty when nothing was loaded
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
     * Imports the sample into {@code kb} if it holds no articles yet.
     *
     * <p>The import keeps the sample's states, audiences and authors as they are, without the knowledge base's
     * lifecycle policy or content standard; its texts must pass the knowledge base's {@linkplain org.kcskb.Limits
     * limits}. Its times are moved so that its last change lies a minute before loading: the sample looks as fresh
     * as the old loader's, and reports over recent weeks see its activity. Call {@link KnowledgeBase#awaitSearchable}
     * before searching it. Whether the knowledge base is empty is decided from the store, without the search index:
     * it is empty when it has no article {@code KB-1} (the shipped stores number articles from there) and the
     * sample's first case has no links (for stores that number articles differently).
     *
     * @return what was loaded; {@link Summary#loaded()} is false when the knowledge base already had articles
     * @throws KbException if the knowledge base cannot store a sample article (one over its limits, say); the message
     *     names the article's key and line. The other articles are imported
     */
    public static Summary loadIfEmpty(KnowledgeBase kb) {
        Objects.requireNonNull(kb, "kb");
        List<Line> sample = read();
        if (!isEmpty(kb, sample.getFirst().article())) {
            return new Summary(Map.of(), 0, 0, 0, 0);
        }
        Instant last = sample.stream()
                .map(line -> latest(line.article()))
                .max(Instant::compareTo)
                .orElseThrow();
        Duration shift = Duration.between(last, Instant.now().minus(AGE)).truncatedTo(ChronoUnit.SECONDS);
        ImportReport report;
        try (ArticleImport run = kb.startImport(LOADER, OptionalLong.of(sample.size()), TransferListener.none())) {
            for (Line line : sample) {
                run.add(line.number(), shifted(line.article(), shift));
            }
            report = run.finish();
        }
        if (!report.succeeded()) {
            ImportFailure failure = report.failures().getFirst();
            throw new KbException("Cannot load sample article '" + failure.sourceId() + "' (" + RESOURCE + " line "
                    + failure.line() + "): " + failure.reason()
                    + (report.failures().size() > 1
                            ? " (and " + (report.failures().size() - 1) + " more)"
                            : ""));
        }
        var ids = new LinkedHashMap<String, ArticleId>();
        for (Line line : sample) {
            String key = line.article().sourceId();
            ids.put(
                    key,
                    kb.importedArticle(key)
                            .orElseThrow(() -> new KbException("The sample article '" + key
                                    + "' was imported, but the knowledge base does not find it under its source id")));
        }
        return new Summary(
                ids,
                sum(sample, a -> a.links().size()),
                sum(sample, a -> a.flags().size()),
                sum(sample, a -> a.feedback().size()),
                sum(sample, a -> a.latest().mergedInto().isPresent() ? 1 : 0));
    }

    private static boolean isEmpty(KnowledgeBase kb, TransferArticle first) {
        // KnowledgeBase has no article count and its search ignores empty query text, so ask the store directly.
        boolean sampleLoaded = first.links().stream()
                .findFirst()
                .map(link -> !kb.links(link.caseId()).isEmpty())
                .orElse(false);
        return !sampleLoaded && kb.article(FIRST_SHIPPED_ID).isEmpty();
    }

    private static int sum(List<Line> sample, ToIntFunction<TransferArticle> count) {
        return sample.stream()
                .mapToInt(line -> count.applyAsInt(line.article()))
                .sum();
    }

    // ---- The sample file -----------------------------------------------------------------------------------

    /** One article of the sample file and its line, from 1. */
    record Line(long number, TransferArticle article) {}

    /**
     * Reads the sample shipped next to this class with kb-transfer's reader.
     *
     * @throws IllegalStateException if the file is missing or a line is no article: the examples jar is damaged
     */
    static List<Line> read() {
        try (InputStream in = SampleKnowledgeBase.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The sample " + RESOURCE + " is missing from the class path next to "
                        + SampleKnowledgeBase.class.getName() + "; the examples jar is incomplete");
            }
            return read(new InputStreamReader(in, StandardCharsets.UTF_8), RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the sample " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads articles in the JSON-lines format from {@code in}.
     *
     * @param source the name used in error messages, such as the file name
     * @throws IllegalStateException if a line is no article or there is none; the message names the source and line
     */
    static List<Line> read(Reader in, String source) {
        var lines = new ArrayList<Line>();
        ArticleJsonLines.read(in, new ArticleImport() {
            @Override
            public void add(long line, TransferArticle article) {
                lines.add(new Line(line, article));
            }

            @Override
            public void reject(long line, String reason) {
                throw new IllegalStateException(source + " line " + line + " is no article: " + reason);
            }

            @Override
            public ImportReport finish() {
                return new ImportReport(lines.size(), 0, 0, 0, List.of());
            }

            @Override
            public void close() {}
        });
        if (lines.isEmpty()) {
            throw new IllegalStateException(source + " holds no articles");
        }
        return List.copyOf(lines);
    }

    /** The latest time the article names. */
    private static Instant latest(TransferArticle article) {
        var times = new ArrayList<Instant>();
        article.revisions().forEach(r -> times.add(r.at()));
        article.links().forEach(l -> times.add(l.linkedAt()));
        for (TransferFlag flag : article.flags()) {
            times.add(flag.raisedAt());
            flag.resolution().ifPresent(r -> times.add(r.resolvedAt()));
        }
        article.feedback().forEach(f -> times.add(f.givenAt()));
        return times.stream().max(Instant::compareTo).orElseThrow();
    }

    /** The article with every time moved by {@code shift}. */
    static TransferArticle shifted(TransferArticle a, Duration shift) {
        return new TransferArticle(
                a.sourceId(),
                a.revisions().stream()
                        .map(r -> new TransferRevision(
                                r.content(),
                                r.state(),
                                r.audience(),
                                r.mergedInto(),
                                r.author(),
                                r.at().plus(shift),
                                r.kind(),
                                r.comment()))
                        .toList(),
                a.links().stream()
                        .map(l -> new TransferLink(
                                l.caseId(),
                                l.type(),
                                l.pinnedRevision(),
                                l.linkedBy(),
                                l.linkedAt().plus(shift)))
                        .toList(),
                a.flags().stream()
                        .map(f -> new TransferFlag(
                                f.id(),
                                f.reason(),
                                f.comment(),
                                f.raisedBy(),
                                f.raisedAt().plus(shift),
                                f.resolution()
                                        .map(r -> new Flag.Resolution(
                                                r.resolvedBy(), r.resolvedAt().plus(shift), r.note()))))
                        .toList(),
                a.translations(),
                a.feedback().stream()
                        .map(f -> new TransferFeedback(
                                f.id(),
                                f.helpful(),
                                f.comment(),
                                f.givenBy(),
                                f.givenAt().plus(shift)))
                        .toList(),
                a.views());
    }
}
