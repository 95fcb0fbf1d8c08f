package org.kcskb;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.kcskb.actor.Actor;
import org.kcskb.actor.Licence;
import org.kcskb.actor.Viewer;
import org.kcskb.analytics.AnsweredQuery;
import org.kcskb.analytics.ContentGap;
import org.kcskb.analytics.PositionCount;
import org.kcskb.analytics.QueryCount;
import org.kcskb.analytics.RecordingStats;
import org.kcskb.analytics.ReportQuery;
import org.kcskb.analytics.SearchAnalytics;
import org.kcskb.analytics.SearchEvent;
import org.kcskb.analytics.SearchId;
import org.kcskb.analytics.SearchOrigin;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleHistory;
import org.kcskb.article.ArticleId;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.article.CaseId;
import org.kcskb.article.CaseLink;
import org.kcskb.article.Environment;
import org.kcskb.article.Feedback;
import org.kcskb.article.Flag;
import org.kcskb.article.FlagReason;
import org.kcskb.article.Languages;
import org.kcskb.article.LinkType;
import org.kcskb.article.Revision;
import org.kcskb.article.RevisionField;
import org.kcskb.article.RevisionKind;
import org.kcskb.language.LanguageDetector;
import org.kcskb.lifecycle.Action;
import org.kcskb.lifecycle.ContentStandard;
import org.kcskb.lifecycle.KcsLifecyclePolicy;
import org.kcskb.lifecycle.LifecyclePolicy;
import org.kcskb.lifecycle.Proposal;
import org.kcskb.lifecycle.Refusal;
import org.kcskb.lifecycle.Visibility;
import org.kcskb.lifecycle.VisibilityPolicy;
import org.kcskb.metrics.IndexStatus;
import org.kcskb.metrics.MetricsListener;
import org.kcskb.metrics.Outcome;
import org.kcskb.notice.Notice;
import org.kcskb.notice.NoticeChange;
import org.kcskb.notice.NoticeDraft;
import org.kcskb.notice.NoticeId;
import org.kcskb.notice.NoticeStats;
import org.kcskb.search.QueryCacheStats;
import org.kcskb.search.SearchHit;
import org.kcskb.search.SearchRequest;
import org.kcskb.search.SearchResult;
import org.kcskb.search.SimilarArticle;
import org.kcskb.search.Suggestion;
import org.kcskb.search.spi.SearchEngine;
import org.kcskb.search.spi.SearchEngineContext;
import org.kcskb.search.spi.SearchEngineProvider;
import org.kcskb.store.internal.InMemoryAnalytics;
import org.kcskb.store.spi.AnalyticsStore;
import org.kcskb.store.spi.ArticleStore;
import org.kcskb.store.spi.Mutation;
import org.kcskb.store.spi.ReportScope;
import org.kcskb.vocabulary.SynonymProposal;
import org.kcskb.vocabulary.Vocabulary;
import org.kcskb.vocabulary.VocabularyChange;
import org.kcskb.vocabulary.VocabularyEntry;
import org.kcskb.vocabulary.VocabularyRule;

/**
 * The knowledge base over an {@link ArticleStore}: checks every write (limits, content standard, lifecycle
 * policy), commits it to the store, and delegates searches to the engine that follows the store. Search
 * analytics go through a {@link SearchEventRecorder} to the store's {@link AnalyticsStore} side, or to an
 * {@link InMemoryAnalytics} when the store has none.
 */
final class StoreBackedKnowledgeBase implements KnowledgeBase {
    private static final System.Logger LOG = System.getLogger(StoreBackedKnowledgeBase.class.getName());

    private final ArticleStore store;
    private final Vocabulary baseVocabulary;
    private final AnalyticsStore analyticsStore;
    private final SearchEventRecorder recorder;
    private final SearchAnalytics analytics = new Reports(ReportScope.everything());
    private final Optional<SearchEngine> engine;
    private final LifecyclePolicy lifecyclePolicy;
    private final VisibilityPolicy visibilityPolicy;
    private final ContentStandard contentStandard;
    private final Limits limits;
    private final Clock clock;
    private final Retention retention;
    /** Tells the stored language of articles and searches that were given none, whatever the engine. */
    private final LanguageDetector languageDetector;
    /**
     * Runs {@link #enforceRetention()} every {@link Retention#interval()} on the knowledge base's scheduler;
     * cancelled by close().
     */
    private final ScheduledFuture<?> retentionTask;

    /**
     * How often, at the most, each node reads the learned suggestions and blocks from the store, to learn what
     * other nodes over the same store recorded.
     */
    static final Duration SUGGESTION_REFRESH = Duration.ofSeconds(5);

    private final AtomicBoolean closed = new AtomicBoolean();
    /** Told of every search, suggestion and store commit; {@link MetricsListener#none()} skips the timing. */
    private volatile MetricsListener metrics = MetricsListener.none();
    /** Whether searches, clicks, picks and links from a search are recorded for the analytics. */
    private final boolean recordSearches;
    /** What may be learned as a query suggestion, and the blocked suggestions. */
    private final LearningRules learning;

    private final VisitorHasher visitors;
    /** The recent searches, to check clicks and links from a search against. */
    private final RecentSearches recentSearches;
    /** Article views, counted in memory and written in batches by the recorder's rounds. */
    private final ViewCounter views;
    /** The known-issue notices in memory and their pending counts; refreshed and written by the recorder's rounds. */
    private final NoticeBoard notices;
    /** Learns answered queries as events are written; null without a search engine. Recorder's rounds only. */
    private final AnswerLearner learner;

