package org.kcskb;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.kcskb.actor.Actor;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleId;
import org.kcskb.article.CaseLink;
import org.kcskb.article.Feedback;
import org.kcskb.article.Flag;
import org.kcskb.article.Revision;
import org.kcskb.article.RevisionKind;
import org.kcskb.store.spi.ArticleStore;
import org.kcskb.store.spi.Mutation;
import org.kcskb.transfer.ArticleImport;
import org.kcskb.transfer.ImportFailure;
import org.kcskb.transfer.ImportReport;
import org.kcskb.transfer.TransferArticle;
import org.kcskb.transfer.TransferFeedback;
import org.kcskb.transfer.TransferFlag;
import org.kcskb.transfer.TransferLink;
import org.kcskb.transfer.TransferListener;
import org.kcskb.transfer.TransferProgress;
import org.kcskb.transfer.TransferRevision;

/**
 * The {@link ArticleImport} of a {@link StoreBackedKnowledgeBase}: buffers records, looks their source ids up a batch
 * at a time, plans each record's mutations against what is stored, and commits the batch at once (one transaction for
 * {@value #BATCH} records is what makes 100,000 records fast); a batch the store refuses is committed again record by
 * record, so that only the bad records fail. Not thread-safe.
 */
final class BulkImport implements ArticleImport {
    /** Records per commit: large enough to spread a transaction's cost, small enough to retry one by one. */
    static final int BATCH = 500;

    private final ArticleStore store;
    private final Actor actor;
    private final UnaryOperator<ArticleContent> checkContent;
    private final Clock clock;
    private final OptionalLong expected;
    private final TransferListener listener;

    /** Source ids resolved so far: found in the store, or created by this import. */
    private final Map<String, ArticleId> known = new HashMap<>();

    private final List<Entry> buffer = new ArrayList<>();
    private final Set<String> buffered = new HashSet<>();
    /** Records whose merge target is not known yet; tried again at the end. */
    private final List<Entry> waiting = new ArrayList<>();
    /** Records with translations, linked at the end. */
    private final List<Entry> withTranslations = new ArrayList<>();

    private final List<ImportFailure> failures = new ArrayList<>();
    /** The lines that failed: a record whose translations fail twice is one failed record. */
    private final Set<Long> failedLines = new HashSet<>();

    private long read;
    private long done;
    private long created;
    private long updated;
    private long unchanged;
    private long lastLine;
    /** Whether the store holds articles that were not imported; null until first asked. */
    private Boolean nativeArticles;

    private ImportReport report;

    private record Entry(long line, TransferArticle article) {}

    /** A planned record: its mutations (none when unchanged), and whether it creates the article. */
    private record Plan(Entry entry, ArticleId id, List<Mutation> mutations, boolean creates) {}

    BulkImport(
            ArticleStore store,
            Actor actor,
            UnaryOperator<ArticleContent> checkContent,
            Clock clock,
            OptionalLong expected,
            TransferListener listener) {
        this.store = store;
        this.actor = actor;
        this.checkContent = checkContent;
        this.clock = clock;
        this.expected = expected;
        this.listener = listener;
    }

    @Override
    public void add(long line, TransferArticle article) {
        Objects.requireNonNull(article, "article");
        next(line);
        read++;
        if (buffered.contains(article.sourceId())) {
            // The second record of one source id is compared with what the first one wrote.
            flush();
        }
        buffer.add(new Entry(line, article));
        buffered.add(article.sourceId());
        if (buffer.size() >= BATCH) {
            flush();
        }
    }

    @Override
    public void reject(long line, String reason) {
        Objects.requireNonNull(reason, "reason");
        next(line);
        read++;
        fail(line, "", reason);
        done++;
    }

    private void next(long line) {
        if (report != null) {
            throw new IllegalStateException("This import is finished; start another one");
        }
        if (line <= lastLine) {
            throw new IllegalArgumentException("Lines must increase: " + line + " came after " + lastLine);
        }
        lastLine = line;
    }

    @Override
    public ImportReport finish() {
        if (report != null) {
            return report;
        }
        flush();
        // Merges whose target came later in the input: retried while that makes progress.
        int before;
        do {
            before = waiting.size();
            buffer.addAll(waiting);
            waiting.clear();
            flush();
        } while (!waiting.isEmpty() && waiting.size() < before);
        for (Entry entry : waiting) {
            String target = unknownMergeTarget(entry.article()).orElse("?");
            fail(
                    entry,
                    "mergedInto names source id '" + target + "', which is neither in the input nor in the"
                            + " knowledge base; import the surviving article too");
            done++;
        }
        waiting.clear();
        linkTranslations();
        failures.sort(java.util.Comparator.comparingLong(ImportFailure::line));
        report = new ImportReport(read, created, updated, unchanged, failures);
        listener.progress(progress());
        return report;
    }

