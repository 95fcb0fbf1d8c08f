package org.kcskb;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import org.kcskb.actor.Actor;
import org.kcskb.actor.Viewer;
import org.kcskb.analytics.ReportQuery;
import org.kcskb.analytics.SearchAnalytics;
import org.kcskb.analytics.SearchOrigin;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleHistory;
import org.kcskb.article.ArticleId;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.article.CaseId;
import org.kcskb.article.CaseLink;
import org.kcskb.article.Feedback;
import org.kcskb.article.Flag;
import org.kcskb.article.FlagReason;
import org.kcskb.article.LinkType;
import org.kcskb.article.Revision;
import org.kcskb.article.RevisionField;
import org.kcskb.browse.BrowseCounts;
import org.kcskb.browse.BrowsePage;
import org.kcskb.browse.BrowseRequest;
import org.kcskb.browse.QueuePage;
import org.kcskb.browse.QueueSettings;
import org.kcskb.browse.WorkQueue;
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
import org.kcskb.vocabulary.SynonymProposal;
import org.kcskb.vocabulary.Vocabulary;
import org.kcskb.vocabulary.VocabularyChange;
import org.kcskb.vocabulary.VocabularyEntry;
import org.kcskb.vocabulary.VocabularyRule;

/**
 * A KCS knowledge base: the Solve Loop (capture, reuse, improve) and search over one store.
 *
 * <p>Open the embedded default with {@link #open(Path)}, or configure one with {@link #builder()}:
 *
 * <pre>{@code
 * try (KnowledgeBase kb = KnowledgeBase.open(directory)) {
 *     Actor agent = Actor.candidate("agent-7");
 *     Article article = kb.capture(agent, Draft.of(ArticleContent.of(
 *             "Drucker druckt nach Windows-Update nicht mehr", "Seit dem Update druckt nichts mehr"))
 *             .fromCase(CaseId.of("CASE-1001")));
 *     kb.flag(agent, article.id(), FlagReason.INCOMPLETE, "Treiberversion fehlt");
 * }
 * }</pre>
 *
 * <p>Every write names its {@link Actor} and passes the input limits, the content standard and the lifecycle
 * policy before anything is stored; then it is stored atomically with a change-feed entry, and the search
 * engine picks it up within the configured refresh interval (one second by default). Writes either happen
 * completely or not at all.
 *
 * <p>Searches, clicks, suggestion picks and links from a search are recorded for the {@link #analytics() search
 * analytics} (the Evolve Loop's signals): into the store when it implements
 * {@link org.kcskb.store.spi.AnalyticsStore} (every shipped store does), otherwise in memory. Recording goes through a
 * bounded queue of 10,000 events that a background task writes in batches of up to 500 every 200 ms; it never
 * blocks or fails the call that records, and drops (and counts) events when the store cannot keep up.
 *
 * <p>Background work (the analytics writer, retention, learning what other nodes learned) runs as tasks on
 * {@link #sharedScheduler() one small pool per JVM} that every knowledge base shares, or on the host's own
 * {@link KnowledgeBaseBuilder#scheduler scheduler}: a knowledge base starts no threads of its own, so a service can
 * hold a thousand of them.
 *
 * <p>Errors: {@link InvalidInputException} (bad input), {@link ActionRefusedException} (lifecycle rule),
 * {@link ContentStandardException}, {@link RevisionConflictException} (stale revision),
 * {@link NotFoundException} and {@link StorageException}. Thread-safe; calls after {@link #close()} fail with
 * {@link IllegalStateException}.
 */
public interface KnowledgeBase extends AutoCloseable {

    /**
     * Opens (or creates) the embedded default knowledge base in {@code directory}: an H2 store in
     * {@code directory/store} and, when {@code kb-index} is on the class path, a Lucene index in
     * {@code directory/index}.
     */
    static KnowledgeBase open(Path directory) {
        return builder().directory(directory).build();
    }

    /** Starts configuring a knowledge base. */
    static KnowledgeBaseBuilder builder() {
        return new KnowledgeBaseBuilder();
    }

    /**
     * Returns the pool that runs the background work of every knowledge base in this JVM that was given no
     * {@link KnowledgeBaseBuilder#scheduler scheduler}: at most 8 daemon threads (as many as there are cores, at
     * least 2) named {@code kcskb-background-N}, created when the first knowledge base opens. Search engines are
     * offered the same pool for their own background work.
     *
     * <p>It lives as long as the JVM: {@code shutdown()}, {@code shutdownNow()} and {@code close()} throw
     * {@link UnsupportedOperationException}. Tasks a host schedules on it share its few threads with every
     * knowledge base, so they must be short and must not block. Thread-safe.
     */
    static ScheduledExecutorService sharedScheduler() {
        return SharedScheduler.get();
    }

    // ---- Capture ------------------------------------------------------------------------------------------

    /** Captures a new article; see {@link Draft}. Linked to {@link Draft#fromCase()} when present. */
    Article capture(Actor actor, Draft draft);

    /** Captures {@code content} as an internal article (WIP without a resolution, otherwise NOT_VALIDATED). */
    default Article capture(Actor actor, ArticleContent content) {
        return capture(actor, Draft.of(content));
    }

    // ---- Read ---------------------------------------------------------------------------------------------

    /** Returns an article regardless of audience, for the host's own use; never hand it to a viewer unchecked. */
    Optional<Article> article(ArticleId id);

    /**
     * Returns an article if {@code viewer} may see it, otherwise empty (as if it did not exist); its
     * {@link Article#translations()} are those the viewer may see.
     */
    Optional<Article> article(ArticleId id, Viewer viewer);

