package org.kcskb.store.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.kcskb.AuditEntry;
import org.kcskb.NotFoundException;
import org.kcskb.RevisionConflictException;
import org.kcskb.TranslationConflictException;
import org.kcskb.actor.Actor;
import org.kcskb.analytics.AnsweredQuery;
import org.kcskb.analytics.ContentGap;
import org.kcskb.analytics.PositionCount;
import org.kcskb.analytics.QueryCount;
import org.kcskb.analytics.ReportQuery;
import org.kcskb.analytics.SearchEvent;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleId;
import org.kcskb.article.CaseId;
import org.kcskb.article.CaseLink;
import org.kcskb.article.Feedback;
import org.kcskb.article.Flag;
import org.kcskb.article.Revision;
import org.kcskb.article.Signals;
import org.kcskb.store.spi.AnalyticsStore;
import org.kcskb.store.spi.ArticleStore;
import org.kcskb.store.spi.Change;
import org.kcskb.store.spi.Mutation;
import org.kcskb.store.spi.ReportScope;
import org.kcskb.vocabulary.VocabularyChange;
import org.kcskb.vocabulary.VocabularyEntry;

/**
 * An {@link ArticleStore} in memory. One lock serialises commits, which keeps the change feed in commit order;
 * a commit validates every mutation against a scratch copy before touching the real state, so a failed commit
 * changes nothing. Search analytics live in an {@link InMemoryAnalytics} with its own lock (so that recording
 * never waits for a commit), bounded to its {@value InMemoryAnalytics#DEFAULT_CAPACITY} newest events.
 * Thread-safe.
 */
public final class InMemoryArticleStore implements ArticleStore, AnalyticsStore {
    private final TreeMap<ArticleId, List<Revision>> revisions = new TreeMap<>();
    private final Map<ArticleId, LinkedHashMap<CaseId, CaseLink>> links = new HashMap<>();
    private final Map<String, Flag> flags = new LinkedHashMap<>();
    private final Map<ArticleId, List<Feedback>> feedback = new HashMap<>();
    private final Map<ArticleId, Long> views = new HashMap<>();
    /** Each member of a translation group maps to the group's members (itself included), one set per group. */
    private final Map<ArticleId, TreeSet<ArticleId>> translationGroups = new HashMap<>();
    /** The feed entries still kept, oldest first; the first has sequence {@code lastSequence - feed.size() + 1}. */
    private final List<Change> feed = new ArrayList<>();

    private final List<AuditEntry> audit = new ArrayList<>();
    private final String storeId = UUID.randomUUID().toString();
    private long lastSequence;
    private final InMemoryAnalytics analytics =
            new InMemoryAnalytics(InMemoryAnalytics.DEFAULT_CAPACITY, this::article);
    private long nextId = 1;
    private final LinkedHashMap<String, VocabularyEntry> vocabulary = new LinkedHashMap<>();
    private final List<VocabularyChange> vocabularyAudit = new ArrayList<>();
    private long nextVocabularyId = 1;
    private final LinkedHashMap<org.kcskb.notice.NoticeId, org.kcskb.notice.Notice> notices = new LinkedHashMap<>();
    private final List<org.kcskb.notice.NoticeChange> noticeAudit = new ArrayList<>();
    private final Map<org.kcskb.notice.NoticeId, org.kcskb.notice.NoticeStats> noticeCounts = new HashMap<>();
    private boolean closed;
    /** Source id to article, and back ({@link Mutation.PutSourceId}). */
    private final Map<String, ArticleId> articlesBySource = new HashMap<>();

    private final Map<ArticleId, String> sourceOfArticle = new HashMap<>();

    @Override
    public synchronized ArticleId allocateId() {
        ensureOpen();
        return ArticleId.of("KB-" + nextId++);
    }

    @Override
    public synchronized String allocateVocabularyId() {
        ensureOpen();
        return "V-" + nextVocabularyId++;
    }

    @Override
    public synchronized List<VocabularyEntry> vocabulary() {
        ensureOpen();
        return List.copyOf(vocabulary.values());
    }