    StoreBackedKnowledgeBase(
            ArticleStore store,
            Optional<SearchEngineProvider> provider,
            LanguageDetector languageDetector,
            Optional<Path> indexDirectory,
            Duration refreshInterval,
            boolean recordSearches,
            LifecyclePolicy lifecyclePolicy,
            VisibilityPolicy visibilityPolicy,
            ContentStandard contentStandard,
            Limits limits,
            Clock clock,
            AnalyticsSettings analyticsSettings,
            Retention retention,
            ScheduledExecutorService scheduler,
            Vocabulary baseVocabulary) {
        this.store = store;
        this.baseVocabulary = baseVocabulary;
        this.lifecyclePolicy = lifecyclePolicy;
        this.visibilityPolicy = visibilityPolicy;
        this.contentStandard = contentStandard;
        this.limits = limits;
        this.clock = clock;
        this.retention = retention;
        this.emergingScheduler = scheduler;
        this.languageDetector = languageDetector;
        this.engine = provider.map(p -> p.open(new SearchEngineContext(
                store, indexDirectory, refreshInterval, visibilityPolicy, clock, scheduler, baseVocabulary)));
        this.analyticsStore = store instanceof AnalyticsStore a
                ? a
                : new InMemoryAnalytics(InMemoryAnalytics.DEFAULT_CAPACITY, store::article);
        this.recentSearches =
                new RecentSearches(RecentSearches.DEFAULT_CAPACITY, RecentSearches.DEFAULT_MAX_AGE, clock);
        this.views = new ViewCounter(store);
        this.notices = new NoticeBoard(store);
        Consumer<List<SearchEvent>> written = events -> {};
        AnswerLearner answerLearner = null;
        try {
            var blocked = new HashSet<>(analyticsSettings.blocked());
            blocked.addAll(analyticsStore.blockedQueries());
            this.learning =
                    new LearningRules(analyticsSettings.minVisitors(), analyticsSettings.personalData(), blocked);
            this.visitors =
                    new VisitorHasher(analyticsSettings.visitorHashKey().orElseGet(analyticsStore::visitorHashKey));
            if (engine.isPresent()) {
                SearchEngine searchEngine = engine.get();
                // The queries that found answers before, under the same rules as those learned while running:
                // hits (in the report), audience (kept with each answer), distinct visitors, not personal or
                // blocked.
                List<AnsweredQuery> learned = storedAnswers();
                searchEngine.learnQueries(learned);
                answerLearner = new AnswerLearner(learning, searchEngine::learnQueries);
                answerLearner.learned(learned);
                written = answerLearner;
            }
        } catch (RuntimeException e) {
            engine.ifPresent(SearchEngine::close);
            throw e;
        }
        this.learner = answerLearner;
        this.recorder = new SearchEventRecorder(
                analyticsStore,
                SearchEventRecorder.DEFAULT_CAPACITY,
                this::withDetectedLanguage,
                written,
                new Housekeeping(analyticsSettings),
                scheduler);
        // Last: nothing after this can fail and leave a task scheduled. The recorder's rounds also write view counts
        // and enforce analytics retention, so they run even when searches are not recorded.
        this.recordSearches = recordSearches;
        long every = retention.interval().toMillis();
        try {
            recorder.start();
            this.retentionTask = scheduler.scheduleWithFixedDelay(
                    this::enforceRetentionQuietly, every, every, TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            // The host's scheduler was shut down under the builder.
            recorder.close();
            engine.ifPresent(SearchEngine::close);
            throw e;
        }
    }

    /**
     * The answered queries in the store that may be suggested: those that found answers before, under the same
     * rules as those learned while running: hits (in the report), audience (kept with each answer), distinct
     * visitors, not personal or blocked.
     */
    private List<AnsweredQuery> storedAnswers() {
        return analyticsStore.answeredQueries(ReportQuery.all().withLimit(ReportQuery.MAX_LIMIT)).stream()
                .filter(a -> a.visitors() >= learning.minVisitors() && learning.learnable(a.query()))
                .toList();
    }

    /**
     * The recorder rounds' other work: batched view counts, retention by the knowledge base's clock, and catching
     * up with what other nodes over the same store learned and blocked.
     */
    private final class Housekeeping implements SearchEventRecorder.Housekeeping {
        private final Duration retentionAge;
        private final long retentionRows;
        private Instant nextRetention = Instant.MIN;
        /** When (System.nanoTime) the learned suggestions are next read from the store. */
        private long nextSuggestions = System.nanoTime() + SUGGESTION_REFRESH.toNanos();

        Housekeeping(AnalyticsSettings settings) {
            this.retentionAge = settings.retentionAge();
            this.retentionRows = settings.retentionRows();
        }

        @Override
        public void round() {
            views.maybeFlush();
            Instant now = clock.instant();
            if (!now.isBefore(nextRetention)) {
                nextRetention = now.plus(AnalyticsSettings.RETENTION_INTERVAL);
                analyticsStore.deleteEvents(now.minus(retentionAge), retentionRows);
            }
            if (learner != null && System.nanoTime() - nextSuggestions >= 0) {
                refreshSuggestions();
            }
            notices.round();
        }

        /**
         * Applies the blocks and learns the answered queries that other nodes over the same store recorded, or
         * that reached the threshold of distinct visitors only across nodes. Reading them costs what the start-up
         * read costs; the next read comes after {@link #SUGGESTION_REFRESH} or 20 times as long as this one took,
         * whichever is later, so that a large analytics table costs the database at most about a twentieth of
         * one connection's time.
         */
        private void refreshSuggestions() {
            long start = System.nanoTime();
            nextSuggestions = start + SUGGESTION_REFRESH.toNanos();
            Set<String> blocked = analyticsStore.blockedQueries();
            List<AnsweredQuery> answered = storedAnswers();
            // Only the reads count: applying what they found is this node's work, not the database's.
            nextSuggestions = start + Math.max(SUGGESTION_REFRESH.toNanos(), 20 * (System.nanoTime() - start));
            for (String query : blocked) {
                if (!learning.blocked(query)) {
                    learning.block(query);
                    engine.ifPresent(e -> e.forgetQuery(query));
                }
            }
            learner.caughtUp(answered);
        }

        @Override
        public void last() {
            views.flush();
            notices.flush();
        }
    }

    // ---- Retention ----------------------------------------------------------------------------------------

    /**
     * Applies the {@link Retention} settings once, against the knowledge base's clock: trims the change feed and
     * empties old feedback comments. Returns what it removed, as {feed entries, comments}.
     */
    long[] enforceRetention() {
        ensureOpen();
        Instant now = clock.instant();
        long upTo = store.lastSequence() - retention.changeFeedKeep();
        long trimmed = upTo < 1 ? 0 : store.trimChanges(upTo, now.minus(retention.changeFeedAge()));
        long comments = store.forgetFeedbackComments(now.minus(retention.feedbackCommentAge()));
        return new long[] {trimmed, comments};
    }

    private void enforceRetentionQuietly() {
        if (closed.get()) {
            return;
        }
        try {
            long[] removed = enforceRetention();
            if (removed[0] + removed[1] > 0) {
                LOG.log(
                        System.Logger.Level.INFO,
                        "Retention removed " + removed[0] + " change-feed entries and emptied " + removed[1]
                                + " feedback comments in " + store);
            }
        } catch (RuntimeException e) {
            // The next run tries again; a failing store must not kill the schedule.
            if (!closed.get()) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "Retention failed in " + store + "; retrying in " + retention.interval() + ": " + e,
                        e);
            }
        }
    }

    // ---- Capture ------------------------------------------------------------------------------------------

    @Override
    public Article capture(Actor actor, Draft draft) {
        ensureOpen();
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(draft, "draft");
        ArticleContent content = withLanguage(checkLimits(draft.content()));
        checkComment("comment", draft.comment());
        enforce(lifecyclePolicy.check(
                new Proposal(actor, Action.CAPTURE, Optional.empty(), content, draft.state(), draft.audience())));
        enforceStandard(content, draft.state());

        ArticleId id = store.allocateId();
        Instant now = clock.instant();
        var mutations = new ArrayList<Mutation>(2);
        mutations.add(new Mutation.AppendRevision(new Revision(
                id,
                1,
                content,
                draft.state(),
                draft.audience(),
                Optional.empty(),
                actor,
                now,
                RevisionKind.CAPTURED,
                draft.comment())));
        draft.fromCase()
                .ifPresent(caseId -> mutations.add(new Mutation.PutLink(new CaseLink(
                        id,
                        caseId,
                        content.hasResolution() ? LinkType.RESOLUTION : LinkType.REFERENCE,
                        1,
                        actor.id(),
                        now))));
        commit(mutations);
        return require(id);
    }

    // ---- Read ---------------------------------------------------------------------------------------------

    @Override
    public Optional<Article> article(ArticleId id) {
        ensureOpen();
        return store.article(Objects.requireNonNull(id, "id"));
    }

    @Override
    public Optional<Article> article(ArticleId id, Viewer viewer) {
        Objects.requireNonNull(viewer, "viewer");
        return article(id).filter(a -> visibleTo(viewer, a)).map(a -> withVisibleTranslations(a, viewer));
    }

    private boolean visibleTo(Viewer viewer, Article article) {
        return visibilityPolicy
                .visibleTo(viewer, article.state() == ArticleState.ARCHIVED)
                .permits(article);
    }

    /** The article with only the translations the viewer may read: one they may not is not even named. */
    private Article withVisibleTranslations(Article article, Viewer viewer) {
        if (article.translations().isEmpty()) {
            return article;
        }
        var visible = new java.util.HashMap<Locale, ArticleId>();
        article.translations().forEach((language, other) -> store.article(other)
                .filter(translation -> visibleTo(viewer, translation))
                .ifPresent(translation -> visible.put(language, other)));
        return article.withTranslations(visible);
    }

    @Override
    public ArticleHistory history(ArticleId id) {
        ensureOpen();
        List<Revision> revisions = store.revisions(Objects.requireNonNull(id, "id"));
        if (revisions.isEmpty()) {
            throw notFound(id);
        }
        return new ArticleHistory(id, revisions);
    }

    @Override
    public List<CaseLink> links(ArticleId id) {
        ensureOpen();
        return store.links(Objects.requireNonNull(id, "id"));
    }

    @Override
    public List<CaseLink> links(CaseId caseId) {
        ensureOpen();
        return store.linksOfCase(Objects.requireNonNull(caseId, "caseId"));
    }

    @Override
    public List<Flag> flags(ArticleId id) {
        ensureOpen();
        return store.flags(Objects.requireNonNull(id, "id"));
    }

    @Override
    public List<Feedback> feedback(ArticleId id) {
        ensureOpen();
        return store.feedback(Objects.requireNonNull(id, "id"));
    }

    // ---- Reuse --------------------------------------------------------------------------------------------

    @Override
    public CaseLink link(Actor actor, ArticleId id, CaseId caseId, LinkType type) {
        ensureOpen();
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(type, "type");
        Article article = require(id);
        enforce(lifecyclePolicy.check(Proposal.unchanged(actor, Action.LINK, article)));
        var link = new CaseLink(id, caseId, type, article.revision(), actor.id(), clock.instant());
        commit(List.of(new Mutation.PutLink(link)));
        return link;
    }

    @Override
    public CaseLink link(Actor actor, ArticleId id, CaseId caseId, LinkType type, SearchOrigin origin) {
        Objects.requireNonNull(origin, "origin");
        CaseLink link = link(actor, id, caseId, type);
        try {
            recentSearches.check(Viewer.agent(actor), id, origin);
        } catch (InvalidInputException e) {
            // The link is the agent's work and is kept; only the analytics ignore an origin they cannot vouch for.
            return link;
        }
        record(SearchEvent.link(link.linkedAt(), actor, id, origin));
        return link;
    }

    @Override
    public void unlink(Actor actor, ArticleId id, CaseId caseId) {
        ensureOpen();
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(caseId, "caseId");
        Article article = require(id);
        enforce(lifecyclePolicy.check(Proposal.unchanged(actor, Action.UNLINK, article)));
        commit(List.of(new Mutation.RemoveLink(id, caseId)));
    }

    // ---- Improve ------------------------------------------------------------------------------------------

    @Override
    public Flag flag(Actor actor, ArticleId id, FlagReason reason, String comment) {
        ensureOpen();
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(reason, "reason");
        checkComment("comment", comment);
        Article article = require(id);
        enforce(lifecyclePolicy.check(Proposal.unchanged(actor, Action.FLAG, article)));
        var flag = new Flag(
                UUID.randomUUID().toString(),
                id,
                reason,
                comment.strip(),
                actor.id(),
                clock.instant(),
                Optional.empty());
        commit(List.of(new Mutation.PutFlag(flag)));
        return flag;
    }

    @Override
    public Flag resolveFlag(Actor actor, String flagId, String note) {
        ensureOpen();
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(flagId, "flagId");
        checkComment("note", note);
        Flag flag = store.flag(flagId)
                .orElseThrow(() -> new NotFoundException("flag", flagId, "list an article's flags with flags(id)"));
        if (!flag.isOpen()) {
            throw new IllegalStateException("Flag " + flagId + " on " + flag.articleId() + " was already resolved by "
                    + flag.resolution().orElseThrow().resolvedBy() + "; raise a new flag if the problem is back");
        }
        Article article = require(flag.articleId());
        enforce(lifecyclePolicy.check(Proposal.unchanged(actor, Action.RESOLVE_FLAG, article)));
        Flag resolved = flag.resolve(actor.id(), clock.instant(), note.strip());
        commit(List.of(new Mutation.PutFlag(resolved)));
        return resolved;
    }

    @Override
    public Article update(Actor actor, ArticleId id, Update update) {
        ensureOpen();
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(update, "update");
        checkComment("comment", update.comment());
        Article before = require(id);
        if (update.expectedRevision() != before.revision()) {
            throw new RevisionConflictException(id, update.expectedRevision(), before.revision());
        }
        ArticleContent content =
                update.content().map(this::checkLimits).map(this::withLanguage).orElse(before.content());
        ArticleState state = update.state().orElse(before.state());
        Audience audience = update.audience().orElse(before.audience());
        boolean contentChanged = !content.equals(before.content());
        boolean stateChanged = state != before.state();
        boolean audienceChanged = audience != before.audience();
        if (!contentChanged && !stateChanged && !audienceChanged) {
            return before;
        }
        Action action = contentChanged ? Action.REVISE : stateChanged ? Action.CHANGE_STATE : Action.CHANGE_AUDIENCE;
        enforce(lifecyclePolicy.check(new Proposal(actor, action, Optional.of(before), content, state, audience)));
        ArticleId sameLanguage = before.translations().get(content.language());
        if (sameLanguage != null) {
            // A group holds one article per language; the revision itself is fine once the article leaves it.
            throw new TranslationConflictException(id, content.language(), sameLanguage);
        }
        if (state != ArticleState.ARCHIVED) {
            enforceStandard(content, state);
        }
        RevisionKind kind = contentChanged
                ? RevisionKind.REVISED
                : stateChanged && audienceChanged
                        ? RevisionKind.REVISED
                        : stateChanged ? RevisionKind.STATE_CHANGED : RevisionKind.AUDIENCE_CHANGED;
        var revision = new Revision(
                id,
                before.revision() + 1,
                content,
                state,
                audience,
                before.mergedInto(),
                actor,
                clock.instant(),
                kind,
                update.comment().strip());
        commit(List.of(new Mutation.AppendRevision(revision)));
        return require(id);
    }

    @Override
    public Article merge(Actor actor, ArticleId duplicate, ArticleId survivor) {
        ensureOpen();
        Objects.requireNonNull(actor, "actor");
        if (Objects.requireNonNull(duplicate, "duplicate").equals(Objects.requireNonNull(survivor, "survivor"))) {
            throw new InvalidInputException("survivor", survivor, "an article cannot be merged into itself");
        }
        Article dup = require(duplicate);
        Article target = require(survivor);
        if (target.state() == ArticleState.ARCHIVED) {
            throw new ActionRefusedException(new Refusal(
                    KcsLifecyclePolicy.ARCHIVED_READ_ONLY,
                    "Cannot merge into archived article " + survivor + "; choose a current article" + " [rule "
                            + KcsLifecyclePolicy.ARCHIVED_READ_ONLY + "]"));
        }
        enforce(lifecyclePolicy.check(new Proposal(
                actor, Action.MERGE, Optional.of(dup), dup.content(), ArticleState.ARCHIVED, dup.audience())));
        var revision = new Revision(
                duplicate,
                dup.revision() + 1,
                dup.content(),
                ArticleState.ARCHIVED,
                dup.audience(),
                Optional.of(survivor),
                actor,
                clock.instant(),
                RevisionKind.MERGED,
                "merged into " + survivor);
        // The survivor's revision as read above is a precondition of the commit, checked under the store's lock:
        // of two crosswise merges (A into B, B into A) the second sees the first's archiving revision and fails
        // with a RevisionConflictException instead of archiving both.
        var mutations = new ArrayList<Mutation>(List.of(
                new Mutation.ExpectRevision(survivor, target.revision()),
                new Mutation.AppendRevision(revision),
                new Mutation.MoveLinks(duplicate, survivor)));
        if (!dup.translations().isEmpty()) {
            // A merged-away article is no one's translation: its group keeps the others (the survivor may join it).
            mutations.add(new Mutation.RemoveTranslation(duplicate));
        }
        commit(mutations);
        moveBestBets(actor, duplicate, survivor);
        return require(duplicate);
    }

    // ---- Translations -------------------------------------------------------------------------------------

    @Override
    public Article linkTranslation(Actor actor, ArticleId a, ArticleId b) {
        ensureOpen();
        Objects.requireNonNull(actor, "actor");
        if (Objects.requireNonNull(a, "a").equals(Objects.requireNonNull(b, "b"))) {
            throw new InvalidInputException("b", b, "an article cannot be its own translation; pass two articles");
        }
        Article first = require(a);
        Article second = require(b);
        for (Article article : List.of(first, second)) {
            if (article.language().equals(Locale.ROOT)) {
                throw new InvalidInputException(
                        "language",
                        article.id(),
                        "the article's language is not known; revise it with its language set, then link it");
            }
            enforce(lifecyclePolicy.check(Proposal.unchanged(actor, Action.TRANSLATE, article)));
        }
        // The store checks the languages of the joined group again under its lock, against concurrent links.
        // The larger group is the one joined, so that the error names the translation already there.
        boolean swap = second.translations().size() > first.translations().size();
        Article base = swap ? second : first;
        Article other = swap ? first : second;
        var languages = new java.util.HashMap<Locale, ArticleId>(base.translations());
        languages.put(base.language(), base.id());
        var joining = new java.util.HashMap<Locale, ArticleId>(other.translations());
        joining.put(other.language(), other.id());
        for (var entry : joining.entrySet()) {
            ArticleId existing = languages.get(entry.getKey());
            if (existing != null && !existing.equals(entry.getValue())) {
                throw new TranslationConflictException(entry.getValue(), entry.getKey(), existing);
            }
        }
        // Both as read are preconditions: a revision in between (which may change a language) fails the link.
        commit(List.of(
                new Mutation.ExpectRevision(a, first.revision()),
                new Mutation.ExpectRevision(b, second.revision()),
                new Mutation.PutTranslation(a, b)));
        return require(a);
    }

    @Override
    public Article unlinkTranslation(Actor actor, ArticleId id) {
        ensureOpen();
        Objects.requireNonNull(actor, "actor");
        Article article = require(id);
        if (article.translations().isEmpty()) {
            return article;
        }
        enforce(lifecyclePolicy.check(Proposal.unchanged(actor, Action.TRANSLATE, article)));
        commit(List.of(new Mutation.RemoveTranslation(id)));
        return require(id);
    }

    // ---- Personal data ------------------------------------------------------------------------------------

    @Override
    public void purge(Actor actor, ArticleId id, String reason) {
        ensureOpen();
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(reason, "reason");
        requireAdministrator(actor, "purge " + id);
        require(id);
        commit(List.of(new Mutation.Purge(AuditEntry.purge(clock.instant(), actor, id, reason.strip()))));
        // The queries it answered go too: the events still queued are written first, so none is learned later.
        // The search engine forgets the article, its title and its learned answers when it follows the purge.
        recorder.flush();
        analyticsStore.forgetArticle(id);
        moveBestBets(actor, id, null);
    }

    @Override
    public Revision redact(Actor actor, ArticleId id, int revision, Set<RevisionField> fields, String reason) {
        ensureOpen();
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(fields, "fields");
        Objects.requireNonNull(reason, "reason");
        if (fields.isEmpty()) {
            throw new InvalidInputException("fields", fields, "name at least one field to redact, for example ISSUE");
        }
        requireAdministrator(actor, "redact " + id);
        Revision stored = store.revision(id, revision)
                .orElseThrow(() -> new NotFoundException(
                        "revision", id + " revision " + revision, "list the revisions with history(id)"));
        Revision redacted = RevisionField.redact(stored, fields);
        var audit = AuditEntry.redact(clock.instant(), actor, id, revision, fields, reason.strip());
        commit(List.of(new Mutation.Redact(redacted, audit)));
        return redacted;
    }

    @Override
    public List<AuditEntry> auditTrail() {
        ensureOpen();
        return store.auditTrail(Optional.empty());
    }

    @Override
    public List<AuditEntry> auditTrail(ArticleId id) {
        ensureOpen();
        return store.auditTrail(Optional.of(Objects.requireNonNull(id, "id")));
    }

    @Override
    public VocabularyEntry addVocabulary(Actor actor, Locale language, VocabularyRule rule) {
        ensureOpen();
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(rule, "rule");
        Languages.requireBounded("language", Objects.requireNonNull(language, "language"));
        requireVocabularyManager(actor, "add to the vocabulary");
        if (rule instanceof VocabularyRule.BestBet bet) {
            Article pinned = store.article(bet.article())
                    .orElseThrow(() -> new NotFoundException(
                            "article", bet.article().value(), "a best bet pins an existing article; capture it first"));
            if (pinned.mergedInto().isPresent()) {
                // An archived duplicate is shown to nobody: the best bet would pin nothing.
                throw new InvalidInputException(
                        "article",
                        bet.article().value(),
                        "it was merged into " + pinned.mergedInto().get().value() + "; pin that article instead");
            }
        }
        var entry =
                new VocabularyEntry(store.allocateVocabularyId(), language, rule, Optional.of(actor), clock.instant());
        store.putVocabulary(entry);
        return entry;
    }

    @Override
    public void removeVocabulary(Actor actor, String entryId) {
        ensureOpen();
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(entryId, "entryId");
        requireVocabularyManager(actor, "remove from the vocabulary");
        store.removeVocabulary(entryId, actor, clock.instant());
    }

    @Override
    public Vocabulary vocabulary() {
        ensureOpen();
        return baseVocabulary.plus(new Vocabulary(store.vocabulary()));
    }

    @Override
    public org.kcskb.browse.BrowsePage browse(Viewer viewer, org.kcskb.browse.BrowseRequest request) {
        ensureOpen();
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(request, "request");
        List<org.kcskb.browse.ArticleSummary> items =
                store.browse(request, browseVisibility(viewer), request.cursor(), request.limit() + 1);
        Optional<String> next = Optional.empty();
        if (items.size() > request.limit()) {
            items = items.subList(0, request.limit());
            next = Optional.of(
                    org.kcskb.browse.BrowseCursor.after(request.sort(), request.descending(), items.getLast())
                            .encode());
        }
        return new org.kcskb.browse.BrowsePage(items, next);
    }

    @Override
    public org.kcskb.browse.BrowseCounts counts(Viewer viewer, org.kcskb.browse.BrowseRequest request) {
        ensureOpen();
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(request, "request");
        return store.browseCounts(request, browseVisibility(viewer));
    }

    @Override
    public org.kcskb.browse.QueuePage queue(
            Viewer viewer,
            org.kcskb.browse.WorkQueue queue,
            org.kcskb.browse.QueueSettings settings,
            org.kcskb.browse.BrowseRequest within) {
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(within, "within");
        Instant now = clock.instant();
        org.kcskb.browse.BrowsePage page = browse(viewer, queue.narrow(within, settings, now));
        return new org.kcskb.browse.QueuePage(
                queue,
                page.items().stream()
                        .map(item -> new org.kcskb.browse.QueueItem(item, queue.reason(item, settings, now)))
                        .toList(),
                page.nextCursor());
    }

    /**
     * What a viewer may list: archived articles under {@code visibleTo(viewer, true)}, the others under {@code
     * visibleTo(viewer, false)}, exactly as {@link #article(ArticleId, Viewer)} decides for one article.
     */
    private Visibility browseVisibility(Viewer viewer) {
        return ReportScope.of(viewer, visibilityPolicy).articles().orElseThrow();
    }

    @Override
    public List<VocabularyChange> vocabularyAudit() {
        ensureOpen();
        return store.vocabularyAudit();
    }

    /**
     * After a merge or a purge: removes the best bets that pin {@code from}, in the name of the actor who merged or
     * purged it (audited), and pins the same queries to {@code to} (null after a purge) unless it has them already.
     * Not atomic with the merge or purge, like forgetting a purged article's analytics: if this fails half-way, the
     * remaining best bets pin an article that no index shows (archived or gone), which engines skip.
     */
    private void moveBestBets(Actor actor, ArticleId from, ArticleId to) {
        List<VocabularyEntry> entries = store.vocabulary();
        for (VocabularyEntry entry : entries) {
            if (!(entry.rule() instanceof VocabularyRule.BestBet bet)
                    || !bet.article().equals(from)) {
                continue;
            }
            try {
                store.removeVocabulary(entry.id(), actor, clock.instant());
            } catch (NotFoundException e) {
                continue; // Removed concurrently: nothing left to move.
            }
            if (to == null) {
                continue;
            }
            var moved = new VocabularyRule.BestBet(bet.query(), to);
            boolean present = store.vocabulary().stream()
                    .anyMatch(other ->
                            other.rule().equals(moved) && other.language().equals(entry.language()));
            if (!present) {
                store.putVocabulary(new VocabularyEntry(
                        store.allocateVocabularyId(), entry.language(), moved, Optional.of(actor), clock.instant()));
            }
        }
    }

    @Override
    public List<SynonymProposal> synonymProposals(Actor actor, ReportQuery query) {
        ensureOpen();
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(query, "query");
        requireVocabularyManager(actor, "read the synonym proposals");
        recorder.flush();
        return SynonymProposals.propose(
                analyticsStore.reformulations(query, SynonymProposal.REFORMULATION_WINDOW),
                learning,
                vocabulary(),
                SynonymProposal.MIN_VISITORS,
                query.limit());
    }

    private static void requireVocabularyManager(Actor actor, String what) {
        if (!actor.licence().atLeast(Licence.PUBLISHER)) {
            throw new ActionRefusedException(new Refusal(
                    VOCABULARY_REQUIRES_PUBLISHER,
                    actor.id() + " (" + actor.licence() + ") may not " + what
                            + ": only a Publisher or an administrator manages synonyms, expansions and best bets"
                            + " [rule " + VOCABULARY_REQUIRES_PUBLISHER + "]"));
        }
    }

    private static void requireAdministrator(Actor actor, String what) {
        if (!actor.licence().atLeast(Licence.PUBLISHER)) {
            throw new ActionRefusedException(new Refusal(
                    PURGE_REQUIRES_PUBLISHER,
                    actor.id() + " (" + actor.licence() + ") may not " + what
                            + ": only a Publisher or an administrator purges or redacts [rule "
                            + PURGE_REQUIRES_PUBLISHER + "]"));
        }
    }

    @Override
    public Feedback feedback(Viewer viewer, ArticleId id, boolean helpful, String comment) {
        ensureOpen();
        checkComment("comment", comment);
        requireVisible(id, viewer);
        var feedback =
                new Feedback(UUID.randomUUID().toString(), id, helpful, comment.strip(), viewer.id(), clock.instant());
        commit(List.of(new Mutation.AddFeedback(feedback)));
        return feedback;
    }

    @Override
    public void recordView(Viewer viewer, ArticleId id) {
        ensureOpen();
        requireVisible(id, viewer);
        views.add(id);
    }

    // ---- Search -------------------------------------------------------------------------------------------

    @Override
    public SearchResult search(SearchRequest request) {
        MetricsListener listener = metrics;
        if (listener == MetricsListener.none()) {
            return searchUntimed(request);
        }
        long start = System.nanoTime();
        SearchResult result;
        try {
            result = searchUntimed(request);
        } catch (RuntimeException | Error e) {
            long nanos = System.nanoTime() - start;
            observe(() -> listener.search(nanos, Outcome.of(e), 0, false));
            throw e;
        }
        long nanos = System.nanoTime() - start;
        observe(() -> listener.search(
                nanos, Outcome.SUCCESS, result.totalHits(), result.relaxation().isPresent()));
        return result;
    }

    private SearchResult searchUntimed(SearchRequest request) {
        ensureOpen();
        Objects.requireNonNull(request, "request");
        SearchResult result =
                searchEngine().search(request, visibilityPolicy.visibleTo(request.viewer(), request.includeArchived()));
        SearchId id = SearchId.random();
        recentSearches.issued(id, request.viewer(), result.hits());
        boolean firstPage = request.offset() == 0 && request.after().isEmpty();
        if (recordSearches && firstPage && request.recorded() && !request.text().isBlank()) {
            // The query language is detected later, in the recorder's background rounds (see withDetectedLanguage).
            // A search answered only by a relaxed form of it found nothing as typed: it is recorded with the hit
            // count of the text as typed, 0, so that it stays a content gap (and is not learned as an answered
            // query) while the person still sees the relaxed results.
            record(SearchEvent.search(
                            clock.instant(),
                            id,
                            request.text(),
                            request.viewer(),
                            visitors.hash(request),
                            request.language(),
                            result.relaxation().isPresent() ? 0 : result.totalHits())
                    .withProduct(request.environment()
                            .getOrDefault(
                                    Environment.PRODUCT, request.context().getOrDefault(Environment.PRODUCT, ""))));
        }
        return result.withSearchId(id).withNotices(matchingNotices(request));
    }

    @Override
    public List<Suggestion> suggest(String prefix, Viewer viewer, int limit) {
        MetricsListener listener = metrics;
        if (listener == MetricsListener.none()) {
            return suggestUntimed(prefix, viewer, limit);
        }
        long start = System.nanoTime();
        List<Suggestion> suggestions;
        try {
            suggestions = suggestUntimed(prefix, viewer, limit);
        } catch (RuntimeException | Error e) {
            long nanos = System.nanoTime() - start;
            observe(() -> listener.suggest(nanos, Outcome.of(e), 0));
            throw e;
        }
        long nanos = System.nanoTime() - start;
        observe(() -> listener.suggest(nanos, Outcome.SUCCESS, suggestions.size()));
        return suggestions;
    }

    private List<Suggestion> suggestUntimed(String prefix, Viewer viewer, int limit) {
        ensureOpen();
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(viewer, "viewer");
        requireLimit(limit);
        if (prefix.length() > SearchRequest.MAX_TEXT_LENGTH) {
            throw new InvalidInputException(
                    "prefix",
                    prefix,
                    "is " + prefix.length() + " characters long; suggestions take at most "
                            + SearchRequest.MAX_TEXT_LENGTH + " (send what is typed in the search box)");
        }
        if (prefix.isBlank()) {
            return List.of();
        }
        List<Suggestion> suggestions = searchEngine().suggest(prefix, visibilityPolicy.visibleTo(viewer, false), limit);
        // The engine forgot blocked queries when they were blocked; this catches an engine that cannot forget.
        return suggestions.stream()
                .filter(s -> s.kind() != Suggestion.Kind.QUERY || !learning.blocked(SearchEvent.normalize(s.text())))
                .toList();
    }

    @Override
    public List<SimilarArticle> similar(Actor actor, Draft draft, int limit) {
        ensureOpen();
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(draft, "draft");
        requireLimit(limit);
        ArticleContent content = withLanguage(checkLimits(draft.content()));
        return searchEngine().similar(content, visibilityPolicy.visibleTo(Viewer.agent(actor), true), limit);
    }

    @Override
    public List<SearchHit> related(ArticleId id, Viewer viewer, int limit) {
        ensureOpen();
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(viewer, "viewer");
        requireLimit(limit);
        if (article(id, viewer).isEmpty()) {
            return List.of();
        }
        return searchEngine().related(id, visibilityPolicy.visibleTo(viewer, false), limit);
    }

    @Override
    public QueryCacheStats queryCacheStats() {
        ensureOpen();
        return engine.map(SearchEngine::queryCacheStats).orElse(QueryCacheStats.disabled());
    }

    private static void requireLimit(int limit) {
        if (limit < 1 || limit > SearchRequest.MAX_LIMIT) {
            throw new InvalidInputException(
                    "limit", limit, "must be between 1 and " + SearchRequest.MAX_LIMIT + " (results per call)");
        }
    }

    @Override
    public boolean awaitSearchable(Duration timeout) {
        ensureOpen();
        return searchEngine().awaitSearchable(store.lastSequence(), Objects.requireNonNull(timeout, "timeout"));
    }

    @Override
    public void rebuildIndex() {
        ensureOpen();
        searchEngine().rebuild();
    }

    @Override
    public void rebuildIndex(org.kcskb.transfer.TransferListener listener) {
        ensureOpen();
        searchEngine().rebuild(Objects.requireNonNull(listener, "listener"));
    }

    // ---- Search analytics ---------------------------------------------------------------------------------

    @Override
    public void recordClick(Viewer viewer, ArticleId id, SearchOrigin origin) {
        ensureOpen();
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(origin, "origin");
        recentSearches.check(viewer, id, origin);
        record(SearchEvent.click(clock.instant(), viewer, id, origin));
    }

    @Override
    public void blockSuggestion(Actor actor, String text) {
        ensureOpen();
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(text, "text");
        if (!actor.licence().atLeast(Licence.PUBLISHER)) {
            throw new ActionRefusedException(new Refusal(
                    "block-suggestion",
                    actor.id() + " (" + actor.licence() + ") may not block suggestions; a publisher or an"
                            + " administrator may [rule block-suggestion]"));
        }
        String normalized = SearchEvent.normalize(text);
        if (normalized.isEmpty()) {
            throw new InvalidInputException("text", text, "is blank once normalised; pass the suggestion's text");
        }
        learning.block(normalized);
        analyticsStore.blockQuery(normalized);
        engine.ifPresent(e -> e.forgetQuery(normalized));
    }

    @Override
    public void recordSuggestionPick(Viewer viewer, String typed, Locale language, ArticleId id, int position) {
        ensureOpen();
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(typed, "typed");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(id, "id");
        if (position < 1) {
            throw new IllegalArgumentException(
                    "position is the 1-based rank of the picked suggestion (the first is 1), was " + position);
        }
        record(SearchEvent.suggestionPick(clock.instant(), viewer, typed, language, id, position));
    }

    @Override
    public SearchAnalytics analytics() {
        ensureOpen();
        return analytics;
    }

    @Override
    public SearchAnalytics analytics(Viewer viewer) {
        Objects.requireNonNull(viewer, "viewer");
        ensureOpen();
        return new Reports(ReportScope.of(viewer, visibilityPolicy));
    }

    /** Queues an event for the analytics, unless recording is off. */
    private void record(SearchEvent event) {
        if (recordSearches) {
            recorder.record(event);
        }
    }

    /**
     * Fills in the language of a search that did not name one, in the recorder's rounds so that the search does
     * not wait for the detection. Stays unknown when the language detector cannot tell.
     */
    private SearchEvent withDetectedLanguage(SearchEvent event) {
        if (event.kind() != SearchEvent.Kind.SEARCH || !event.language().equals(Locale.ROOT)) {
            return event;
        }
        try {
            return languageDetector
                    .detect(event.query())
                    .map(event::withLanguage)
                    .orElse(event);
        } catch (RuntimeException e) {
            // A failed detection must not lose the event: it is recorded with an unknown language.
            return event;
        }
    }

    /**
     * The reports over the events {@code scope} counts: each first writes what is queued, so that it includes
     * everything recorded before it.
     */
    private final class Reports implements SearchAnalytics {
        private final ReportScope scope;

        Reports(ReportScope scope) {
            this.scope = scope;
        }

        @Override
        public List<ContentGap> contentGaps(ReportQuery query) {
            Objects.requireNonNull(query, "query");
            flushForReport();
            return analyticsStore.contentGaps(query, scope);
        }

        @Override
        public List<QueryCount> topQueries(ReportQuery query) {
            Objects.requireNonNull(query, "query");
            flushForReport();
            return analyticsStore.topQueries(query, scope);
        }

        @Override
        public List<PositionCount> clickPositions(ReportQuery query) {
            Objects.requireNonNull(query, "query");
            flushForReport();
            return analyticsStore.clickPositions(query, scope);
        }

        @Override
        public List<AnsweredQuery> answeredQueries(ReportQuery query) {
            Objects.requireNonNull(query, "query");
            flushForReport();
            return analyticsStore.answeredQueries(query, scope);
        }

        @Override
        public Map<String, Long> searchesPerProduct(ReportQuery query) {
            Objects.requireNonNull(query, "query");
            flushForReport();
            return analyticsStore.searchesPerProduct(query, scope);
        }

        @Override
        public RecordingStats recording() {
            if (!scope.isEverything()) {
                // The counters count every audience's events: they would tell a viewer how much others searched.
                throw new UnsupportedOperationException("The recorder's counters count the events of every audience"
                        + " and are only part of the administrator's view: use analytics().recording()");
            }
            return recorder.stats();
        }

        private void flushForReport() {
            ensureOpen();
            recorder.flush();
        }

        @Override
        public String toString() {
            return "SearchAnalytics[" + analyticsStore + (scope.isEverything() ? "" : ", scoped") + "]";
        }
    }

    // ---- Emerging issues ----------------------------------------------------------------------------------

    /** Where listeners' checks run: the knowledge base's scheduler. */
    private final ScheduledExecutorService emergingScheduler;

    private final java.util.concurrent.CopyOnWriteArrayList<EmergingSubscription> emergingSubscriptions =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Whom listeners' checks see as: a licensed agent (every audience's searches, the articles agents read). */
    private static final Viewer EMERGING_WATCH = Viewer.agent(Actor.contributor("kcskb-emerging-issues"));

    @Override
    public List<org.kcskb.emerging.EmergingIssue> emergingIssues(
            Actor actor, org.kcskb.emerging.EmergingIssueSettings settings) {
        ensureOpen();
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(settings, "settings");
        return emergingIssueDetector(Viewer.agent(actor)).detect(clock.instant(), settings);
    }

    /** A detector over the analytics, words and articles {@code viewer} may see. */
    private org.kcskb.emerging.EmergingIssueDetector emergingIssueDetector(Viewer viewer) {
        Visibility visibility = visibilityPolicy.visibleTo(viewer, false);
        org.kcskb.emerging.EmergingIssueDetector.Words words = engine.<org.kcskb.emerging.EmergingIssueDetector.Words>
                        map(e -> (text, language) -> e.words(text, language, visibility))
                .orElse(org.kcskb.emerging.EmergingIssueDetector.Words.plain());
        var articles = new org.kcskb.emerging.EmergingIssueDetector.Articles() {
            @Override
            public Optional<String> title(ArticleId id) {
                return article(id, viewer).map(Article::title);
            }

            @Override
            public List<ArticleId> search(String text, Locale language, int limit) {
                if (engine.isEmpty() || text.isBlank()) {
                    return List.of();
                }
                SearchRequest request = SearchRequest.builder(text, viewer)
                        .language(language)
                        .limit(limit)
                        .recorded(false)
                        .build();
                return engine.get().search(request, visibility).hits().stream()
                        .map(SearchHit::id)
                        .toList();
            }

            @Override
            public List<org.kcskb.article.Flag> flagsRaised(java.time.Instant from, java.time.Instant to) {
                // Only flags on articles the viewer may read count: nothing reported may depend on the others.
                // One batch read of the flagged articles, however many there are.
                List<org.kcskb.article.Flag> raised = store.flagsRaised(org.kcskb.browse.TimeRange.between(from, to));
                Map<ArticleId, Article> flagged = store.articles(raised.stream()
                        .map(org.kcskb.article.Flag::articleId)
                        .collect(java.util.stream.Collectors.toCollection(java.util.LinkedHashSet::new)));
                return raised.stream()
                        .filter(flag -> {
                            Article a = flagged.get(flag.articleId());
                            return a != null && visibleTo(viewer, a);
                        })
                        .toList();
            }

            @Override
            public Optional<String> product(ArticleId id) {
                return article(id, viewer).flatMap(a -> a.environment().product());
            }

            @Override
            public Map<ArticleId, Optional<String>> products(java.util.Collection<ArticleId> ids) {
                Map<ArticleId, Article> read = store.articles(ids);
                var products = new java.util.HashMap<ArticleId, Optional<String>>();
                for (ArticleId id : ids) {
                    Article a = read.get(id);
                    products.put(
                            id,
                            a != null && visibleTo(viewer, a) ? a.environment().product() : Optional.empty());
                }
                return products;
            }
        };
        return new org.kcskb.emerging.EmergingIssueDetector(analytics(viewer), words, articles);
    }

    @Override
    public org.kcskb.emerging.EmergingIssueSubscription onEmergingIssue(
            org.kcskb.emerging.EmergingIssueSettings settings, org.kcskb.emerging.EmergingIssueListener listener) {
        ensureOpen();
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(listener, "listener");
        var subscription = new EmergingSubscription(settings, listener);
        emergingSubscriptions.add(subscription);
        long every = settings.checkInterval().toMillis();
        subscription.task = emergingScheduler.scheduleWithFixedDelay(
                subscription::checkQuietly, every, every, TimeUnit.MILLISECONDS);
        if (closed.get()) {
            subscription.close();
        }
        return subscription;
    }

    @Override
    public List<org.kcskb.emerging.EmergingIssue> checkEmergingIssues() {
        ensureOpen();
        var announced = new ArrayList<org.kcskb.emerging.EmergingIssue>();
        for (EmergingSubscription subscription : emergingSubscriptions) {
            announced.addAll(subscription.check());
        }
        return announced;
    }

    @Override
    public Article captureFromEmergingIssue(Actor actor, org.kcskb.emerging.EmergingIssue issue) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(issue, "issue");
        if (issue.kind() == org.kcskb.emerging.EmergingIssue.Kind.REUSE) {
            throw new InvalidInputException(
                    "issue",
                    issue.label(),
                    "is a rising reuse of "
                            + issue.article()
                                    .map(id -> "article " + id.value())
                                    .orElse("the articles of " + issue.product().orElse("?"))
                            + ", which exists: improve that article (or flag it) instead of capturing a new one");
        }
        if (issue.kind() == org.kcskb.emerging.EmergingIssue.Kind.FLAGS) {
            throw new InvalidInputException(
                    "issue",
                    issue.label(),
                    "is a rise of flags on "
                            + issue.article()
                                    .map(id -> "article " + id.value())
                                    .orElse("the articles of " + issue.product().orElse("?"))
                            + ", which exist: fix the flagged articles instead of capturing a new one");
        }
        String label = issue.label().strip();
        String title =
                label.isEmpty() ? label : label.substring(0, 1).toUpperCase(issue.language()) + label.substring(1);
        var text = new StringBuilder();
        for (String query : issue.exampleQueries().isEmpty() ? List.of(label) : issue.exampleQueries()) {
            text.append(text.isEmpty() ? "" : "\n").append(query);
        }
        String comment = String.format(
                Locale.ROOT,
                "Captured from an emerging issue (%s): %d in the window ending %s, %.1f times the usual, since %s",
                issue.kind(),
                issue.count(),
                issue.detectedAt(),
                issue.growth(),
                issue.since());
        ArticleContent content = ArticleContent.of(title, text.toString()).withLanguage(issue.language());
        return capture(
                actor,
                Draft.of(content)
                        .withComment(
                                comment.length() > limits.maxCommentLength()
                                        ? comment.substring(0, limits.maxCommentLength())
                                        : comment));
    }

    /** One listener with its settings, detector, tracker and scheduled check. */
    private final class EmergingSubscription implements org.kcskb.emerging.EmergingIssueSubscription {
        private final org.kcskb.emerging.EmergingIssueSettings settings;
        private final org.kcskb.emerging.EmergingIssueListener listener;
        private final org.kcskb.emerging.EmergingIssueDetector detector = emergingIssueDetector(EMERGING_WATCH);
        private final org.kcskb.emerging.EmergingIssueTracker tracker;
        private volatile ScheduledFuture<?> task;
        private volatile boolean cancelled;

        EmergingSubscription(
                org.kcskb.emerging.EmergingIssueSettings settings, org.kcskb.emerging.EmergingIssueListener listener) {
            this.settings = settings;
            this.listener = listener;
            this.tracker = new org.kcskb.emerging.EmergingIssueTracker(settings.window());
        }

        /** Detects, announces the new issues to the listener and returns them. */
        synchronized List<org.kcskb.emerging.EmergingIssue> check() {
            if (cancelled) {
                return List.of();
            }
            Instant now = clock.instant();
            List<org.kcskb.emerging.EmergingIssue> fresh = tracker.update(detector.detect(now, settings), now);
            for (org.kcskb.emerging.EmergingIssue issue : fresh) {
                try {
                    listener.emerging(issue);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "An emerging-issue listener failed on " + issue.label(), e);
                }
            }
            return fresh;
        }

        void checkQuietly() {
            if (closed.get() || cancelled) {
                return;
            }
            try {
                check();
            } catch (RuntimeException e) {
                if (!closed.get()) {
                    LOG.log(
                            System.Logger.Level.WARNING,
                            "Checking for emerging issues failed; retrying in " + settings.checkInterval() + ": " + e,
                            e);
                }
            }
        }

        @Override
        public void close() {
            cancelled = true;
            ScheduledFuture<?> t = task;
            if (t != null) {
                t.cancel(false);
            }
            emergingSubscriptions.remove(this);
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            // Not interrupted (the thread is the scheduler's, shared with others); a run in flight sees the store
            // closed and stays quiet.
            retentionTask.cancel(false);
            emergingSubscriptions.forEach(EmergingSubscription::close);
            try {
                // First, while the store and the engine (which learns answered queries) are still open.
                recorder.close();
            } finally {
                try {
                    engine.ifPresent(SearchEngine::close);
                } finally {
                    store.close();
                }
            }
        }
    }

    // ---- Metrics ------------------------------------------------------------------------------------------

    /**
     * Installs the builder's metrics listener and hands it this knowledge base; called once by build(), before the
     * knowledge base is returned.
     */
    void observeWith(MetricsListener listener) {
        this.metrics = listener;
        listener.opened(this);
    }

    /** Commits to the store, timed for the metrics listener when there is one. */
    private long commit(List<Mutation> mutations) {
        MetricsListener listener = metrics;
        if (listener == MetricsListener.none()) {
            return store.commit(mutations);
        }
        long start = System.nanoTime();
        long sequence;
        try {
            sequence = store.commit(mutations);
        } catch (RuntimeException | Error e) {
            long nanos = System.nanoTime() - start;
            observe(() -> listener.storeCommit(nanos, Outcome.of(e)));
            throw e;
        }
        long nanos = System.nanoTime() - start;
        observe(() -> listener.storeCommit(nanos, Outcome.SUCCESS));
        return sequence;
    }

    /** Calls the metrics listener; what it throws is logged, never passed to the caller whose call it observed. */
    private void observe(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "The metrics listener " + metrics + " failed: " + e, e);
        }
    }

    @Override
    public IndexStatus indexStatus() {
        ensureOpen();
        if (engine.isEmpty()) {
            long storeSequence = store.lastSequence();
            return new IndexStatus("none", storeSequence, storeSequence, java.util.OptionalLong.empty());
        }
        SearchEngine searchEngine = engine.get();
        // The searchable sequence first: a change committed between the two reads shows as lag, never as a
        // searchable sequence ahead of the store's.
        long searchable = searchEngine.searchableSequence();
        return new IndexStatus(searchEngine.name(), store.lastSequence(), searchable, searchEngine.indexedArticles());
    }

    @Override
    public String toString() {
        return "KnowledgeBase[store=" + store + ", search="
                + engine.map(Object::toString).orElse("none") + "]";
    }

    // ---- Checks -------------------------------------------------------------------------------------------

    private SearchEngine searchEngine() {
        return engine.orElseThrow(() -> new IllegalStateException("This knowledge base has no search engine: add the"
                + " org.kcskb:kb-index dependency, or pass one to KnowledgeBase.builder().searchEngine(...)"));
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("The knowledge base is closed; open a new one");
        }
    }

    private Article require(ArticleId id) {
        Objects.requireNonNull(id, "id");
        return store.article(id).orElseThrow(() -> notFound(id));
    }

    private void requireVisible(ArticleId id, Viewer viewer) {
        Objects.requireNonNull(viewer, "viewer");
        // An article the viewer may not see is reported exactly like a missing one, so that its existence leaks
        // nothing.
        if (article(id, viewer).isEmpty()) {
            throw notFound(id);
        }
    }

    private static NotFoundException notFound(ArticleId id) {
        return new NotFoundException("article", id.value(), "check the id, or search for the article");
    }

    private static void enforce(Optional<Refusal> refusal) {
        if (refusal.isPresent()) {
            throw new ActionRefusedException(refusal.get());
        }
    }

    private void enforceStandard(ArticleContent content, ArticleState state) {
        var violations = contentStandard.check(content, state);
        if (!violations.isEmpty()) {
            throw new ContentStandardException(violations);
        }
    }

    private ArticleContent withLanguage(ArticleContent content) {
        if (!content.language().equals(Locale.ROOT)) {
            return content;
        }
        // The words a reader sees: Markdown's markup and link addresses say nothing of the language.
        String text = content.title() + "\n"
                + org.kcskb.render.ArticleText.plain(content, org.kcskb.article.TextField.ISSUE) + "\n"
                + org.kcskb.render.ArticleText.plain(content, org.kcskb.article.TextField.RESOLUTION);
        return languageDetector.detect(text).map(content::withLanguage).orElse(content);
    }

    private ArticleContent checkLimits(ArticleContent content) {
        checkLength("title", content.title(), limits.maxFieldLength());
        checkLength("issue", content.issue(), limits.maxFieldLength());
        checkLength("resolution", content.resolution(), limits.maxFieldLength());
        checkLength("cause", content.cause(), limits.maxFieldLength());
        checkLength("environment.text", content.environment().text(), limits.maxFieldLength());
        if (content.environment().attributes().size() > limits.maxAttributes()) {
            throw new InvalidInputException(
                    "environment",
                    content.environment().attributes().keySet(),
                    "at most " + limits.maxAttributes() + " attributes are allowed, got "
                            + content.environment().attributes().size());
        }
        for (Map.Entry<String, String> e : content.environment().attributes().entrySet()) {
            checkLength("environment." + e.getKey(), e.getValue(), limits.maxAttributeLength());
        }
        if (content.tags().size() > limits.maxTags()) {
            throw new InvalidInputException(
                    "tags",
                    content.tags(),
                    "at most " + limits.maxTags() + " tags are allowed, got "
                            + content.tags().size());
        }
        for (String tag : content.tags()) {
            checkLength("tag", tag, limits.maxTagLength());
        }
        // The stores keep the tag in a bounded column: an over-long one is an input error, not an SQL error.
        Languages.requireBounded("language", content.language());
        return content;
    }

    private void checkComment(String field, String comment) {
        Objects.requireNonNull(comment, field);
        checkLength(field, comment, limits.maxCommentLength());
    }

    private static void checkLength(String field, String value, int max) {
        if (value.length() > max) {
            throw new InvalidInputException(
                    field,
                    value,
                    "at most " + max + " characters are allowed, got " + value.length()
                            + "; shorten it or raise Limits");
        }
    }

    // ---- Known-issue notices ----------------------------------------------------------------------------------

    @Override
    public Notice publishNotice(Actor actor, NoticeDraft draft) {
        ensureOpen();
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(draft, "draft");
        requireNoticeManager(actor, "publish a notice");
        Instant now = clock.instant();
        NoticeDraft.Window window = draft.window(now);
        if (draft.article().isPresent()) {
            requireArticleFor(draft.article().get(), draft.audience(), actor);
        }
        var notice = new Notice(
                NoticeId.of("N-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)),
                draft.texts(),
                draft.products(),
                draft.environments(),
                draft.symptoms(),
                draft.audience(),
                window.start(),
                window.end(),
                draft.article(),
                draft.showToAll(),
                actor,
                now);
        store.putNotice(notice, new NoticeChange(now, actor, NoticeChange.Action.PUBLISHED, notice.id()));
        notices.reload();
        return notice;
    }

    /** A notice's article must exist, be current and be readable by everyone the notice is shown to. */
    private void requireArticleFor(ArticleId id, Audience audience, Actor actor) {
        Article article = store.article(id)
                .orElseThrow(() -> new NotFoundException(
                        "article", id.value(), "a notice links an existing article; capture it first"));
        if (article.mergedInto().isPresent()) {
            throw new InvalidInputException(
                    "notice article",
                    id.value(),
                    "it was merged into " + article.mergedInto().get().value() + "; link that article instead");
        }
        Viewer reader =
                switch (audience) {
                    case PUBLIC -> Viewer.anonymous();
                    case PARTNER -> Viewer.partner("notice-audience");
                    case INTERNAL -> Viewer.agent(actor);
                };
        if (!visibleTo(reader, article)) {
            throw new InvalidInputException(
                    "notice article",
                    id.value(),
                    "the notice's audience " + audience + " may not read it (it is " + article.state() + ", "
                            + article.audience() + "); publish the article to that audience first, or link none");
        }
    }

    @Override
    public Notice endNotice(Actor actor, NoticeId id) {
        ensureOpen();
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(id, "id");
        requireNoticeManager(actor, "end a notice");
        Notice stored = store.notices().stream()
                .filter(n -> n.id().equals(id))
                .findFirst()
                .orElseThrow(
                        () -> new NotFoundException("notice", id.value(), "list the notices with notices(viewer)"));
        Instant now = clock.instant();
        if (!stored.end().isAfter(now)) {
            return stored;
        }
        Notice ended = stored.endedAt(now);
        store.putNotice(ended, new NoticeChange(now, actor, NoticeChange.Action.ENDED, id));
        notices.reload();
        return ended;
    }

    @Override
    public List<Notice> notices(Viewer viewer) {
        ensureOpen();
        Objects.requireNonNull(viewer, "viewer");
        Instant now = clock.instant();
        List<Notice> visible = notices.visible(viewer.audience(), now, false);
        if (viewer.audience() != Audience.INTERNAL) {
            // Outsiders learn of a notice when it starts, not when a publisher schedules it.
            visible = visible.stream().filter(n -> !n.start().isAfter(now)).toList();
        }
        return shown(viewer, visible);
    }

    @Override
    public List<Notice> activeNotices(Viewer viewer) {
        ensureOpen();
        Objects.requireNonNull(viewer, "viewer");
        return shown(viewer, notices.visible(viewer.audience(), clock.instant(), true));
    }

    @Override
    public List<Notice> notices(Viewer viewer, String text, Locale language) {
        ensureOpen();
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(language, "language");
        if (text.length() > SearchRequest.MAX_TEXT_LENGTH) {
            throw new InvalidInputException(
                    "text", text, "is " + text.length() + " characters long; at most " + SearchRequest.MAX_TEXT_LENGTH);
        }
        if (text.isBlank()) {
            return List.of();
        }
        return matchingNotices(viewer, text, List.of());
    }

    /** The active notices matching a search, as its viewer may see them. */
    private List<Notice> matchingNotices(SearchRequest request) {
        var environment = new ArrayList<String>(request.environment().values());
        environment.addAll(request.context().values());
        return matchingNotices(request.viewer(), request.text(), environment);
    }

    private List<Notice> matchingNotices(Viewer viewer, String text, List<String> environment) {
        if (notices.all().isEmpty()) {
            return List.of();
        }
        SearchEngine searchEngine = searchEngine();
        Visibility visibility = visibilityPolicy.visibleTo(viewer, false);
        return shown(
                viewer,
                notices.matching(
                        viewer.audience(),
                        clock.instant(),
                        text,
                        environment,
                        visibility,
                        (words, language) -> searchEngine.words(words, language, visibility)));
    }

    /** The notices as {@code viewer} sees them: without the link to an article the viewer may not read. */
    private List<Notice> shown(Viewer viewer, List<Notice> visible) {
        return visible.stream()
                .map(n -> n.article().isEmpty()
                                || article(n.article().get(), viewer).isPresent()
                        ? n
                        : n.withoutArticle())
                .toList();
    }

    @Override
    public List<NoticeChange> noticeAudit() {
        ensureOpen();
        return store.noticeAudit();
    }

    @Override
    public void recordNoticeImpression(Viewer viewer, NoticeId id) {
        notices.count(requireVisibleNotice(viewer, id), false);
    }

    @Override
    public void recordNoticeAnswered(Viewer viewer, NoticeId id) {
        notices.count(requireVisibleNotice(viewer, id), true);
    }

    private NoticeId requireVisibleNotice(Viewer viewer, NoticeId id) {
        ensureOpen();
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(id, "id");
        // A notice the viewer may not see is reported as missing, as an article is: its id tells nothing.
        boolean visible = notices.all().stream().anyMatch(n -> n.id().equals(id) && n.visibleTo(viewer));
        if (!visible) {
            throw new NotFoundException("notice", id.value(), "count only notices the viewer was shown");
        }
        return id;
    }

    @Override
    public List<NoticeStats> noticeStats(Viewer viewer) {
        ensureOpen();
        Objects.requireNonNull(viewer, "viewer");
        Map<NoticeId, NoticeStats> counted = notices.stats();
        return notices.visible(viewer.audience(), clock.instant(), false).stream()
                .map(n -> counted.getOrDefault(n.id(), new NoticeStats(n.id(), 0, 0)))
                .toList();
    }

    private static void requireNoticeManager(Actor actor, String what) {
        if (!actor.licence().atLeast(Licence.PUBLISHER)) {
            throw new ActionRefusedException(new Refusal(
                    NOTICES_REQUIRE_PUBLISHER,
                    actor.id() + " (" + actor.licence() + ") may not " + what
                            + ": only a Publisher or an administrator publishes known-issue notices, which speak to"
                            + " every viewer of their audience [rule " + NOTICES_REQUIRE_PUBLISHER + "]"));
        }
    }

    // ---- Content health -----------------------------------------------------------------------------------

    @Override
    public org.kcskb.health.CaseClosure caseClosed(Actor actor, CaseId caseId, Instant opened) {
        ensureOpen();
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(opened, "opened");
        Instant now = clock.instant();
        if (opened.isAfter(now)) {
            throw new InvalidInputException(
                    "opened",
                    opened,
                    "a case cannot open after it closes (now, " + now + " on the knowledge base's clock); pass when"
                            + " the host opened the case");
        }
        var linked = new ArrayList<ArticleId>();
        var captured = new ArrayList<ArticleId>();
        for (CaseLink link : store.linksOfCase(caseId)) {
            if (linked.contains(link.articleId())) {
                continue;
            }
            linked.add(link.articleId());
            Optional<Article> article = store.article(link.articleId());
            if (article.isPresent()
                    && !article.get().created().isBefore(opened)
                    && !article.get().created().isAfter(now)) {
                captured.add(link.articleId());
            }
        }
        var closure = new org.kcskb.health.CaseClosure(caseId, actor.id(), opened, now, linked, captured);
        store.putCaseClosure(closure);
        return closure;
    }

    @Override
    public org.kcskb.health.HealthReport health(Actor actor, org.kcskb.health.HealthRequest request) {
        ensureOpen();
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(request, "request");
        if (!actor.licence().atLeast(Licence.CONTRIBUTOR)) {
            throw new ActionRefusedException(new Refusal(
                    HEALTH_REQUIRES_CONTRIBUTOR,
                    actor.id() + " (" + actor.licence() + ") may not read content health reports: they rate"
                            + " people's work, for KCS coaches (a Contributor, Publisher or administrator) [rule "
                            + HEALTH_REQUIRES_CONTRIBUTOR + "]"));
        }
        Instant asOf = clock.instant();
        org.kcskb.browse.TimeRange window = request.windowAt(asOf);
        var health = new HealthReports(
                browseVisibility(Viewer.agent(actor)),
                request.quality().orElseGet(() -> org.kcskb.health.QualityIndex.kcsDefault(contentStandard)),
                window,
                org.kcskb.health.HealthRequest.previous(window),
                asOf,
                request.articleLimit(),
                store.caseClosures(window));
        store.scanActivity(health);
        return health.report(request.teams());
    }

    // ---- Knowledge in and out ---------------------------------------------------------------------------------

    @Override
    public org.kcskb.transfer.ArticleImport startImport(
            Actor actor, java.util.OptionalLong expectedRecords, org.kcskb.transfer.TransferListener listener) {
        ensureOpen();
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(expectedRecords, "expectedRecords");
        Objects.requireNonNull(listener, "listener");
        if (actor.licence() != Licence.ADMINISTRATOR) {
            throw new ActionRefusedException(new Refusal(
                    IMPORT_REQUIRES_ADMINISTRATOR,
                    actor.id() + " (" + actor.licence() + ") may not import articles: an import writes in other"
                            + " people's names and sets states without the lifecycle policy, so only an"
                            + " administrator (Actor.administrator) runs one [rule " + IMPORT_REQUIRES_ADMINISTRATOR
                            + "]"));
        }
        // Fails now, not at the first batch, when the store cannot recognise records it imported before.
        store.articlesBySourceId(List.of());
        return new BulkImport(
                store, actor, content -> withLanguage(checkLimits(content)), clock, expectedRecords, listener);
    }

    @Override
    public Optional<ArticleId> importedArticle(String sourceId) {
        ensureOpen();
        Objects.requireNonNull(sourceId, "sourceId");
        return Optional.ofNullable(store.articlesBySourceId(List.of(sourceId)).get(sourceId));
    }

    @Override
    public long exportArticles(
            Consumer<org.kcskb.transfer.TransferArticle> sink, org.kcskb.transfer.TransferListener listener) {
        ensureOpen();
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(listener, "listener");
        return BulkExport.run(store, sink, listener);
    }
}
