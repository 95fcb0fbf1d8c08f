package org.kcskb.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kcskb.InvalidInputException;
import org.kcskb.KnowledgeBase;
import org.kcskb.NotFoundException;
import org.kcskb.actor.Viewer;
import org.kcskb.analytics.SearchId;
import org.kcskb.analytics.SearchOrigin;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleId;
import org.kcskb.article.Audience;
import org.kcskb.article.Environment;
import org.kcskb.article.Feedback;
import org.kcskb.article.TextField;
import org.kcskb.index.analysis.KbLanguages;
import org.kcskb.index.analysis.LanguageAnalysis;
import org.kcskb.notice.Notice;
import org.kcskb.notice.NoticeId;
import org.kcskb.notice.NoticeText;
import org.kcskb.render.ArticleRenderer;
import org.kcskb.search.FacetCount;
import org.kcskb.search.Relaxation;
import org.kcskb.search.SearchHit;
import org.kcskb.search.SearchRequest;
import org.kcskb.search.SearchResult;
import org.kcskb.search.Suggestion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The help site's JSON API for the public, independent of the HTTP server: each method takes the decoded request
 * and returns the value to write as JSON, or throws {@link ApiException}.
 *
 * <p>Everything is searched and read as the caller's viewer ({@link Viewer#anonymous()} unless the host's viewer
 * function names another), and the knowledge base enforces what that viewer may see inside the engine: hits, positions, totals, facets, did-you-mean and suggestions all come from
 * that one visible set, so nothing is filtered afterwards (a page filtered after the engine answered would still
 * count hidden articles in its total, facets and positions). What a visitor sees is therefore exactly what the
 * host's {@link org.kcskb.lifecycle.VisibilityPolicy} grants that viewer: for the anonymous public,
 * {@code VALIDATED} and {@code PUBLIC} articles by default.
 *
 * <p>Public reads write nothing on the request thread: the knowledge base counts views and records clicks in
 * memory and writes them in batches on its own thread. A click is recorded only when the
 * knowledge base can verify it against the search it names; an article opened with an expired, forgotten or
 * forged search id is served all the same, and the click is not recorded. Thread-safe.
 */
final class JsonApi {
    /** The longest query the help site accepts; the knowledge base would take more, but people do not type more. */
    static final int MAX_QUERY_LENGTH = 500;
    /** The longest text to complete. */
    static final int MAX_PREFIX_LENGTH = 100;
    /** The largest page size. */
    static final int MAX_PAGE_SIZE = 20;
    /** The deepest page. */
    static final int MAX_PAGE = 50;
    /** The most suggestions. */
    static final int MAX_SUGGESTIONS = 10;
    /** The longest feedback comment or support message, in characters. */
    static final int MAX_COMMENT_LENGTH = 2_000;

    private static final Logger LOG = LoggerFactory.getLogger(KbWeb.class);
    private static final Pattern ARTICLE_PATH = Pattern.compile("/api/articles/([^/]{1,64})(/feedback)?");
    private static final Pattern NOTICE_PATH = Pattern.compile("/api/notices/([^/]{1,64})/(impression|answered)");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** How many articles' rendered HTML {@link #rendered} keeps: the popular ones, whatever their size. */
    static final int RENDERED_ARTICLES = 2_000;

    private final KnowledgeBase kb;
    private final Consumer<HandOff> handOffs;
    /**
     * Each article revision's HTML, rendered once: a revision never changes, so (id, revision) names its HTML, and
     * a new revision is a new key. Per instance, since two knowledge bases may both have a KB-1 revision 3.
     */
    private final Cache<RevisionKey, ArticleHtml> rendered =
            Caffeine.newBuilder().maximumSize(RENDERED_ARTICLES).build();

    JsonApi(KnowledgeBase kb, Consumer<HandOff> handOffs) {
        this.kb = kb;
        this.handOffs = handOffs;
    }

    private record RevisionKey(ArticleId id, int revision) {}