    @Override
    public synchronized long putVocabulary(VocabularyEntry entry) {
        ensureOpen();
        Objects.requireNonNull(entry, "entry");
        if (entry.author().isEmpty()) {
            throw new IllegalArgumentException(
                    "A stored vocabulary entry names its author; " + entry.id() + " has none");
        }
        if (vocabulary.containsKey(entry.id())) {
            throw new IllegalArgumentException("The vocabulary entry " + entry.id() + " exists already");
        }
        vocabulary.put(entry.id(), entry);
        vocabularyAudit.add(
                new VocabularyChange(entry.created(), entry.author().get(), VocabularyChange.Action.ADDED, entry));
        append(Change.VOCABULARY_SUBJECT, Change.Kind.VOCABULARY, Instant.now());
        return lastSequence;
    }

    @Override
    public synchronized long removeVocabulary(String entryId, Actor actor, Instant at) {
        ensureOpen();
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(at, "at");
        VocabularyEntry removed = vocabulary.remove(Objects.requireNonNull(entryId, "entryId"));
        if (removed == null) {
            throw new NotFoundException("vocabulary entry", entryId, "list the entries with vocabulary()");
        }
        vocabularyAudit.add(new VocabularyChange(at, actor, VocabularyChange.Action.REMOVED, removed));
        append(Change.VOCABULARY_SUBJECT, Change.Kind.VOCABULARY, Instant.now());
        return lastSequence;
    }

    @Override
    public synchronized List<VocabularyChange> vocabularyAudit() {
        ensureOpen();
        return List.copyOf(vocabularyAudit);
    }

    @Override
    public synchronized long commit(List<Mutation> mutations) {
        ensureOpen();
        if (mutations.isEmpty()) {
            throw new IllegalArgumentException("A commit needs at least one mutation");
        }
        validate(mutations);
        Instant now = Instant.now();
        for (Mutation mutation : mutations) {
            apply(mutation, now);
        }
        return lastSequence;
    }