    /** Returns the full revision history. */
    ArticleHistory history(ArticleId id);

    /** Returns the current case links of an article. */
    List<CaseLink> links(ArticleId id);

    /** Returns the current links of a case. */
    List<CaseLink> links(CaseId caseId);

    /** Returns every flag of an article, open and resolved. */
    List<Flag> flags(ArticleId id);

    /** Returns every feedback entry of an article. */
    List<Feedback> feedback(ArticleId id);

    // ---- Reuse --------------------------------------------------------------------------------------------

    /** Links an article to a case (a reuse), pinning its current revision; linking again updates the type. */
    CaseLink link(Actor actor, ArticleId id, CaseId caseId, LinkType type);

    /**
     * Links an article that {@code actor} found with a search to a case, as {@link #link(Actor, ArticleId, CaseId,
     * LinkType)} does, and records the link for the search analytics, so that the search counts as answered.
     * The link is recorded only if it was stored, and only when {@code origin} names a search this knowledge base
     * issued to {@code actor} that returned the article (see {@link #recordClick}); otherwise the link is stored
     * all the same (it is the agent's work) and the origin is ignored.
     */
    CaseLink link(Actor actor, ArticleId id, CaseId caseId, LinkType type, SearchOrigin origin);

    /** Removes the link between an article and a case. */
    void unlink(Actor actor, ArticleId id, CaseId caseId);

    // ---- Improve ------------------------------------------------------------------------------------------

    /** Flags an article for improvement. */
    Flag flag(Actor actor, ArticleId id, FlagReason reason, String comment);

    /** Resolves an open flag with a note on what was done. */
    Flag resolveFlag(Actor actor, String flagId, String note);

    /** Applies an {@link Update}: content, state and audience in one revision. */
    Article update(Actor actor, ArticleId id, Update update);

    /** Revises the content, based on {@code expectedRevision}. */
    default Article revise(Actor actor, ArticleId id, int expectedRevision, ArticleContent content, String comment) {
        return update(actor, id, Update.of(expectedRevision).content(content).comment(comment));
    }

    /** Moves an article to another state, based on {@code expectedRevision}. */
    default Article transition(Actor actor, ArticleId id, int expectedRevision, ArticleState state) {
        return update(actor, id, Update.of(expectedRevision).state(state));
    }

    /** Publishes an article to another audience, based on {@code expectedRevision}. */
    default Article publish(Actor actor, ArticleId id, int expectedRevision, Audience audience) {
        return update(actor, id, Update.of(expectedRevision).audience(audience));
    }

    /**
     * Merges a duplicate into a surviving article: the duplicate's links move to the survivor, and the duplicate
     * is archived pointing to it. Best bets that pin the duplicate then move to the survivor: each is removed and
     * added again for the survivor in the actor's name (see {@link #vocabularyAudit()}), unless the survivor has
     * the same best bet already.
     *
     * @return the archived duplicate
     */
    Article merge(Actor actor, ArticleId duplicate, ArticleId survivor);

    // ---- Translations -------------------------------------------------------------------------------------

    /**
     * Links two articles as translations of each other: the same issue written in two languages. Their translation
     * groups become one (links are transitive: A with B and B with C puts all three in one group), which
     * {@link Article#translations()} shows on each member; a search then shows a viewer the version in their
     * language and offers the others they may see ({@link org.kcskb.search.SearchHit#translations()}).
     *
     * @param actor who may revise both articles under the lifecycle policy ({@link
     *     org.kcskb.lifecycle.Action#TRANSLATE}); archived articles are refused
     * @return {@code a} as linked
     * @throws NotFoundException if either article does not exist
     * @throws InvalidInputException if {@code a} and {@code b} are the same article or either has no language set
     * @throws TranslationConflictException if the joined group would hold two articles in one language; the
     *     exception names the one already there
     * @throws ActionRefusedException if the actor may not change either article
     */
    Article linkTranslation(Actor actor, ArticleId a, ArticleId b);

    /**
     * Takes an article out of its translation group (a group left with one article is dissolved); an article
     * without translations is left as it is. Merging or purging an article does this too.
     *
     * @return the article, without translations
     * @throws NotFoundException if the article does not exist
     * @throws ActionRefusedException if the actor may not change it ({@link org.kcskb.lifecycle.Action#TRANSLATE})
     */
    Article unlinkTranslation(Actor actor, ArticleId id);

    // ---- Personal data ----------------------------------------------------------------------------------

    /**
     * Removes an article for good, with every revision, link, flag, feedback entry and its view count, for personal
     * data captured by mistake. The store forgets it, the search index deletes it when it follows the change, and
     * the {@linkplain #auditTrail() audit trail} records who purged it, when and why (never its text). Unlike
     * archiving or merging, nothing of the article can be read afterwards. Best bets that pin it are removed, in
     * the actor's name (see {@link #vocabularyAudit()}).
     *
     * @param actor a Publisher or administrator
     * @param reason why, for the audit trail (for example a ticket number), 1 to
     *     {@value AuditEntry#MAX_REASON_LENGTH} characters
     * @throws ActionRefusedException if the actor is below Publisher (rule {@value #PURGE_REQUIRES_PUBLISHER})
     * @throws NotFoundException if there is no such article
     */
    void purge(Actor actor, ArticleId id, String reason);