    /**
     * Who is asking, as far as the API needs to know.
     *
     * @param viewer whom the host's viewer function names for the request ({@link Viewer#anonymous()} by
     *     default): everything is searched and read as this viewer
     * @param visitor a pseudonymous key of the client (a keyed hash of its address): counts distinct visitors
     *     without storing an address
     * @param mayRecordClick whether the client is within its click limit; over it, articles still open but the
     *     click is not recorded
     */
    record Caller(Viewer viewer, String visitor, boolean mayRecordClick) {}

    // ---- Responses --------------------------------------------------------------------------------------------

    /**
     * One hit; {@code snippet} is escaped HTML with {@code <mark>}, everything else plain text. {@code translations}
     * maps a language tag to the id of the hit's translation in that language (open it with
     * {@code GET /api/articles/{id}}), public ones only; empty when there are none.
     */
    record Hit(
            String id, String title, String snippet, String language, int position, Map<String, String> translations) {}

    record Facet(String value, long count) {}

    /**
     * One page of results; {@code relaxedTo} is the query whose results these are when the query as typed found
     * nothing ("showing results for …"), null otherwise.
     */
    record SearchResponse(
            String query,
            String lang,
            int page,
            int size,
            long total,
            boolean totalExact,
            List<Hit> hits,
            Map<String, List<Facet>> facets,
            String didYouMean,
            String relaxedTo,
            String searchId,
            boolean hasMore,
            String message,
            List<NoticeJson> notices) {}

    /** One completion; {@code highlighted} is escaped HTML with {@code <mark>}. */
    record SuggestionJson(String text, String highlighted, String kind, String articleId) {}

    /**
     * The suggestions; {@code notices} are the active public known-issue notices whose symptoms the typed text
     * matches (as a search would), for a front end that shows them among the suggestions.
     */
    record SuggestResponse(String query, List<SuggestionJson> suggestions, List<NoticeJson> notices) {}

    /**
     * A known-issue notice for the banner, in the requested language (or the notice's first): plain text, to be
     * shown escaped; {@code articleId} links the article describing it (null when none, or not public).
     */
    record NoticeJson(String id, String title, String text, String language, String articleId, String until) {}

    /** The notices for the start page: active public notices marked "show to all". */
    record NoticesResponse(List<NoticeJson> notices) {}

    /** The answer to counting an impression or "this answered my question". */
    record NoticeCountResponse(String id, String counted, String message) {}

    record ArticleJson(
            String id,
            String title,
            String issue,
            Map<String, String> environment,
            String environmentText,
            String resolution,
            String cause,
            String language,
            List<String> tags,
            String modified,
            int helpful,
            int unhelpful,
            Map<String, String> translations,
            List<RelatedJson> related,
            String mergedFrom,
            ArticleHtml html) {}

    /**
     * The article's parts as sanitised HTML, rendered on the server ({@link ArticleRenderer}): Markdown articles
     * with their headings, lists, links, code and tables, plain-text articles as paragraphs with joined lines,
     * lists and linked URLs, the environment as labelled parts. No raw HTML of the article ever passes through.
     */
    record ArticleHtml(String issue, String environment, String resolution, String cause) {}

    /** One renderer per article language (the environment's labels); English for any other language. */
    private static final Map<String, ArticleRenderer> RENDERERS = Map.of(
            "de",
            renderer("Produkt", "Version", "Komponente", "Plattform"),
            "fr",
            renderer("Produit", "Version", "Composant", "Plate-forme"),
            "en",
            renderer("Product", "Version", "Component", "Platform"));

    private static ArticleRenderer renderer(String product, String version, String component, String platform) {
        // The widget shows the article title as h2 and the part labels as h3: an article's own headings start at h4.
        return ArticleRenderer.builder()
                .firstHeadingLevel(4)
                .label(Environment.PRODUCT, product)
                .label(Environment.VERSION, version)
                .label(Environment.COMPONENT, component)
                .label("platform", platform)
                .label(ArticleRenderer.ENVIRONMENT_TEXT, platform)
                .build();
    }