    @Override
    public void close() {
        finish();
    }

    private TransferProgress progress() {
        return new TransferProgress(done, expected, failedLines.size());
    }

    /** Plans and commits the buffered records; records whose merge target is unknown wait for the end. */
    private void flush() {
        if (buffer.isEmpty()) {
            return;
        }
        resolve(buffer);
        var plans = new ArrayList<Plan>();
        for (Entry entry : buffer) {
            if (unknownMergeTarget(entry.article()).isPresent()) {
                waiting.add(entry);
                continue;
            }
            try {
                Plan plan = plan(entry);
                plans.add(plan);
                if (plan.creates()) {
                    known.put(entry.article().sourceId(), plan.id());
                }
            } catch (StorageException e) {
                throw e;
            } catch (KbException | IllegalArgumentException e) {
                fail(entry, e.getMessage());
                done++;
            }
        }
        buffer.clear();
        buffered.clear();
        commit(plans);
        listener.progress(progress());
    }

    private void commit(List<Plan> plans) {
        var all = new ArrayList<Mutation>();
        for (Plan plan : plans) {
            all.addAll(plan.mutations());
        }
        boolean together = false;
        if (!all.isEmpty()) {
            try {
                store.commit(all);
                together = true;
            } catch (KbException | IllegalArgumentException e) {
                // One bad record (a flag id another article owns, an article revised meanwhile) fails the batch:
                // commit each on its own, so that only the bad ones fail. StorageException is not retried: it is
                // the store, not a record.
                if (e instanceof StorageException) {
                    throw e;
                }
            }
        }
        for (Plan plan : plans) {
            if (!together && !plan.mutations().isEmpty()) {
                try {
                    store.commit(plan.mutations());
                } catch (StorageException e) {
                    throw e;
                } catch (KbException | IllegalArgumentException e) {
                    if (plan.creates()) {
                        known.remove(plan.entry().article().sourceId());
                    }
                    fail(plan.entry(), e.getMessage());
                    done++;
                    continue;
                }
            }
            if (plan.creates()) {
                created++;
                if (!plan.entry().article().translations().isEmpty()) {
                    withTranslations.add(plan.entry());
                }
            } else if (plan.mutations().isEmpty()) {
                unchanged++;
                if (!plan.entry().article().translations().isEmpty()) {
                    withTranslations.add(plan.entry());
                }
            } else {
                updated++;
                if (!plan.entry().article().translations().isEmpty()) {
                    withTranslations.add(plan.entry());
                }
            }
            done++;
        }
    }

    /** Looks up the source ids (and merge targets) of {@code entries} that are not known yet, in one read. */
    private void resolve(List<Entry> entries) {
        var sourceIds = new LinkedHashSet<String>();
        for (Entry entry : entries) {
            TransferArticle article = entry.article();
            sourceIds.add(article.sourceId());
            for (TransferRevision revision : article.revisions()) {
                revision.mergedInto().ifPresent(sourceIds::add);
            }
        }
        resolve(sourceIds);
    }

    /** Looks up those of {@code sourceIds} that are not known yet, in one read. */
    private void resolve(Set<String> sourceIds) {
        var unknown = new LinkedHashSet<String>();
        for (String sourceId : sourceIds) {
            if (!known.containsKey(sourceId)) {
                unknown.add(sourceId);
            }
        }
        if (unknown.isEmpty()) {
            return;
        }
        known.putAll(store.articlesBySourceId(unknown));
        unknown.removeAll(known.keySet());
        // Source ids that are this knowledge base's own article ids (an export's articles created here).
        if (!hasNativeArticles()) {
            return;
        }
        var ownIds = new ArrayList<ArticleId>();
        for (String sourceId : unknown) {
            asArticleId(sourceId).ifPresent(ownIds::add);
        }
        if (ownIds.isEmpty()) {
            return;
        }
        Map<ArticleId, String> claimed = store.sourceIds(ownIds);
        for (ArticleId id : ownIds) {
            if (!claimed.containsKey(id) && store.revision(id, 1).isPresent()) {
                known.put(id.value(), id);
            }
        }
    }