    /**
     * Replaces {@code fields} of one stored revision by {@link org.kcskb.article.RevisionField#MARKER}, for personal
     * data captured by mistake: the old text is gone from the store (not kept as an older revision), the search
     * index re-indexes the article, and the {@linkplain #auditTrail() audit trail} records who redacted which
     * fields of which revision, when and why. Redact every revision that holds the text: each is a full snapshot.
     *
     * @param actor a Publisher or administrator
     * @param revision the revision number, from 1
     * @param fields at least one field
     * @param reason why, for the audit trail, 1 to {@value AuditEntry#MAX_REASON_LENGTH} characters
     * @return the redacted revision as now stored
     * @throws ActionRefusedException if the actor is below Publisher (rule {@value #PURGE_REQUIRES_PUBLISHER})
     * @throws NotFoundException if there is no such article or revision
     */
    Revision redact(Actor actor, ArticleId id, int revision, Set<RevisionField> fields, String reason);

    /** Returns every purge and redaction, oldest first. */
    List<AuditEntry> auditTrail();

    /** Returns the purges and redactions of one article, oldest first; it may no longer exist. */
    List<AuditEntry> auditTrail(ArticleId id);

    /** The rule id with which {@link #purge} and {@link #redact} refuse an actor below Publisher. */
    String PURGE_REQUIRES_PUBLISHER = "kcs.purge.requires-publisher";

    /** The rule that refuses vocabulary changes (synonyms, expansions, best bets) to actors below Publisher. */
    String VOCABULARY_REQUIRES_PUBLISHER = "kcs.vocabulary.requires-publisher";

    /** Records self-service feedback from a viewer who may see the article. */
    Feedback feedback(Viewer viewer, ArticleId id, boolean helpful, String comment);

    /**
     * Counts a view of an article by a viewer who may see it. Checks the visibility (a store read) but writes
     * nothing at once: views are counted in memory and written in one batch about every second on a background
     * thread, and on {@link #close()}; a crash loses at most the views of the last second. Reports like
     * {@link NotFoundException} an article that does not exist or that the viewer may not see.
     */
    void recordView(Viewer viewer, ArticleId id);

    // ---- Search -------------------------------------------------------------------------------------------

    /**
     * Searches as the request's viewer; only articles that viewer may see can appear anywhere in the result.
     *
     * <p>The result carries a {@link SearchResult#searchId() search id}; pass it back with
     * {@link #recordClick} or {@link #link(Actor, ArticleId, CaseId, LinkType, SearchOrigin)}. The first page of a
     * search with text is recorded for the analytics with its total hit count; later pages ({@code offset} or
     * {@code after} set), searches with blank text (browsing by filters) and requests that are not
     * {@linkplain SearchRequest#recorded() recorded} (fired while typing) are not.
     */
    SearchResult search(SearchRequest request);

    /**
     * Completes what {@code viewer} is typing, from article titles and from queries that others searched and then
     * chose an article for, most popular first. Matches any word start, also parts of German compounds
     * ("treiber" finds "Druckertreiber neu installieren"), ignoring case, accents and umlaut spellings ("Drücker",
     * "Druecker", "drucker"). Only what the viewer may see is suggested: a title only when the viewer may see the
     * article, a query only when the viewer may see an article it led to. Blank input has no suggestions.
     *
     * <p>The {@linkplain #vocabulary() vocabulary} completes too: when fewer than {@code limit} suggestions complete
     * the words as typed, the words as its synonyms and expansions rewrite them fill the list ("Beamer" suggests
     * "Projektor zeigt kein Bild", "AP bl" "Access Point blinkt rot"), with the rules of every language, and a change
     * to the vocabulary applies as it does to search.
     *
     * <p>A query that people searched is suggested only to viewers of the {@linkplain Viewer#audience() audience}
     * it was typed in (an agent's query never reaches partners or the public), only once at least
     * {@linkplain KnowledgeBaseBuilder#suggestionVisitors(int) N distinct visitors} of that audience chose one of
     * its hits, never when it looks personal (e-mail addresses, phone numbers, long digit runs, the host's
     * {@linkplain KnowledgeBaseBuilder#personalDataPattern pattern}) and never once {@linkplain #blockSuggestion
     * blocked}. Served from memory: no store read. Each node over a shared store learns its own searches at once
     * and, within seconds, what the other nodes learned (it reads the answered queries from the store about every
     * 5 seconds, less often when that read is slow).
     *
     * @param limit at most this many suggestions, from 1 to {@value SearchRequest#MAX_LIMIT}
     */
    List<Suggestion> suggest(String prefix, Viewer viewer, int limit);

    /**
     * Returns existing articles that look like the draft's issue and environment, most similar first, each with
     * the words that matched: call it while an agent captures, to warn "this looks like KB-123" before a duplicate
     * is written. Only articles {@code actor} may see are considered, archived ones included.
     *
     * @param limit at most this many articles, from 1 to {@value SearchRequest#MAX_LIMIT}
     */
    List<SimilarArticle> similar(Actor actor, Draft draft, int limit);

    /** Returns up to 5 articles similar to the draft; see {@link #similar(Actor, Draft, int)}. */
    default List<SimilarArticle> similar(Actor actor, Draft draft) {
        return similar(actor, draft, 5);
    }

    /**
     * Returns articles related to article {@code id}, for "see also" on an article page: those sharing its most
     * telling words, product and tags, best first. Only articles {@code viewer} may see; empty when the viewer
     * may not see article {@code id} itself.
     *
     * @param limit at most this many articles, from 1 to {@value SearchRequest#MAX_LIMIT}
     */
    List<SearchHit> related(ArticleId id, Viewer viewer, int limit);