    static ArticleHtml html(Article article) {
        ArticleRenderer renderer = RENDERERS.getOrDefault(article.language().getLanguage(), RENDERERS.get("en"));
        ArticleContent content = article.content();
        return new ArticleHtml(
                renderer.html(content, TextField.ISSUE),
                renderer.environmentHtml(content),
                renderer.html(content, TextField.RESOLUTION),
                renderer.html(content, TextField.CAUSE));
    }

    /** A "see also" article: one the caller's viewer may read. */
    record RelatedJson(String id, String title, String language) {}

    /** The most related articles an article page shows. */
    static final int MAX_RELATED = 5;

    record FeedbackResponse(String id, String articleId, boolean helpful, String message) {}

    record HandOffResponse(String reference, String message) {}

    // ---- Endpoints --------------------------------------------------------------------------------------------

    Object route(String method, String path, Map<String, String> query, Optional<String> body, Caller caller) {
        if (path.equals("/api/search")) {
            requireMethod(method, "GET", path);
            return search(query, caller);
        }
        if (path.equals("/api/suggest")) {
            requireMethod(method, "GET", path);
            return suggest(query, caller);
        }
        if (path.equals("/api/notices")) {
            requireMethod(method, "GET", path);
            return startNotices(query, caller);
        }
        Matcher notice = NOTICE_PATH.matcher(path);
        if (notice.matches()) {
            requireMethod(method, "POST", path);
            return countNotice(noticeId(notice.group(1)), notice.group(2).equals("answered"), caller);
        }
        if (path.equals("/api/handoff")) {
            requireMethod(method, "POST", path);
            return handOff(body.orElse(""), caller);
        }
        Matcher article = ARTICLE_PATH.matcher(path);
        if (article.matches()) {
            ArticleId id = articleId(article.group(1));
            if (article.group(2) == null) {
                requireMethod(method, "GET", path);
                return article(id, query, caller);
            }
            requireMethod(method, "POST", path);
            return feedback(id, body.orElse(""), caller);
        }
        throw ApiException.notFound(
                "No endpoint " + method + " " + path + "; the API has GET /api/search?q=&lang=&page=,"
                        + " GET /api/suggest?q=, GET /api/articles/{id}[?searchId=&position= or ?suggested=&position=], POST /api/articles/{id}/feedback,"
                        + " GET /api/notices?lang=, POST /api/notices/{id}/impression, POST /api/notices/{id}/answered"
                        + " and POST /api/handoff");
    }

    SearchResponse search(Map<String, String> params, Caller caller) {
        String text = text(params, "q", MAX_QUERY_LENGTH);
        Locale language = language(params.getOrDefault("lang", ""));
        int page = integer(params, "page", 1, 1, MAX_PAGE);
        int size = integer(params, "size", 10, 1, MAX_PAGE_SIZE);
        String lang = language.toLanguageTag().equals("und") ? "" : language.toLanguageTag();
        if (text.isBlank()) {
            return new SearchResponse(
                    text,
                    lang,
                    page,
                    size,
                    0,
                    true,
                    List.of(),
                    Map.of(),
                    null,
                    null,
                    null,
                    false,
                    "Type a few words about your problem to search, for example q=drucker+offline or q=vpn+hotel",
                    List.of());
        }
        // typing=1: fired while the reader is still typing; not recorded, so partial words never become gaps.
        boolean typing = params.getOrDefault("typing", "").equals("1");
        SearchRequest.Builder request = SearchRequest.builder(text, caller.viewer())
                .language(language)
                .limit(size)
                .offset((page - 1) * size)
                .facets(true)
                .recorded(!typing);
        visitor(request, caller);
        String product = params.getOrDefault("product", "");
        if (!product.isBlank()) {
            request.environment("product", bounded("product", product, 200));
        }
        SearchResult result = kb.search(request.build());
        // Every hit is one the engine found for the anonymous viewer; none is dropped here, so positions, the
        // total and the facets count the same set.
        var hits = new ArrayList<Hit>();
        int position = (page - 1) * size;
        for (SearchHit hit : result.hits()) {
            position++;
            hits.add(new Hit(
                    hit.id().value(),
                    hit.title(),
                    SafeHtml.markedText(hit.snippet()),
                    hit.language().toLanguageTag(),
                    position,
                    translations(hit.translations())));
        }
        // A click names the search (and page) its hit came from; the knowledge base remembers which searches it
        // issued to whom and what they returned, and records only clicks that match (see recordClick).
        String searchId = result.searchId().map(SearchId::value).orElse(null);
        var facets = new LinkedHashMap<String, List<Facet>>();
        result.facets()
                .forEach((name, counts) -> facets.put(
                        name,
                        counts.stream()
                                .map((FacetCount c) -> new Facet(c.value(), c.count()))
                                .toList()));
        String message = hits.isEmpty()
                ? "Nothing found for '" + abbreviate(text) + "'; try other words, or contact support"
                : null;
        return new SearchResponse(
                text,
                lang,
                page,
                size,
                result.totalHits(),
                result.totalExact(),
                hits,
                facets,
                result.didYouMean().orElse(null),
                result.relaxation().map(Relaxation::query).orElse(null),
                searchId,
                result.nextPage().isPresent() && page < MAX_PAGE,
                message,
                noticesJson(result.notices(), language));
    }