    /**
     * Returns whether the store holds an article that was not imported (decided once, at the first need): only then
     * can a source id be one of its own ids. Saves an import into an empty or wholly imported store a read per record.
     */
    private boolean hasNativeArticles() {
        if (nativeArticles == null) {
            nativeArticles = false;
            Optional<ArticleId> after = Optional.empty();
            while (!nativeArticles) {
                List<ArticleId> page = store.articleIds(after, 1000);
                nativeArticles = store.sourceIds(page).size() < page.size();
                if (page.size() < 1000) {
                    break;
                }
                after = Optional.of(page.getLast());
            }
        }
        return nativeArticles;
    }

    private static Optional<ArticleId> asArticleId(String sourceId) {
        try {
            return Optional.of(ArticleId.of(sourceId));
        } catch (InvalidInputException e) {
            return Optional.empty();
        }
    }

    private Optional<String> unknownMergeTarget(TransferArticle article) {
        for (TransferRevision revision : article.revisions()) {
            if (revision.mergedInto().isPresent()
                    && !known.containsKey(revision.mergedInto().get())) {
                return revision.mergedInto();
            }
        }
        return Optional.empty();
    }

    /** Computes the mutations that bring the store to {@code entry}'s record. */
    private Plan plan(Entry entry) {
        TransferArticle article = entry.article();
        var contents = new ArrayList<ArticleContent>(article.revisions().size());
        for (TransferRevision r : article.revisions()) {
            contents.add(checkContent.apply(r.content()));
        }
        ArticleId existing = known.get(article.sourceId());
        ArticleId id = existing != null ? existing : store.allocateId();
        var wanted = new ArrayList<Revision>(article.revisions().size());
        for (TransferRevision r : article.revisions()) {
            wanted.add(new Revision(
                    id,
                    wanted.size() + 1,
                    contents.get(wanted.size()),
                    r.state(),
                    r.audience(),
                    r.mergedInto().map(known::get),
                    r.author(),
                    micros(r.at()),
                    r.kind(),
                    r.comment().strip()));
        }
        var mutations = new ArrayList<Mutation>();
        // Compared at the format's precision: the in-memory store keeps nanoseconds.
        List<Revision> stored = existing == null
                ? List.of()
                : store.revisions(id).stream().map(BulkImport::micros).toList();
        if (existing == null) {
            for (Revision revision : wanted) {
                mutations.add(new Mutation.AppendRevision(revision));
            }
            mutations.add(new Mutation.PutSourceId(id, article.sourceId()));
        } else {
            mutations.addAll(revisionsToAppend(article.sourceId(), stored, wanted));
        }
        List<CaseLink> storedLinks = existing == null
                ? List.of()
                : store.links(id).stream()
                        .map(l -> new CaseLink(
                                l.articleId(),
                                l.caseId(),
                                l.type(),
                                l.pinnedRevision(),
                                l.linkedBy(),
                                micros(l.linkedAt())))
                        .toList();
        for (TransferLink l : article.links()) {
            var link = new CaseLink(id, l.caseId(), l.type(), l.pinnedRevision(), l.linkedBy(), micros(l.linkedAt()));
            if (!storedLinks.contains(link)) {
                mutations.add(new Mutation.PutLink(link));
            }
        }
        List<Flag> storedFlags = existing == null
                ? List.of()
                : store.flags(id).stream().map(BulkImport::micros).toList();
        for (TransferFlag f : article.flags()) {
            var flag = new Flag(
                    f.id(),
                    id,
                    f.reason(),
                    f.comment().strip(),
                    f.raisedBy(),
                    micros(f.raisedAt()),
                    f.resolution()
                            .map(r -> new Flag.Resolution(
                                    r.resolvedBy(),
                                    micros(r.resolvedAt()),
                                    r.note().strip())));
            if (!storedFlags.contains(flag)) {
                mutations.add(new Mutation.PutFlag(flag));
            }
        }
        Set<String> storedFeedback = new HashSet<>();
        long storedViews = 0;
        if (existing != null) {
            store.feedback(id).forEach(f -> storedFeedback.add(f.id()));
            storedViews = store.article(id).map(a -> a.signals().viewCount()).orElse(0L);
        }
        for (TransferFeedback f : article.feedback()) {
            if (!storedFeedback.contains(f.id())) {
                mutations.add(new Mutation.AddFeedback(
                        new Feedback(f.id(), id, f.helpful(), f.comment().strip(), f.givenBy(), micros(f.givenAt()))));
            }
        }
        // The record's count is what the source counted: added up to it, never lowered, so that a re-run adds nothing
        // and views counted here since the last run are kept.
        for (long missing = article.views() - storedViews; missing > 0; missing -= Integer.MAX_VALUE) {
            mutations.add(new Mutation.AddViews(id, (int) Math.min(missing, Integer.MAX_VALUE)));
        }
        return new Plan(entry, id, List.copyOf(mutations), existing == null);
    }