    /**
     * Returns the counters of the search engine's result cache ({@link QueryCacheStats#disabled()} without one or
     * without search); the Lucene engine's is bounded with {@code LuceneSearchEngineProvider.builder()
     * .resultCacheBytes(...)}.
     */
    QueryCacheStats queryCacheStats();

    /**
     * Returns where the search index stands against the store: the change-feed lag, the index size and the engine's
     * name, for gauges and health checks (the Spring Boot starter's health indicator, {@code kb-micrometer}'s
     * gauges). Reads the store's newest sequence number (one cheap query), so it doubles as a check that the store
     * answers.
     *
     * @throws StorageException if the store cannot be read
     */
    org.kcskb.metrics.IndexStatus indexStatus();

    /** Waits until every write acknowledged so far is searchable; returns whether that happened in time. */
    boolean awaitSearchable(Duration timeout);

    /** Rebuilds the search index from the store. */
    void rebuildIndex();

    /**
     * Rebuilds the search index from the store, reporting its progress to {@code listener} (on the thread that does
     * the work, while this call waits): the total is the number of articles to index, the last call has all of them
     * done. Reports nothing with a search engine that cannot tell ({@link
     * org.kcskb.search.spi.SearchEngine#rebuild(org.kcskb.transfer.TransferListener)}); the default, for other
     * implementations, rebuilds without reporting.
     */
    default void rebuildIndex(org.kcskb.transfer.TransferListener listener) {
        java.util.Objects.requireNonNull(listener, "listener");
        rebuildIndex();
    }

    // ---- Search analytics ---------------------------------------------------------------------------------

    /**
     * Records that {@code viewer} opened article {@code id} from a search result: the search counts as answered,
     * and the position enters the click-position report. The click is checked against the knowledge base's memory
     * of its recent searches (the latest 50,000, for up to an hour; lost on restart): the search id must be one
     * this knowledge base issued to this viewer, and the article one of the hits it returned. With several nodes
     * over one store, a click must reach the node that ran the search (sticky sessions); another node refuses it.
     * The article is not looked up, so that recording costs no I/O; call {@link #recordView} as well to count a
     * view. Never blocks; works without a search engine.
     *
     * @throws InvalidInputException naming {@code searchId} for a search id this knowledge base did not issue to
     *     this viewer (unknown, forged, another viewer's, or forgotten: too old or too many searches ago), or
     *     naming {@code id} for an article that search did not return
     */
    void recordClick(Viewer viewer, ArticleId id, SearchOrigin origin);

    /**
     * Blocks a learned query suggestion: the query ({@linkplain org.kcskb.analytics.SearchEvent#normalize
     * normalised}) disappears at once from this node's suggestions, is never learned again, and stays blocked
     * after a restart (the block is stored with the analytics; other nodes over the same store apply it within
     * seconds, when they next read the learned suggestions). For text that should never have been suggested, such
     * as personal data. Article titles are not affected: revise or archive the article.
     *
     * @param actor a publisher or administrator
     * @throws ActionRefusedException when {@code actor} has a lower licence
     */
    void blockSuggestion(Actor actor, String text);

    /**
     * Records that {@code viewer}, having typed {@code typed}, picked article {@code id} from the suggestions at
     * 1-based {@code position}. The typed text counts in the top queries; the position in the click-position
     * report. Never blocks; works without a search engine.
     *
     * @param language the language of what was typed, {@link Locale#ROOT} when unknown
     */
    void recordSuggestionPick(Viewer viewer, String typed, Locale language, ArticleId id, int position);

    /**
     * Returns the search analytics as the administrator sees them: content gaps, top queries, click positions and
     * answered queries over every recorded event, whoever searched (agents' internal queries included) and whatever
     * article was chosen (ids of articles of every audience, also ids the store does not hold), and the recorder's
     * counters of every audience's events. Show these only to
     * whoever may see everything; for anybody else use {@link #analytics(Viewer)}. Every report first writes the
     * events still queued, so it includes everything recorded before the call.
     */
    SearchAnalytics analytics();

    /**
     * Returns the search analytics as {@code viewer} may see them, for example an Evolve-Loop dashboard for a
     * partner manager: every report counts only
     *
     * <ul>
     *   <li>events of searchers whose {@linkplain Viewer#audience() audience} the viewer's audience includes
     *       ({@code PUBLIC} within {@code PARTNER} within {@code INTERNAL}: the public's view counts the public's
     *       searches, a partner's also partners', an agent's everybody's), and
     *   <li>of the clicks, suggestion picks and case links, those on an article the viewer may read now (as
     *       {@link #article(ArticleId, Viewer)} decides under the visibility policy): an answered query of another
     *       article is left out, a click on it does not answer its search (which can therefore be a
     *       {@link org.kcskb.analytics.ContentGap.Kind#NO_CLICK} gap in this view), a pick of it is not counted.
     * </ul>
     *
     * <p>Each report is the administrator's report over only those events, with the same ordering, and still
     * returns up to the query's limit of rows: the store filters before it limits. Under the KCS default policy an
     * agent's view differs from the administrator's only by events on article ids the store does not hold (a
     * suggestion pick names an id that nobody checked).
     *
     * <p><b>What holds.</b> Two knowledge bases whose articles that {@code viewer} may read are the same, and
     * whose recorded events differ only in events of searchers of audiences the viewer does not include and in
     * events on articles the viewer may not read, give that viewer the same reports. <b>What does not.</b> A
     * search event records the number of hits the searcher saw when it ran; that number decides between
     * {@code NO_RESULTS} and {@code NO_CLICK} and counts in {@link org.kcskb.analytics.QueryCount#withoutResults()}.
     * It depends only on articles the viewer may read when every searcher the viewer's audience includes sees no
     * more than the viewer (true of the KCS default policy, where the public sees less than partners and partners
     * less than agents, but not of a policy with grants limited to an agent's own articles, whose searches an
     * agent's view includes) and when the articles have not changed audience or state since the search ran (a
     * search run while an article was public still counts its hit after the article went internal). Partners are
     * one audience: a partner's view includes the searches of every partner organisation. Events are thinned
     * without regard to who may see them: the recorder's bounded queue drops events under overload, an in-memory
     * store keeps only its newest events, and retention deletes the oldest beyond a row count, so the number of
     * events hidden from the viewer decides which of the oldest visible events are still there. A report's running
     * time grows with every event in its window, hidden or not. The recorder's counters
     * ({@link SearchAnalytics#recording()}) count every audience's events and are refused in this view.
     *
     * @throws UnsupportedOperationException from the reports when the store implements {@link
     *     org.kcskb.store.spi.AnalyticsStore} without its scoped reports (every shipped store has them)
     */
    SearchAnalytics analytics(Viewer viewer);