    /** Checks every mutation against the state the earlier mutations of the same commit would leave. */
    private void validate(List<Mutation> mutations) {
        Map<ArticleId, Integer> heads = new HashMap<>();
        Map<String, ArticleId> newSources = new HashMap<>();
        Map<String, ArticleId> newFlags = new HashMap<>();
        Map<ArticleId, Map<CaseId, Boolean>> linkExists = new HashMap<>();
        for (Mutation mutation : mutations) {
            switch (mutation) {
                case Mutation.AppendRevision m -> {
                    Revision r = m.revision();
                    int current = heads.computeIfAbsent(r.articleId(), this::head);
                    if (r.number() == 1 && current != 0) {
                        throw new RevisionConflictException(r.articleId(), 0, current);
                    }
                    if (r.number() > 1 && current == 0) {
                        throw missing(r.articleId());
                    }
                    if (r.number() != current + 1) {
                        throw new RevisionConflictException(r.articleId(), r.number() - 1, current);
                    }
                    heads.put(r.articleId(), r.number());
                }
                case Mutation.PutLink m -> {
                    requireArticle(heads, m.articleId());
                    linkExists
                            .computeIfAbsent(m.articleId(), k -> new HashMap<>())
                            .put(m.link().caseId(), true);
                }
                case Mutation.RemoveLink m -> {
                    requireArticle(heads, m.articleId());
                    boolean exists = linkExists
                            .computeIfAbsent(m.articleId(), k -> new HashMap<>())
                            .computeIfAbsent(m.caseId(), c -> links.getOrDefault(m.articleId(), new LinkedHashMap<>())
                                    .containsKey(c));
                    if (!exists) {
                        throw new NotFoundException(
                                "link", m.articleId() + " -> " + m.caseId(), "the article is not linked to that case");
                    }
                    linkExists.get(m.articleId()).put(m.caseId(), false);
                }
                case Mutation.MoveLinks m -> {
                    requireArticle(heads, m.articleId());
                    requireArticle(heads, m.target());
                }
                case Mutation.PutFlag m -> {
                    requireArticle(heads, m.articleId());
                    Flag existing = flags.get(m.flag().id());
                    // Also a flag put earlier in the same commit (a bulk import commits many articles at once).
                    ArticleId owner =
                            newFlags.getOrDefault(m.flag().id(), existing == null ? null : existing.articleId());
                    if (owner != null && !owner.equals(m.articleId())) {
                        throw new IllegalArgumentException(
                                "Flag " + m.flag().id() + " belongs to " + owner + ", not " + m.articleId());
                    }
                    newFlags.put(m.flag().id(), m.articleId());
                }
                case Mutation.AddFeedback m -> requireArticle(heads, m.articleId());
                case Mutation.AddViews m -> requireArticle(heads, m.articleId());
                case Mutation.PutTranslation m -> {
                    requireArticle(heads, m.articleId());
                    requireArticle(heads, m.translation());
                    // Against the groups and languages before this commit: a commit links, it does not also revise.
                    checkLanguages(
                            translationGroups.getOrDefault(m.articleId(), new TreeSet<>(Set.of(m.articleId()))),
                            translationGroups.getOrDefault(m.translation(), new TreeSet<>(Set.of(m.translation()))));
                }
                case Mutation.RemoveTranslation m -> requireArticle(heads, m.articleId());
                case Mutation.ExpectRevision m -> {
                    int current = heads.computeIfAbsent(m.articleId(), this::head);
                    if (current == 0) {
                        throw missing(m.articleId());
                    }
                    if (current != m.revision()) {
                        throw new RevisionConflictException(m.articleId(), m.revision(), current);
                    }
                }
                case Mutation.Purge m -> {
                    requireArticle(heads, m.articleId());
                    heads.put(m.articleId(), 0);
                }
                case Mutation.PutSourceId m -> {
                    requireArticle(heads, m.articleId());
                    ArticleId mapped = newSources.getOrDefault(m.sourceId(), articlesBySource.get(m.sourceId()));
                    String source = sourceOfArticle.get(m.articleId());
                    if (source == null) {
                        for (var e : newSources.entrySet()) {
                            if (e.getValue().equals(m.articleId())) {
                                source = e.getKey();
                            }
                        }
                    }
                    requireSameSource(m, mapped, source);
                    newSources.put(m.sourceId(), m.articleId());
                }
                case Mutation.Redact m -> {
                    int current = heads.computeIfAbsent(m.articleId(), this::head);
                    if (current == 0) {
                        throw missing(m.articleId());
                    }
                    if (m.redacted().number() > current) {
                        throw new NotFoundException(
                                "revision",
                                m.articleId() + " revision " + m.redacted().number(),
                                "the article has revisions 1 to " + current);
                    }
                }
            }
        }
    }

    private void requireArticle(Map<ArticleId, Integer> heads, ArticleId id) {
        if (heads.computeIfAbsent(id, this::head) == 0) {
            throw missing(id);
        }
    }

    private int head(ArticleId id) {
        List<Revision> list = revisions.get(id);
        return list == null ? 0 : list.size();
    }