    /** See {@link ArticleImport}: nothing, the record's later revisions, or one revision to its latest state. */
    private List<Mutation> revisionsToAppend(String sourceId, List<Revision> stored, List<Revision> wanted) {
        int common = 0;
        while (common < stored.size()
                && common < wanted.size()
                && stored.get(common).equals(wanted.get(common))) {
            common++;
        }
        if (common == wanted.size()) {
            return List.of();
        }
        var append = new ArrayList<Mutation>();
        if (common == stored.size()) {
            for (Revision revision : wanted.subList(common, wanted.size())) {
                append.add(new Mutation.AppendRevision(revision));
            }
            return append;
        }
        Revision have = stored.getLast();
        Revision want = wanted.getLast();
        boolean content = !have.content().equals(want.content());
        boolean state = have.state() != want.state();
        boolean audience = have.audience() != want.audience();
        boolean merged = !have.mergedInto().equals(want.mergedInto());
        if (!content && !state && !audience && !merged) {
            return List.of();
        }
        RevisionKind kind = merged
                ? RevisionKind.MERGED
                : content || (state && audience)
                        ? RevisionKind.REVISED
                        : state ? RevisionKind.STATE_CHANGED : RevisionKind.AUDIENCE_CHANGED;
        append.add(new Mutation.AppendRevision(new Revision(
                have.articleId(),
                have.number() + 1,
                want.content(),
                want.state(),
                want.audience(),
                want.mergedInto(),
                actor,
                micros(clock.instant()),
                kind,
                "Imported from " + sourceId + ": brought to the source's latest revision (the stored history"
                        + " differs from the source's)")));
        return append;
    }

    /** Links the translations the records name, now that every record is in; a link already there is skipped. */
    private void linkTranslations() {
        for (Entry entry : withTranslations) {
            ArticleId id = known.get(entry.article().sourceId());
            if (id == null) {
                continue;
            }
            var missing = new LinkedHashSet<String>();
            for (String translation : entry.article().translations()) {
                if (!known.containsKey(translation)) {
                    missing.add(translation);
                }
            }
            resolve(missing);
            for (String translation : entry.article().translations()) {
                ArticleId other = known.get(translation);
                if (other == null) {
                    fail(
                            entry.line(),
                            entry.article().sourceId(),
                            "imported, but its translation '" + translation + "' is neither in the input nor in the"
                                    + " knowledge base, so it was not linked");
                    continue;
                }
                Optional<Article> current = store.article(id);
                if (current.isEmpty() || current.get().translations().containsValue(other)) {
                    continue;
                }
                try {
                    store.commit(List.of(new Mutation.PutTranslation(id, other)));
                } catch (StorageException e) {
                    throw e;
                } catch (KbException | IllegalArgumentException e) {
                    fail(
                            entry.line(),
                            entry.article().sourceId(),
                            "imported, but not linked to its translation '" + translation + "': " + e.getMessage());
                }
            }
        }
    }

    private void fail(Entry entry, String reason) {
        fail(entry.line(), entry.article().sourceId(), reason);
    }

    private void fail(long line, String sourceId, String reason) {
        failures.add(new ImportFailure(line, sourceId, reason == null ? "failed" : reason));
        failedLines.add(line);
    }

    private static Revision micros(Revision r) {
        return new Revision(
                r.articleId(),
                r.number(),
                r.content(),
                r.state(),
                r.audience(),
                r.mergedInto(),
                r.author(),
                micros(r.at()),
                r.kind(),
                r.comment());
    }

    private static Flag micros(Flag f) {
        return new Flag(
                f.id(),
                f.articleId(),
                f.reason(),
                f.comment(),
                f.raisedBy(),
                micros(f.raisedAt()),
                f.resolution().map(r -> new Flag.Resolution(r.resolvedBy(), micros(r.resolvedAt()), r.note())));
    }

    private static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }
}