    // ---- Vocabulary: synonyms, expansions, best bets -----------------------------------------------------------

    /**
     * Adds a vocabulary entry: words that mean the same, an abbreviation and what it stands for, or a best bet. It is
     * stored and audited by the store and announced on its change feed, so every node's search engine applies it
     * within its refresh interval, at query time, without re-indexing. Only a Publisher or an administrator manages
     * the vocabulary (KCS: the knowledge domain experts who tune search).
     *
     * <pre>{@code
     * kb.addVocabulary(publisher, Locale.GERMAN, VocabularyRule.Synonyms.of("VPN", "Fernzugriff"));
     * kb.addVocabulary(publisher, Locale.ENGLISH, VocabularyRule.Expansion.of("AP", "access point"));
     * kb.addVocabulary(publisher, Locale.GERMAN, VocabularyRule.Translation.of("Lohnzettel", Locale.ENGLISH, "payslip"));
     * kb.addVocabulary(publisher, Locale.GERMAN, new VocabularyRule.BestBet("ausfall", outage.id()));
     * }</pre>
     *
     * @param language the language whose queries it applies to, or {@link Locale#ROOT} for every language
     * @return the stored entry, with its id
     * @throws ActionRefusedException if the actor is neither a Publisher nor an administrator (rule {@value
     *     #VOCABULARY_REQUIRES_PUBLISHER})
     * @throws NotFoundException if a best bet names an article that does not exist
     * @throws InvalidInputException if a best bet names a merged duplicate (the message names the survivor to pin)
     */
    VocabularyEntry addVocabulary(Actor actor, Locale language, VocabularyRule rule);

    /**
     * Removes a vocabulary entry added through {@link #addVocabulary}; recorded in the audit trail. The base
     * vocabulary (configured in code) is not removed here: configure it with {@link
     * KnowledgeBaseBuilder#baseVocabulary}.
     *
     * @throws ActionRefusedException if the actor is neither a Publisher nor an administrator
     * @throws NotFoundException if no managed entry has that id
     */
    void removeVocabulary(Actor actor, String entryId);

    /**
     * Returns the vocabulary the search engine applies: the base vocabulary followed by the managed entries (a managed
     * entry replaces a base entry of the same id).
     */
    Vocabulary vocabulary();

    /** Returns the managed vocabulary's audit trail, oldest first: who added or removed which entry, and when. */
    List<VocabularyChange> vocabularyAudit();

    /**
     * Returns the synonyms that visitors' reformulated searches suggest, for a Publisher to accept with {@link
     * #addVocabulary} or to ignore: nothing is ever applied automatically.
     *
     * <p>A reformulation is a search without a click (no hits, or hits nobody opened, picked or linked) followed,
     * within {@link SynonymProposal#REFORMULATION_WINDOW} and by the same visitor ({@link
     * org.kcskb.search.SearchRequest.Builder#visitor}; searches without a visitor key never count), by a different
     * search whose hit was clicked or linked. The failed search must lie in the query's window (and language). Of
     * the two, the words of the failed search that the successful one lacks are proposed for the words it added,
     * leaving out common words ("nicht", "the"); a refinement that only adds or only drops words proposes nothing.
     * Left out as well: searches that look personal (e-mail addresses, phone or customer numbers: the same filter
     * as for learned suggestions, with the host's pattern), pairs the {@link #vocabulary()} already relates, and
     * proposals of fewer than {@link SynonymProposal#MIN_VISITORS} distinct visitors. Most visitors first, then the
     * latest; at most the query's limit.
     *
     * <pre>{@code
     * for (SynonymProposal p : kb.synonymProposals(coach, ReportQuery.all().withLanguage(Locale.GERMAN))) {
     *     System.out.println(p.visitors() + " visitors: '" + p.failedQuery() + "' -> '" + p.reformulation() + "'");
     *     // after review: kb.addVocabulary(coach, p.language(), p.suggestion());
     * }
     * }</pre>
     *
     * @throws ActionRefusedException if the actor is neither a Publisher nor an administrator (rule {@value
     *     #VOCABULARY_REQUIRES_PUBLISHER}): the proposals show what visitors of every audience searched
     * @throws UnsupportedOperationException if the host's store keeps the analytics but does not implement {@link
     *     org.kcskb.store.spi.AnalyticsStore#reformulations} (every shipped store does)
     */
    List<SynonymProposal> synonymProposals(Actor actor, ReportQuery query);