    SuggestResponse suggest(Map<String, String> params, Caller caller) {
        String prefix = text(params, "q", MAX_PREFIX_LENGTH);
        int limit = integer(params, "limit", 6, 1, MAX_SUGGESTIONS);
        if (prefix.isBlank()) {
            return new SuggestResponse(prefix, List.of(), List.of());
        }
        // Served from the index alone: the engine suggests only what the anonymous viewer may see, so no
        // suggestion needs a store read to be checked (a public read must not cost the store anything).
        var suggestions = new ArrayList<SuggestionJson>();
        for (Suggestion s : kb.suggest(prefix, caller.viewer(), limit)) {
            suggestions.add(new SuggestionJson(
                    s.text(),
                    SafeHtml.markedText(s.highlighted()),
                    s.kind().name(),
                    s.article().map(ArticleId::value).orElse(null)));
        }
        // Matched in memory against the notices the knowledge base keeps: no store read either.
        Locale language = language(params.getOrDefault("lang", ""));
        return new SuggestResponse(
                prefix, suggestions, noticesJson(kb.notices(caller.viewer(), prefix, language), language));
    }

    ArticleJson article(ArticleId id, Map<String, String> params, Caller caller) {
        Optional<Article> found = publicArticle(id, caller);
        String mergedFrom = null;
        if (found.isEmpty()) {
            // A merged duplicate leads to its survivor, so that a shared link or bookmark keeps working.
            Optional<ArticleId> survivor = survivorOf(id, caller.viewer());
            if (survivor.isPresent()) {
                found = publicArticle(survivor.get(), caller);
                mergedFrom = id.value();
            }
        }
        Article article = found.orElseThrow(() -> noPublicArticle(id));
        Optional<String> searchId = Optional.ofNullable(params.get("searchId")).filter(s -> !s.isEmpty());
        if (mergedFrom != null) {
            // No search returns a merged duplicate: a click on one names nothing to record.
            searchId = Optional.empty();
            params = Map.of();
        }
        if (searchId.isPresent()) {
            SearchId search;
            try {
                search = SearchId.of(searchId.get());
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(e.getMessage());
            }
            int position = integer(params, "position", 1, 1, MAX_PAGE * MAX_PAGE_SIZE);
            if (caller.mayRecordClick()) {
                recordClick(id, search, position, caller);
            }
        }
        String suggested = clean(text(params, "suggested", MAX_PREFIX_LENGTH));
        if (!suggested.isBlank() && caller.mayRecordClick()) {
            // Opened from the suggestions: what was typed counts for the analytics and the query suggestions.
            int position = integer(params, "position", 1, 1, MAX_SUGGESTIONS);
            kb.recordSuggestionPick(caller.viewer(), suggested, Locale.ROOT, id, position);
        }
        countView(article.id(), caller);
        return new ArticleJson(
                article.id().value(),
                article.title(),
                article.issue(),
                article.environment().attributes(),
                article.environment().text(),
                article.resolution(),
                article.cause(),
                article.language().toLanguageTag(),
                List.copyOf(article.content().tags()),
                article.modified().toString(),
                article.signals().helpfulCount(),
                article.signals().unhelpfulCount(),
                // Read for the viewer: only the translations it may read.
                translations(article.translations()),
                // The knowledge base returns only articles the viewer may see (none if it may not see this one).
                kb.related(article.id(), caller.viewer(), MAX_RELATED).stream()
                        .map(hit -> new RelatedJson(
                                hit.id().value(), hit.title(), hit.language().toLanguageTag()))
                        .toList(),
                mergedFrom,
                rendered.get(new RevisionKey(article.id(), article.revision()), key -> html(article)));
    }