    private void apply(Mutation mutation, Instant now) {
        switch (mutation) {
            case Mutation.AppendRevision m -> {
                revisions.computeIfAbsent(m.articleId(), k -> new ArrayList<>()).add(m.revision());
                append(m.articleId(), Change.Kind.CONTENT, now);
            }
            case Mutation.PutLink m -> {
                var map = links.computeIfAbsent(m.articleId(), k -> new LinkedHashMap<>());
                map.remove(m.link().caseId());
                map.put(m.link().caseId(), m.link());
                append(m.articleId(), Change.Kind.SIGNALS, now);
            }
            case Mutation.RemoveLink m -> {
                links.get(m.articleId()).remove(m.caseId());
                append(m.articleId(), Change.Kind.SIGNALS, now);
            }
            case Mutation.MoveLinks m -> {
                var from = links.getOrDefault(m.articleId(), new LinkedHashMap<>());
                var to = links.computeIfAbsent(m.target(), k -> new LinkedHashMap<>());
                for (CaseLink link : from.values()) {
                    to.putIfAbsent(
                            link.caseId(),
                            new CaseLink(
                                    m.target(),
                                    link.caseId(),
                                    link.type(),
                                    head(m.target()),
                                    link.linkedBy(),
                                    link.linkedAt()));
                }
                from.clear();
                append(m.articleId(), Change.Kind.SIGNALS, now);
                append(m.target(), Change.Kind.SIGNALS, now);
            }
            case Mutation.PutFlag m -> {
                flags.put(m.flag().id(), m.flag());
                append(m.articleId(), Change.Kind.SIGNALS, now);
            }
            case Mutation.AddFeedback m -> {
                feedback.computeIfAbsent(m.articleId(), k -> new ArrayList<>()).add(m.feedback());
                append(m.articleId(), Change.Kind.SIGNALS, now);
            }
            case Mutation.AddViews m -> {
                views.merge(m.articleId(), (long) m.count(), Long::sum);
                append(m.articleId(), Change.Kind.SIGNALS, now);
            }
            case Mutation.ExpectRevision m -> {
                // Checked in validate(), under the same lock.
            }
            case Mutation.Purge m -> {
                ArticleId id = m.articleId();
                revisions.remove(id);
                links.remove(id);
                flags.values().removeIf(f -> f.articleId().equals(id));
                feedback.remove(id);
                views.remove(id);
                audit.add(m.audit());
                String source = sourceOfArticle.remove(id);
                if (source != null) {
                    articlesBySource.remove(source);
                }
                append(id, Change.Kind.CONTENT, now);
                for (ArticleId other : leaveTranslationGroup(id)) {
                    append(other, Change.Kind.CONTENT, now);
                }
            }
            case Mutation.PutTranslation m -> {
                var joined = new TreeSet<ArticleId>();
                joined.addAll(translationGroups.getOrDefault(m.articleId(), new TreeSet<>(Set.of(m.articleId()))));
                joined.addAll(translationGroups.getOrDefault(m.translation(), new TreeSet<>(Set.of(m.translation()))));
                for (ArticleId member : joined) {
                    translationGroups.put(member, joined);
                    append(member, Change.Kind.CONTENT, now);
                }
            }
            case Mutation.RemoveTranslation m -> {
                var changed = new TreeSet<ArticleId>(leaveTranslationGroup(m.articleId()));
                if (!changed.isEmpty()) {
                    changed.add(m.articleId());
                }
                for (ArticleId member : changed) {
                    append(member, Change.Kind.CONTENT, now);
                }
            }
            case Mutation.PutSourceId m -> {
                articlesBySource.put(m.sourceId(), m.articleId());
                sourceOfArticle.put(m.articleId(), m.sourceId());
            }
            case Mutation.Redact m -> {
                revisions.get(m.articleId()).set(m.redacted().number() - 1, m.redacted());
                audit.add(m.audit());
                append(m.articleId(), Change.Kind.CONTENT, now);
            }
        }
    }

    /** Fails if joining two translation groups would put two articles of one language into the joined group. */
    private void checkLanguages(Set<ArticleId> first, Set<ArticleId> second) {
        // The larger group is the one joined, so that the error names the translation already there.
        Set<ArticleId> group = second.size() > first.size() ? second : first;
        Set<ArticleId> joining = group == first ? second : first;
        var languages = new HashMap<java.util.Locale, ArticleId>();
        for (ArticleId member : group) {
            languages.put(revisions.get(member).getLast().content().language(), member);
        }
        for (ArticleId member : joining) {
            java.util.Locale language =
                    revisions.get(member).getLast().content().language();
            ArticleId existing = languages.get(language);
            if (existing != null && !group.contains(member)) {
                throw new TranslationConflictException(member, language, existing);
            }
        }
    }

    /**
     * Takes {@code id} out of its translation group, dissolving a group left with one member, and returns the other
     * members of the group it left, in id order (empty when it had none).
     */
    private TreeSet<ArticleId> leaveTranslationGroup(ArticleId id) {
        TreeSet<ArticleId> group = translationGroups.remove(id);
        if (group == null) {
            return new TreeSet<>();
        }
        var rest = new TreeSet<>(group);
        rest.remove(id);
        for (ArticleId member : rest) {
            if (rest.size() == 1) {
                translationGroups.remove(member);
            } else {
                translationGroups.put(member, rest);
            }
        }
        return new TreeSet<>(rest);
    }

    private void append(ArticleId id, Change.Kind kind, Instant at) {
        feed.add(new Change(++lastSequence, id, kind, at));
    }