    // ---- Browse and work queues (the Evolve Loop) ---------------------------------------------------------------

    /**
     * Lists the articles {@code viewer} may read that match the request's filters, one page in the request's order.
     * The store answers, not the search index, so the listing is complete and current. Visibility is decided as by
     * {@link #article(ArticleId, Viewer)}: under the KCS default the public lists {@code VALIDATED} {@code PUBLIC}
     * articles, partners {@code PARTNER} ones too, agents every internal one and, under the default, archived ones.
     *
     * <pre>{@code
     * BrowsePage page = kb.browse(coach, BrowseRequest.builder()
     *         .states(ArticleState.NOT_VALIDATED).product("Acme Print")
     *         .sort(BrowseRequest.Sort.REUSE_COUNT, true).limit(50).build());
     * // next page: the same request with .after(page.nextCursor().get())
     * }</pre>
     */
    BrowsePage browse(Viewer viewer, BrowseRequest request);

    /**
     * Counts the articles {@code viewer} may read that match the request's filters (its sort, limit and cursor are
     * ignored), per state and audience: nothing the viewer may not read is counted.
     */
    BrowseCounts counts(Viewer viewer, BrowseRequest request);

    /** Counts every article {@code viewer} may read, per state and audience. */
    default BrowseCounts counts(Viewer viewer) {
        return counts(viewer, BrowseRequest.builder().build());
    }

    /**
     * Lists one page of a work queue: the articles {@code viewer} may read that {@code within}'s filters and the
     * queue's rule (with the settings' thresholds, ages measured on this knowledge base's clock) select, each with
     * the reason it is listed. The rule replaces the same filters of {@code within}; start it with
     * {@link WorkQueue#request()} for the queue's natural order.
     *
     * <pre>{@code
     * QueuePage stale = kb.queue(coach, WorkQueue.STALE_VALIDATED, QueueSettings.defaults(),
     *         WorkQueue.STALE_VALIDATED.request().product("Acme Print").build());
     * stale.items().forEach(item -> System.out.println(item.article().id() + ": " + item.reason()));
     * }</pre>
     */
    QueuePage queue(Viewer viewer, WorkQueue queue, QueueSettings settings, BrowseRequest within);

    /** Lists the first page of a work queue with the default thresholds, in its natural order. */
    default QueuePage queue(Viewer viewer, WorkQueue queue) {
        return queue(viewer, queue, QueueSettings.defaults(), queue.request().build());
    }

    // ---- Known-issue notices ----------------------------------------------------------------------------------

    /** The rule that refuses publishing and ending known-issue notices to actors below Publisher. */
    String NOTICES_REQUIRE_PUBLISHER = "kcs.notices.requires-publisher";

    /**
     * Publishes a known-issue notice: a time-boxed message about a known problem that {@link #search} returns first
     * ({@link SearchResult#notices()}) for searches whose words contain every word of one of its symptoms (as the
     * search engine analyses words, in each of the notice's languages) or whose environment filters or context name
     * one of its products or environments, to viewers of its audience, from its start until its end (on this
     * knowledge base's clock; it expires by itself). Stored and audited by the store ({@link #noticeAudit()}) and
     * announced on its change feed; other nodes over the same store show it within a few seconds.
     *
     * <pre>{@code
     * Notice notice = kb.publishNotice(publisher, NoticeDraft.builder()
     *         .text(Locale.GERMAN, "Drucker druckt nach Update KB5034 nicht", "Update KB5034 vorerst deinstallieren.")
     *         .products("Windows 11").symptoms("drucker druckt nicht")
     *         .audience(Audience.PUBLIC).lasting(Duration.ofHours(2)).build());
     * }</pre>
     *
     * @param actor a Publisher or an administrator (KCS: who publishes to the public speaks for the organisation)
     * @return the notice as stored, with its id, start and end
     * @throws ActionRefusedException if the actor is below Publisher (rule {@value #NOTICES_REQUIRE_PUBLISHER})
     * @throws InvalidInputException if the end is not after the start or lies in the past, if it would last longer
     *     than {@link NoticeDraft#MAX_DURATION}, or if the linked article is merged away or not readable by the
     *     notice's audience (the message says how to fix it)
     * @throws NotFoundException if the linked article does not exist
     */
    Notice publishNotice(Actor actor, NoticeDraft draft);

    /**
     * Ends a notice now: its end moves to the current time, so it is shown no longer; recorded in {@link
     * #noticeAudit()}. Ending a notice that has ended returns it unchanged.
     *
     * @throws ActionRefusedException if the actor is below Publisher (rule {@value #NOTICES_REQUIRE_PUBLISHER})
     * @throws NotFoundException if there is no such notice
     */
    Notice endNotice(Actor actor, NoticeId id);

    /**
     * Returns every notice {@code viewer} may see (its audience includes the notice's), ended ones too, newest first;
     * notices that have not started yet only to agents (a partner or the public learns of a notice when it starts).
     */
    List<Notice> notices(Viewer viewer);

    /** Returns the notices {@code viewer} may see that are active now, newest first: for a start page. */
    List<Notice> activeNotices(Viewer viewer);

    /**
     * Returns the active notices {@code viewer} may see whose symptoms match {@code text} as for {@link #search}, at
     * most 5, newest first: for a search box that shows notices among its suggestions while the person types
     * ({@link #suggest} returns none). Empty for blank text.
     *
     * @param language the text's language, a preference ({@link Locale#ROOT} when unknown); the text is matched in
     *     each notice's languages
     */
    List<Notice> notices(Viewer viewer, String text, Locale language);