    /**
     * The article that {@code id} was merged into (following a chain of merges), if the viewer could read the
     * duplicate before it was merged (validated, for its audience) and may read the survivor; empty otherwise, so
     * that the answer for an id the viewer could never see stays a plain 404 and tells nothing about it.
     */
    private Optional<ArticleId> survivorOf(ArticleId id, Viewer viewer) {
        ArticleId current = id;
        for (int hop = 0; hop < 5; hop++) {
            Optional<Article> article = kb.article(current);
            if (article.isEmpty() || article.get().mergedInto().isEmpty() || !readableBeforeTheMerge(current, viewer)) {
                return Optional.empty();
            }
            current = article.get().mergedInto().get();
            if (kb.article(current, viewer).isPresent()) {
                return Optional.of(current);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether {@code viewer} could read the merged article while it was current: its last revision before it was
     * archived was validated and for the viewer's audience (agents read every state, as the default policy has it).
     * A draft that was merged away never reached the public, so its id must not lead anywhere for them.
     */
    private boolean readableBeforeTheMerge(ArticleId id, Viewer viewer) {
        List<org.kcskb.article.Revision> revisions = kb.history(id).revisions();
        for (int i = revisions.size() - 1; i >= 0; i--) {
            org.kcskb.article.Revision revision = revisions.get(i);
            if (revision.state() != org.kcskb.article.ArticleState.ARCHIVED) {
                return audienceVisible(revision.audience(), viewer)
                        && (viewer instanceof Viewer.Agent
                                || revision.state() == org.kcskb.article.ArticleState.VALIDATED);
            }
        }
        return false;
    }

    /** Whether an article for {@code audience} was for {@code viewer}'s eyes (before it was archived). */
    private static boolean audienceVisible(Audience audience, Viewer viewer) {
        return switch (viewer) {
            case Viewer.Public anonymous -> audience == Audience.PUBLIC;
            case Viewer.Partner partner -> audience != Audience.INTERNAL;
            case Viewer.Agent agent -> true;
        };
    }

    /** Language tag to article id, sorted by tag so that the JSON is stable. */
    private static Map<String, String> translations(Map<Locale, ArticleId> translations) {
        var json = new java.util.TreeMap<String, String>();
        translations.forEach((language, id) -> json.put(language.toLanguageTag(), id.value()));
        return json;
    }

    /**
     * Records a click that the knowledge base can check against the search it names: one it issued to the public
     * within the hour, that returned this article. Any other click (the search expired in a tab left open, was
     * forgotten on a restart, or the id is forged or names another search) opens the article all the same but
     * teaches nothing, and is answered exactly like a recorded one, so that the answer tells nothing about the id.
     */
    private void recordClick(ArticleId id, SearchId search, int position, Caller caller) {
        try {
            kb.recordClick(caller.viewer(), id, SearchOrigin.of(search, position));
        } catch (InvalidInputException unverifiable) {
            // Not recorded, and not logged: anyone can send any id, and a log line per click would be a lever.
        }
    }

    /**
     * Counts a view. The knowledge base counts views in memory and writes them in batches on its own thread, about
     * once a second and on close, so this writes nothing on the request thread; its memory is bounded there too.
     */
    private void countView(ArticleId id, Caller caller) {
        try {
            kb.recordView(caller.viewer(), id);
        } catch (RuntimeException e) {
            // The article may have been archived since it was read; a lost view is not worth a failed answer.
            LOG.debug("View of {} not counted: {}", id.value(), LogText.escape(String.valueOf(e.getMessage())));
        }
    }

    FeedbackResponse feedback(ArticleId id, String body, Caller caller) {
        JsonNode json = Json.read(body);
        JsonNode helpful = json.get("helpful");
        if (helpful == null || !helpful.isBoolean()) {
            throw ApiException.badRequest(
                    "Say whether the article helped: {\"helpful\": true} or {\"helpful\": false}, with an optional"
                            + " \"comment\"");
        }
        String comment = clean(optionalText(json, "comment"));
        publicArticle(id, caller).orElseThrow(() -> noPublicArticle(id));
        Feedback feedback = kb.feedback(caller.viewer(), id, helpful.booleanValue(), comment);
        return new FeedbackResponse(feedback.id(), id.value(), feedback.helpful(), "Thank you for your feedback");
    }

    HandOffResponse handOff(String body, Caller caller) {
        JsonNode json = Json.read(body);
        String text = clean(optionalText(json, "q"));
        if (text.length() > MAX_QUERY_LENGTH) {
            throw ApiException.badRequest(tooLong("q", text.length(), MAX_QUERY_LENGTH));
        }
        Locale language = language(json.path("lang").asText(""));
        String message = clean(optionalText(json, "message"));
        if (!text.isBlank()) {
            // Record the query once more as a search that nothing answered: nothing is clicked from it, so it
            // shows up in the content gaps even if the visitor never searched through the API before.
            SearchRequest.Builder request = SearchRequest.builder(text, caller.viewer())
                    .language(language)
                    .limit(1);
            visitor(request, caller);
            kb.search(request.build());
        }
        // The reference is the visitor's receipt; random and unrelated to the search id, which stays server-side.
        String reference = "HO-" + HexFormat.of().formatHex(randomBytes(6));
        handOffs.accept(new HandOff(reference, text, language, message, Instant.now()));
        return new HandOffResponse(
                reference, "Your request " + reference + " was passed to support, together with what you searched for");
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    // ---- Known-issue notices ----------------------------------------------------------------------------------

    /** The start page's banners: the active notices the public may see that are marked "show to all". */
    NoticesResponse startNotices(Map<String, String> params, Caller caller) {
        Locale language = language(params.getOrDefault("lang", ""));
        return new NoticesResponse(noticesJson(
                kb.activeNotices(caller.viewer()).stream()
                        .filter(Notice::showToAll)
                        .toList(),
                language));
    }

    /**
     * Counts an impression of a notice's banner, or that it answered the visitor's question. Over the client's click
     * limit an impression is answered alike but not counted; "answered" has the feedback limit (the server's). A
     * notice the public may not see, or that does not exist, is 404 either way.
     */
    NoticeCountResponse countNotice(NoticeId id, boolean answered, Caller caller) {
        try {
            if (answered) {
                kb.recordNoticeAnswered(caller.viewer(), id);
            } else if (caller.mayRecordClick()) {
                kb.recordNoticeImpression(caller.viewer(), id);
            }
        } catch (NotFoundException e) {
            throw ApiException.notFound("No public notice " + id.value() + "; notices come with GET /api/search");
        }
        return new NoticeCountResponse(
                id.value(), answered ? "answered" : "impression", answered ? "Thank you for your feedback" : "Counted");
    }

    private List<NoticeJson> noticesJson(List<Notice> notices, Locale language) {
        return notices.stream()
                .map(n -> {
                    NoticeText text = n.text(language);
                    return new NoticeJson(
                            n.id().value(),
                            text.title(),
                            text.text(),
                            n.language(language).toLanguageTag(),
                            // The knowledge base drops the link to an article the public may not read.
                            n.article().map(ArticleId::value).orElse(null),
                            n.end().toString());
                })
                .toList();
    }

    private static NoticeId noticeId(String value) {
        try {
            return NoticeId.of(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    // ---- Checks -----------------------------------------------------------------------------------------------

    /** The article, if it exists and the anonymous viewer may see it (the knowledge base's policy decides). */
    private Optional<Article> publicArticle(ArticleId id, Caller caller) {
        return kb.article(id, caller.viewer());
    }

    /**
     * Distinct visitors decide when a query becomes a suggestion; the key is a keyed hash, no address. A partner or
     * agent viewer counts as itself (the knowledge base uses its id).
     */
    private static void visitor(SearchRequest.Builder request, Caller caller) {
        if (caller.viewer().equals(Viewer.anonymous())) {
            request.visitor(caller.visitor());
        }
    }

    private static ApiException noPublicArticle(ArticleId id) {
        return ApiException.notFound(
                "No public article " + id.value() + "; search with GET /api/search?q=... to find article ids");
    }

    private static void requireMethod(String method, String expected, String path) {
        if (!method.equals(expected)) {
            throw new ApiException(405, path + " takes " + expected + ", not " + method);
        }
    }

    private static ArticleId articleId(String value) {
        try {
            return ArticleId.of(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private static String text(Map<String, String> params, String name, int max) {
        String value = params.getOrDefault(name, "");
        if (value.length() > max) {
            throw ApiException.badRequest(tooLong(name, value.length(), max));
        }
        return clean(value);
    }

    /**
     * Drops what no visitor means to type and what must never reach the analytics or a report: control characters
     * (NUL, ESC, line breaks become spaces), invisible format and bidi characters, and lone surrogates.
     */
    static String clean(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            int type = pair ? Character.getType(text.codePointAt(i)) : Character.getType(c);
            boolean drop = (!pair && Character.isSurrogate(c)) || type == Character.FORMAT;
            boolean space = type == Character.CONTROL
                    || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR;
            if ((drop || space) && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out != null) {
                if (space) {
                    out.append(' ');
                } else if (!drop) {
                    out.append(c);
                    if (pair) {
                        out.append(text.charAt(i + 1));
                    }
                }
            }
            if (pair) {
                i++;
            }
        }
        return out == null ? text : out.toString();
    }

    private static String bounded(String name, String value, int max) {
        if (value.length() > max) {
            throw ApiException.badRequest(tooLong(name, value.length(), max));
        }
        return value;
    }

    private static String optionalText(JsonNode json, String name) {
        JsonNode node = json.get(name);
        if (node == null || node.isNull()) {
            return "";
        }
        if (!node.isTextual()) {
            throw ApiException.badRequest("\"" + name + "\" must be a string");
        }
        String value = node.textValue().strip();
        if (value.length() > MAX_COMMENT_LENGTH && !name.equals("q")) {
            throw ApiException.badRequest(tooLong(name, value.length(), MAX_COMMENT_LENGTH));
        }
        return value;
    }

    private static String tooLong(String name, int length, int max) {
        return "'" + name + "' is " + length + " characters long; the limit is " + max
                + ". Shorten it: a few telling words find more than a long text.";
    }

    private static int integer(Map<String, String> params, String name, int fallback, int min, int max) {
        String value = params.getOrDefault(name, "");
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("'" + name + "' must be a whole number from " + min + " to " + max + ", was '"
                + abbreviate(value) + "'");
    }

    /** A language the library analyses (its registry, {@link KbLanguages}), or ROOT for empty or "auto". */
    private static Locale language(String value) {
        String key = value.toLowerCase(Locale.ROOT);
        if (key.isEmpty() || key.equals("auto")) {
            return Locale.ROOT;
        }
        return KbLanguages.key(key)
                .map(LanguageAnalysis::locale)
                .orElseThrow(() -> ApiException.badRequest("'lang' must be one of "
                        + String.join(", ", KbLanguages.keys()) + " or empty (detect the language), was '"
                        + abbreviate(value) + "'"));
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