    @Override
    public synchronized Optional<Article> article(ArticleId id) {
        ensureOpen();
        List<Revision> list = revisions.get(id);
        if (list == null) {
            return Optional.empty();
        }
        var fb = feedback.getOrDefault(id, List.of());
        int helpful = (int) fb.stream().filter(Feedback::helpful).count();
        int openFlags = (int) flags.values().stream()
                .filter(f -> f.articleId().equals(id) && f.isOpen())
                .count();
        var signals = new Signals(
                links.getOrDefault(id, new LinkedHashMap<>()).size(),
                views.getOrDefault(id, 0L),
                helpful,
                fb.size() - helpful,
                openFlags);
        var translations = new HashMap<java.util.Locale, ArticleId>();
        for (ArticleId member : translationGroups.getOrDefault(id, new TreeSet<>())) {
            if (!member.equals(id)) {
                translations.putIfAbsent(
                        revisions.get(member).getLast().content().language(), member);
            }
        }
        return Optional.of(Article.of(list.getFirst(), list.getLast(), signals).withTranslations(translations));
    }

    @Override
    public synchronized List<org.kcskb.browse.ArticleSummary> browse(
            org.kcskb.browse.BrowseRequest request,
            org.kcskb.lifecycle.Visibility visibility,
            Optional<org.kcskb.browse.BrowseCursor> after,
            int limit) {
        var browsing = new Browsing(request, visibility, after, limit);
        scanForBrowsing(browsing);
        return browsing.page();
    }

    @Override
    public synchronized org.kcskb.browse.BrowseCounts browseCounts(
            org.kcskb.browse.BrowseRequest request, org.kcskb.lifecycle.Visibility visibility) {
        var browsing = new Browsing(request, visibility, Optional.empty(), 0);
        scanForBrowsing(browsing);
        return browsing.counts();
    }