    /** Returns the notices' audit trail, oldest first: who published or ended which notice, and when. */
    List<NoticeChange> noticeAudit();

    /**
     * Counts that {@code viewer} was shown the banner of notice {@code id}. Counted in memory and written in batches
     * every few seconds and on {@link #close()}.
     *
     * @throws NotFoundException if there is no such notice, or {@code viewer} may not see it
     */
    void recordNoticeImpression(Viewer viewer, NoticeId id);

    /**
     * Counts that notice {@code id} answered {@code viewer}'s question ("this answered my question"): a deflected
     * case. Counted like {@link #recordNoticeImpression}.
     *
     * @throws NotFoundException if there is no such notice, or {@code viewer} may not see it
     */
    void recordNoticeAnswered(Viewer viewer, NoticeId id);

    /**
     * Returns the deflection report: impressions, answers and their ratio for each notice {@code viewer} may see,
     * newest notice first, counts not yet written included.
     */
    List<NoticeStats> noticeStats(Viewer viewer);

    // ---- Emerging issues (the Evolve Loop) -------------------------------------------------------------------

    /**
     * Returns what is rising now, as {@code actor} may see it: groups of similar searches, of similar searches
     * nobody found an answer for, and articles whose reuse from search rises, each counted in the latest window
     * against a baseline before it (see {@link org.kcskb.emerging.EmergingIssueSettings} for the test and its
     * false-alarm bound), measured on this knowledge base's clock. Similar queries are one issue: they are grouped by
     * the words the search engine matches ({@link org.kcskb.search.spi.SearchEngine#words}), typos tolerated.
     *
     * <p>The report reads the search analytics as an agent sees them ({@link #analytics(Viewer)} for {@code
     * Viewer.agent(actor)}): every audience's searches count, and candidate articles and reused articles are only
     * those the actor may read. Every licensed agent may ask; the public and partners have no actor and cannot.
     *
     * <pre>{@code
     * for (EmergingIssue issue : kb.emergingIssues(coach)) {
     *     System.out.printf("%s: %d searches since %s, %.0f times the usual%n",
     *             issue.label(), issue.count(), issue.since(), issue.growth());
     * }
     * }</pre>
     *
     * @return the issues, most improbable first; empty when nothing rises
     */
    java.util.List<org.kcskb.emerging.EmergingIssue> emergingIssues(
            Actor actor, org.kcskb.emerging.EmergingIssueSettings settings);

    /** Returns {@link #emergingIssues(Actor, org.kcskb.emerging.EmergingIssueSettings)} with the default settings. */
    default java.util.List<org.kcskb.emerging.EmergingIssue> emergingIssues(Actor actor) {
        return emergingIssues(actor, org.kcskb.emerging.EmergingIssueSettings.defaults());
    }

    /**
     * Calls {@code listener} once for each issue that starts to rise: every {@link
     * org.kcskb.emerging.EmergingIssueSettings#checkInterval()} on this knowledge base's scheduler, the issues are
     * detected as a licensed agent sees them (every audience's searches; articles an agent may read) and the new ones
     * are announced (see {@link org.kcskb.emerging.EmergingIssueTracker}). {@link #checkEmergingIssues()} runs the
     * same check at once.
     *
     * @return the registration; closing it (or this knowledge base) stops the checks
     */
    org.kcskb.emerging.EmergingIssueSubscription onEmergingIssue(
            org.kcskb.emerging.EmergingIssueSettings settings, org.kcskb.emerging.EmergingIssueListener listener);

    /**
     * Runs the check of every {@linkplain #onEmergingIssue listener} now, on the calling thread, and returns the
     * issues it announced (for tests with a controllable clock and for hosts that schedule checks themselves).
     */
    java.util.List<org.kcskb.emerging.EmergingIssue> checkEmergingIssues();

    /**
     * Turns an emerging issue into a work-in-progress internal article in one call: the title is the issue's label
     * (first letter capitalised), the issue text lists the example queries, in the customer's words, and the
     * history's comment says what rose and since when. Captured as {@link #capture(Actor, Draft)} does, so the
     * actor's licence, the limits and the content standard apply.
     *
     * @throws InvalidInputException naming {@code issue} for a {@link org.kcskb.emerging.EmergingIssue.Kind#REUSE}
     *     or {@link org.kcskb.emerging.EmergingIssue.Kind#FLAGS} issue: it is about articles that exist, which are
     *     improved instead
     */
    Article captureFromEmergingIssue(Actor actor, org.kcskb.emerging.EmergingIssue issue);

    /**
     * Cancels this knowledge base's background tasks, writes the queued analytics events and the counted views,
     * then closes the search engine and the store. Waits for a background round of this knowledge base that is
     * running, never for other knowledge bases' work, and never shuts down the scheduler the tasks ran on (the
     * shared pool, or the host's). Idempotent.
     */
    @Override
    void close();

    // ---- Content health (the Evolve Loop) -----------------------------------------------------------------------

    /** The rule with which {@link #health} refuses an actor below Contributor. */
    String HEALTH_REQUIRES_CONTRIBUTOR = "kcs.health.requires-contributor";

    /**
     * Records that the host closed a case, for the link rate and "new versus known" of the {@linkplain #health
     * content health reports}. The knowledge base reads the case's current {@linkplain #links(CaseId) links}: a case
     * with at least one is <em>linked</em>; a linked case is <em>new</em> when one of its articles was captured while
     * the case was open (created at or after {@code opened}, for example with {@link Draft#fromCase}), otherwise
     * <em>known</em> (every linked article existed before the case opened: knowledge reused). Call it when the case
     * closes, after linking; closing a case again (reopened, or a retry) replaces the earlier record, so each case
     * counts once, at its latest closure. Any licensed actor may close a case.
     *
     * <pre>{@code
     * kb.link(agent, article.id(), CaseId.of("CASE-1001"), LinkType.RESOLUTION);
     * kb.caseClosed(agent, CaseId.of("CASE-1001"), ticket.openedAt());
     * }</pre>
     *
     * @param actor who closed the case (the report counts it as theirs)
     * @param opened when the host opened the case; not after now on this knowledge base's clock
     * @return the closure as recorded, closed now on this knowledge base's clock
     * @throws InvalidInputException if {@code opened} lies after now
     * @throws UnsupportedOperationException if the host's store keeps no case events (every shipped store does)
     */
    org.kcskb.health.CaseClosure caseClosed(Actor actor, CaseId caseId, java.time.Instant opened);

    /**
     * Returns a content health report (the KCS Evolve Loop's article quality index and contribution figures) over
     * the request's window, made now on this knowledge base's clock: per article the AQI with the checks it fails,
     * its flags with their turnaround, and its reuse and feedback beside the window before; per author and per team
     * of the request the articles captured and reused by others, the AQI average, the flags received and fixed,
     * and the link rate and "new versus known" of the cases they closed ({@link #caseClosed}).
     *
     * <p>Only articles {@code actor} may read count, decided as by {@link #article(ArticleId, Viewer)} for {@code
     * Viewer.agent(actor)}: an article hidden from the actor is left out of every figure, and a case's links to it
     * count as if it did not exist. One pass over the store's articles, their links, flags and feedback; see
     * {@link org.kcskb.health.HealthReport} for what each figure means.
     *
     * <pre>{@code
     * HealthReport report = kb.health(coach, HealthRequest.builder()
     *         .last(Duration.ofDays(30)).team("Printing", Set.of("agent-1", "agent-2")).build());
     * report.articles().forEach(a -> System.out.println(a.id() + " AQI " + a.aqi() + " fails " + a.failedChecks()));
     * report.team("Printing").ifPresent(t -> System.out.println(t.health().cases().linkRate()));
     * }</pre>
     *
     * @param actor a Contributor, Publisher or administrator: KCS coaches (the figures rate people's work)
     * @throws ActionRefusedException if the actor is a Candidate (rule {@value #HEALTH_REQUIRES_CONTRIBUTOR})
     */
    org.kcskb.health.HealthReport health(Actor actor, org.kcskb.health.HealthRequest request);

    /** Returns the content health report of the last 30 days; see {@link #health(Actor, org.kcskb.health.HealthRequest)}. */
    default org.kcskb.health.HealthReport health(Actor actor) {
        return health(actor, org.kcskb.health.HealthRequest.defaults());
    }

    // ---- Knowledge in and out ---------------------------------------------------------------------------------

    /** The rule that refuses a bulk import to anyone but an administrator (see {@link #startImport}). */
    String IMPORT_REQUIRES_ADMINISTRATOR = "kcs.import.requires-administrator";

    /**
     * Starts a bulk import of articles from another system (or from an {@linkplain #exportArticles export}):
     * idempotent by each record's source id, streaming, in batches of a few hundred records per store commit; see
     * {@link org.kcskb.transfer.ArticleImport} for what happens to each record. The search index follows the change
     * feed as for any write. The JSON-lines file format is read by {@code kb-transfer}'s {@code ArticleJsonLines}:
     *
     * <pre>{@code
     * try (ArticleImport run = kb.startImport(Actor.administrator("migration"), OptionalLong.empty(),
     *         TransferListener.none())) {
     *     ImportReport report = ArticleJsonLines.read(reader, run);
     * }
     * }</pre>
     *
     * @param actor an {@linkplain org.kcskb.actor.Licence#ADMINISTRATOR administrator}: an import writes in other
     *     people's names and sets states and audiences without the lifecycle policy
     * @param expectedRecords how many records the caller will hand over, when it knows, for the progress's total
     * @param listener hears the progress after each batch
     * @throws ActionRefusedException if the actor is no administrator (rule {@value #IMPORT_REQUIRES_ADMINISTRATOR})
     * @throws UnsupportedOperationException if the store keeps no source ids (every shipped store does)
     */
    org.kcskb.transfer.ArticleImport startImport(
            Actor actor, java.util.OptionalLong expectedRecords, org.kcskb.transfer.TransferListener listener);

    /**
     * Returns the article imported from the record {@code sourceId} of another system ({@link #startImport}), for
     * example to redirect the old system's links; empty if no article was imported under it.
     */
    Optional<ArticleId> importedArticle(String sourceId);

    /**
     * Hands every article to {@code sink}, with every revision, case link, flag, translation, feedback vote and its
     * view count, in source-id order
     * (so two exports of the same knowledge compare line by line); returns how many. References between articles
     * ({@code mergedInto}, translations) name source ids, so the export imports into any knowledge base: exported,
     * imported into an empty one and exported again, it gives the same records. Articles written during the export
     * may or may not appear. Reads one article at a time; the memory it holds is the list of ids.
     *
     * @throws IllegalStateException if an imported article's source id equals the id of an article created here, so
     *     that both would be written under one source id
     */
    long exportArticles(
            java.util.function.Consumer<org.kcskb.transfer.TransferArticle> sink,
            org.kcskb.transfer.TransferListener listener);
}