    /** One pass over the heads: flags grouped once, so a page costs O(articles + flags), not their product. */
    private void scanForBrowsing(Browsing browsing) {
        ensureOpen();
        var openFlags = new HashMap<ArticleId, int[]>();
        var oldestOpen = new HashMap<ArticleId, Instant>();
        for (Flag flag : flags.values()) {
            if (flag.isOpen()) {
                openFlags.computeIfAbsent(flag.articleId(), k -> new int[1])[0]++;
                oldestOpen.merge(flag.articleId(), flag.raisedAt(), (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        for (var entry : revisions.entrySet()) {
            ArticleId id = entry.getKey();
            List<Revision> list = entry.getValue();
            if (!browsing.mayMatch(
                    list.getLast().state(),
                    list.getLast().audience(),
                    list.getFirst().author().id())) {
                continue;
            }
            var fb = feedback.getOrDefault(id, List.of());
            int helpful = (int) fb.stream().filter(Feedback::helpful).count();
            var articleLinks = links.getOrDefault(id, new LinkedHashMap<>());
            int[] open = openFlags.get(id);
            var signals = new Signals(
                    articleLinks.size(),
                    views.getOrDefault(id, 0L),
                    helpful,
                    fb.size() - helpful,
                    open == null ? 0 : open[0]);
            Article article = Article.of(list.getFirst(), list.getLast(), signals);
            Optional<Instant> lastReused =
                    articleLinks.values().stream().map(CaseLink::linkedAt).max(Instant::compareTo);
            var summary =
                    org.kcskb.browse.ArticleSummary.of(article, lastReused, Optional.ofNullable(oldestOpen.get(id)));
            browsing.offer(article, summary);
        }
    }

    @Override
    public synchronized List<Revision> revisions(ArticleId id) {
        ensureOpen();
        return List.copyOf(revisions.getOrDefault(id, List.of()));
    }

    @Override
    public synchronized Optional<Revision> revision(ArticleId id, int number) {
        ensureOpen();
        List<Revision> list = revisions.getOrDefault(id, List.of());
        return number >= 1 && number <= list.size() ? Optional.of(list.get(number - 1)) : Optional.empty();
    }

    @Override
    public synchronized List<CaseLink> links(ArticleId id) {
        ensureOpen();
        return byTime(links.getOrDefault(id, new LinkedHashMap<>()).values());
    }

    @Override
    public synchronized List<CaseLink> linksOfCase(CaseId caseId) {
        ensureOpen();
        var result = new ArrayList<CaseLink>();
        for (var map : links.values()) {
            CaseLink link = map.get(caseId);
            if (link != null) {
                result.add(link);
            }
        }
        return byTime(result);
    }

    private static List<CaseLink> byTime(java.util.Collection<CaseLink> links) {
        return links.stream()
                .sorted(Comparator.comparing(CaseLink::linkedAt)
                        .thenComparing(l -> l.articleId().value()))
                .toList();
    }

    @Override
    public synchronized List<Flag> flags(ArticleId id) {
        ensureOpen();
        return flags.values().stream()
                .filter(f -> f.articleId().equals(id))
                .sorted(Comparator.comparing(Flag::raisedAt))
                .toList();
    }

    @Override
    public synchronized Optional<Flag> flag(String flagId) {
        ensureOpen();
        return Optional.ofNullable(flags.get(flagId));
    }

    @Override
    public synchronized List<Feedback> feedback(ArticleId id) {
        ensureOpen();
        return List.copyOf(feedback.getOrDefault(id, List.of()));
    }

    @Override
    public synchronized List<Change> changesAfter(long sequence, int limit) {
        ensureOpen();
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
        long oldest = lastSequence - feed.size() + 1;
        int from = (int) Math.min(Math.max(sequence - oldest + 1, 0), feed.size());
        return List.copyOf(feed.subList(from, Math.min(feed.size(), from + limit)));
    }

    @Override
    public synchronized long lastSequence() {
        ensureOpen();
        return lastSequence;
    }

    @Override
    public synchronized long oldestSequence() {
        ensureOpen();
        return lastSequence - feed.size() + 1;
    }

    @Override
    public synchronized long trimChanges(long upToSequence, Instant olderThan) {
        ensureOpen();
        // The newest entry stays, so that a reopened follower still finds where the feed ends.
        int remove = 0;
        while (remove < feed.size() - 1
                && feed.get(remove).sequence() <= upToSequence
                && feed.get(remove).at().isBefore(olderThan)) {
            remove++;
        }
        feed.subList(0, remove).clear();
        return remove;
    }

    @Override
    public synchronized long forgetFeedbackComments(Instant olderThan) {
        ensureOpen();
        long changed = 0;
        for (List<Feedback> list : feedback.values()) {
            for (int i = 0; i < list.size(); i++) {
                Feedback f = list.get(i);
                if (!f.comment().isEmpty() && f.givenAt().isBefore(olderThan)) {
                    list.set(i, new Feedback(f.id(), f.articleId(), f.helpful(), "", f.givenBy(), f.givenAt()));
                    changed++;
                }
            }
        }
        return changed;
    }

    @Override
    public synchronized List<AuditEntry> auditTrail(Optional<ArticleId> articleId) {
        ensureOpen();
        return audit.stream()
                .filter(e -> articleId.isEmpty() || e.articleId().equals(articleId.get()))
                .toList();
    }

    @Override
    public String storeId() {
        return storeId;
    }

    @Override
    public synchronized List<ArticleId> articleIds(Optional<ArticleId> after, int limit) {
        ensureOpen();
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
        var keys = after.isPresent() ? revisions.tailMap(after.get(), false).keySet() : revisions.keySet();
        return keys.stream().limit(limit).toList();
    }

    // ---- Analytics: a separate lock, see the class comment --------------------------------------------------

    @Override
    public void append(List<SearchEvent> events) {
        analytics.append(events);
    }

    @Override
    public List<org.kcskb.analytics.Reformulation> reformulations(ReportQuery query, java.time.Duration within) {
        return analytics.reformulations(query, within);
    }

    @Override
    public List<ContentGap> contentGaps(ReportQuery query) {
        return analytics.contentGaps(query);
    }

    @Override
    public List<QueryCount> topQueries(ReportQuery query) {
        return analytics.topQueries(query);
    }

    @Override
    public List<PositionCount> clickPositions(ReportQuery query) {
        return analytics.clickPositions(query);
    }

    @Override
    public List<AnsweredQuery> answeredQueries(ReportQuery query) {
        return analytics.answeredQueries(query);
    }

    @Override
    public List<ContentGap> contentGaps(ReportQuery query, ReportScope scope) {
        return analytics.contentGaps(query, scope);
    }

    @Override
    public List<QueryCount> topQueries(ReportQuery query, ReportScope scope) {
        return analytics.topQueries(query, scope);
    }

    @Override
    public Map<String, Long> searchesPerProduct(ReportQuery query, ReportScope scope) {
        return analytics.searchesPerProduct(query, scope);
    }

    @Override
    public List<PositionCount> clickPositions(ReportQuery query, ReportScope scope) {
        return analytics.clickPositions(query, scope);
    }

    @Override
    public List<AnsweredQuery> answeredQueries(ReportQuery query, ReportScope scope) {
        return analytics.answeredQueries(query, scope);
    }

    @Override
    public long forgetArticle(ArticleId id) {
        return analytics.forgetArticle(id);
    }

    @Override
    public long deleteEvents(Instant before, long maxRows) {
        return analytics.deleteEvents(before, maxRows);
    }

    @Override
    public void blockQuery(String normalizedQuery) {
        analytics.blockQuery(normalizedQuery);
    }

    @Override
    public Set<String> blockedQueries() {
        return analytics.blockedQueries();
    }

    @Override
    public byte[] visitorHashKey() {
        return analytics.visitorHashKey();
    }

    @Override
    public synchronized void close() {
        closed = true;
        analytics.close();
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("The store is closed");
        }
    }

    private static NotFoundException missing(ArticleId id) {
        return new NotFoundException("article", id.value(), "capture it first");
    }

    @Override
    public String toString() {
        return "InMemoryArticleStore";
    }

    // ---- Known-issue notices --------------------------------------------------------------------------------

    @Override
    public synchronized List<org.kcskb.notice.Notice> notices() {
        ensureOpen();
        return List.copyOf(notices.values());
    }

    @Override
    public synchronized long putNotice(org.kcskb.notice.Notice notice, org.kcskb.notice.NoticeChange change) {
        ensureOpen();
        Objects.requireNonNull(notice, "notice");
        Objects.requireNonNull(change, "change");
        if (!change.notice().equals(notice.id())) {
            throw new IllegalArgumentException("The change names notice " + change.notice() + ", not " + notice.id());
        }
        boolean stored = notices.containsKey(notice.id());
        if (change.action() == org.kcskb.notice.NoticeChange.Action.PUBLISHED && stored) {
            throw new IllegalArgumentException("The notice " + notice.id() + " exists already");
        }
        if (change.action() == org.kcskb.notice.NoticeChange.Action.ENDED && !stored) {
            throw new NotFoundException("notice", notice.id().value(), "list the notices with notices(viewer)");
        }
        notices.put(notice.id(), notice);
        noticeAudit.add(change);
        append(Change.NOTICE_SUBJECT, Change.Kind.NOTICE, Instant.now());
        return lastSequence;
    }

    @Override
    public synchronized List<org.kcskb.notice.NoticeChange> noticeAudit() {
        ensureOpen();
        return List.copyOf(noticeAudit);
    }

    @Override
    public synchronized List<org.kcskb.notice.NoticeStats> noticeStats() {
        ensureOpen();
        return List.copyOf(noticeCounts.values());
    }

    @Override
    public synchronized void addNoticeCounts(List<org.kcskb.notice.NoticeStats> counts) {
        ensureOpen();
        for (org.kcskb.notice.NoticeStats count : counts) {
            if (notices.containsKey(count.notice())) {
                noticeCounts.merge(count.notice(), count, (old, more) -> old.plus(more.impressions(), more.answered()));
            }
        }
    }

    // ---- Content health -----------------------------------------------------------------------------------

    /** Case closures by case id: a later closure of a case replaces the earlier one. */
    private final Map<CaseId, org.kcskb.health.CaseClosure> caseClosures = new HashMap<>();

    /** One pass over the heads, with the flags grouped by article once (they are kept by flag id). */
    @Override
    public synchronized void scanActivity(java.util.function.Consumer<org.kcskb.store.spi.ArticleActivity> action) {
        ensureOpen();
        var flagsOf = new HashMap<ArticleId, List<Flag>>(Math.max(16, flags.size() * 2));
        for (Flag flag : flags.values()) {
            flagsOf.computeIfAbsent(flag.articleId(), k -> new ArrayList<>()).add(flag);
        }
        for (var entry : revisions.entrySet()) {
            ArticleId id = entry.getKey();
            List<Revision> list = entry.getValue();
            var fb = feedback.getOrDefault(id, List.of());
            int helpful = 0;
            for (Feedback f : fb) {
                helpful += f.helpful() ? 1 : 0;
            }
            var articleLinks = links.get(id);
            List<Flag> articleFlags = flagsOf.getOrDefault(id, List.of());
            if (articleFlags.size() > 1) {
                articleFlags.sort(Comparator.comparing(Flag::raisedAt));
            }
            int open = 0;
            for (Flag f : articleFlags) {
                open += f.isOpen() ? 1 : 0;
            }
            var signals = new Signals(
                    articleLinks == null ? 0 : articleLinks.size(),
                    views.getOrDefault(id, 0L),
                    helpful,
                    fb.size() - helpful,
                    open);
            action.accept(new org.kcskb.store.spi.ArticleActivity(
                    Article.of(list.getFirst(), list.getLast(), signals),
                    articleLinks == null || articleLinks.isEmpty()
                            ? List.of()
                            : articleLinks.size() == 1
                                    ? List.of(articleLinks.values().iterator().next())
                                    : byTime(articleLinks.values()),
                    articleFlags,
                    fb));
        }
    }

    @Override
    public synchronized void putCaseClosure(org.kcskb.health.CaseClosure closure) {
        ensureOpen();
        caseClosures.put(closure.caseId(), closure);
    }

    @Override
    public synchronized List<org.kcskb.health.CaseClosure> caseClosures(org.kcskb.browse.TimeRange closedIn) {
        ensureOpen();
        return caseClosures.values().stream()
                .filter(closure -> closedIn.contains(closure.closed()))
                .sorted(java.util.Comparator.comparing(org.kcskb.health.CaseClosure::closed)
                        .thenComparing(closure -> closure.caseId().value()))
                .toList();
    }

    @Override
    public synchronized List<Flag> flagsRaised(org.kcskb.browse.TimeRange raisedIn) {
        ensureOpen();
        Objects.requireNonNull(raisedIn, "raisedIn");
        return flags.values().stream()
                .filter(flag -> raisedIn.contains(flag.raisedAt()))
                .sorted(ArticleStore.FLAGS_RAISED_ORDER)
                .toList();
    }

    /** Fails unless {@code m} maps a free source id to an unmapped article, or repeats an existing mapping. */
    static void requireSameSource(Mutation.PutSourceId m, ArticleId mapped, String source) {
        if (mapped != null && !mapped.equals(m.articleId())) {
            throw new IllegalArgumentException("Source id '" + m.sourceId() + "' is mapped to " + mapped
                    + " already; it cannot also name " + m.articleId());
        }
        if (source != null && !source.equals(m.sourceId())) {
            throw new IllegalArgumentException("Article " + m.articleId() + " was imported from source id '" + source
                    + "'; it cannot also be '" + m.sourceId() + "'");
        }
    }

    @Override
    public synchronized Map<String, ArticleId> articlesBySourceId(java.util.Collection<String> sourceIds) {
        ensureOpen();
        var found = new HashMap<String, ArticleId>();
        for (String sourceId : sourceIds) {
            ArticleId id = articlesBySource.get(Objects.requireNonNull(sourceId, "sourceId"));
            if (id != null) {
                found.put(sourceId, id);
            }
        }
        return Map.copyOf(found);
    }

    @Override
    public synchronized Map<ArticleId, String> sourceIds(java.util.Collection<ArticleId> articleIds) {
        ensureOpen();
        var found = new HashMap<ArticleId, String>();
        for (ArticleId id : articleIds) {
            String source = sourceOfArticle.get(Objects.requireNonNull(id, "articleId"));
            if (source != null) {
                found.put(id, source);
            }
        }
        return Map.copyOf(found);
    }
}
