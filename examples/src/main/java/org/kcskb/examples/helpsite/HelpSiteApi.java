package org.kcskb.examples.helpsite;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kcskb.KnowledgeBase;
import org.kcskb.actor.Viewer;
import org.kcskb.analytics.SearchId;
import org.kcskb.analytics.SearchOrigin;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleId;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.article.Feedback;
import org.kcskb.search.FacetCount;
import org.kcskb.search.SearchHit;
import org.kcskb.search.SearchRequest;
import org.kcskb.search.SearchResult;
import org.kcskb.search.Suggestion;

/**
 * The help site's JSON API for the public, independent of the HTTP server: each method takes the decoded request
 * and returns the value to write as JSON, or throws {@link ApiException}.
 *
 * <p>Everything is done as {@link Viewer#anonymous()}, and on top of the knowledge base's visibility policy every
 * article, hit and suggestion is checked to be {@link ArticleState#VALIDATED VALIDATED} and {@link Audience#PUBLIC
 * PUBLIC} before it leaves, so that a host with a wider visibility policy still cannot leak an article through the
 * help site. Thread-safe.
 */
final class HelpSiteApi {
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

    private static final Pattern ARTICLE_PATH = Pattern.compile("/api/articles/([^/]{1,64})(/feedback)?");
    private static final Viewer PUBLIC = Viewer.anonymous();

    private final KnowledgeBase kb;
    private final Consumer<HandOff> handOffs;

    HelpSiteApi(KnowledgeBase kb, Consumer<HandOff> handOffs) {
        this.kb = kb;
        this.handOffs = handOffs;
    }

    // ---- Responses --------------------------------------------------------------------------------------------

    /** One hit; {@code snippet} is escaped HTML with {@code <mark>}, everything else plain text. */
    record Hit(String id, String title, String snippet, String language, int position) {}

    record Facet(String value, long count) {}

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
            String searchId,
            boolean hasMore,
            String message) {}

    /** One completion; {@code highlighted} is escaped HTML with {@code <mark>}. */
    record SuggestionJson(String text, String highlighted, String kind, String articleId) {}

    record SuggestResponse(String query, List<SuggestionJson> suggestions) {}

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
            int unhelpful) {}

    record FeedbackResponse(String id, String articleId, boolean helpful, String message) {}

    record HandOffResponse(String reference, String message) {}

    // ---- Endpoints --------------------------------------------------------------------------------------------

    Object route(String method, String path, Map<String, String> query, Optional<String> body) {
        if (path.equals("/api/search")) {
            requireMethod(method, "GET", path);
            return search(query);
        }
        if (path.equals("/api/suggest")) {
            requireMethod(method, "GET", path);
            return suggest(query);
        }
        if (path.equals("/api/handoff")) {
            requireMethod(method, "POST", path);
            return handOff(body.orElse(""));
        }
        Matcher article = ARTICLE_PATH.matcher(path);
        if (article.matches()) {
            ArticleId id = articleId(article.group(1));
            if (article.group(2) == null) {
                requireMethod(method, "GET", path);
                return article(id, query);
            }
            requireMethod(method, "POST", path);
            return feedback(id, body.orElse(""));
        }
        throw ApiException.notFound(
                "No endpoint " + method + " " + path + "; the API has GET /api/search?q=&lang=&page=,"
                        + " GET /api/suggest?q=, GET /api/articles/{id}[?searchId=&position= or ?suggested=&position=], POST /api/articles/{id}/feedback and"
                        + " POST /api/handoff");
    }

    SearchResponse search(Map<String, String> params) {
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
                    false,
                    "Type a few words about your problem to search, for example q=drucker+offline or q=vpn+hotel");
        }
        // typing=1: fired while the reader is still typing; not recorded, so partial words never become gaps.
        boolean typing = params.getOrDefault("typing", "").equals("1");
        SearchRequest.Builder request = SearchRequest.builder(text, PUBLIC)
                .language(language)
                .limit(size)
                .offset((page - 1) * size)
                .facets(true)
                .recorded(!typing);
        String product = params.getOrDefault("product", "");
        if (!product.isBlank()) {
            request.environment("product", bounded("product", product, 200));
        }
        SearchResult result = kb.search(request.build());
        var hits = new ArrayList<Hit>();
        int position = (page - 1) * size;
        for (SearchHit hit : result.hits()) {
            position++;
            if (isPublic(hit.state(), hit.audience())) {
                hits.add(new Hit(
                        hit.id().value(),
                        hit.title(),
                        SafeHtml.markedText(hit.snippet()),
                        hit.language().toLanguageTag(),
                        position));
            }
        }
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
                result.searchId().map(SearchId::value).orElse(null),
                result.nextPage().isPresent() && page < MAX_PAGE,
                message);
    }

    SuggestResponse suggest(Map<String, String> params) {
        String prefix = text(params, "q", MAX_PREFIX_LENGTH);
        int limit = integer(params, "limit", 6, 1, MAX_SUGGESTIONS);
        if (prefix.isBlank()) {
            return new SuggestResponse(prefix, List.of());
        }
        var suggestions = new ArrayList<SuggestionJson>();
        for (Suggestion s : kb.suggest(prefix, PUBLIC, limit)) {
            // A title names its article: suggest it only if the article itself may leave the help site.
            if (s.article().isPresent() && publicArticle(s.article().get()).isEmpty()) {
                continue;
            }
            suggestions.add(new SuggestionJson(
                    s.text(),
                    SafeHtml.markedText(s.highlighted()),
                    s.kind().name(),
                    s.article().map(ArticleId::value).orElse(null)));
        }
        return new SuggestResponse(prefix, suggestions);
    }

    ArticleJson article(ArticleId id, Map<String, String> params) {
        Article article = publicArticle(id).orElseThrow(() -> noPublicArticle(id));
        Optional<String> searchId = Optional.ofNullable(params.get("searchId")).filter(s -> !s.isEmpty());
        if (searchId.isPresent()) {
            SearchId search;
            try {
                search = SearchId.of(searchId.get());
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(e.getMessage());
            }
            int position = integer(params, "position", 1, 1, MAX_PAGE * MAX_PAGE_SIZE);
            kb.recordClick(PUBLIC, id, SearchOrigin.of(search, position));
        }
        String suggested = text(params, "suggested", MAX_PREFIX_LENGTH);
        if (!suggested.isBlank()) {
            // Opened from the suggestions: what was typed counts for the analytics and the query suggestions.
            int position = integer(params, "position", 1, 1, MAX_SUGGESTIONS);
            kb.recordSuggestionPick(PUBLIC, suggested, Locale.ROOT, id, position);
        }
        kb.recordView(PUBLIC, id);
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
                article.signals().unhelpfulCount());
    }

    FeedbackResponse feedback(ArticleId id, String body) {
        JsonNode json = Json.read(body);
        JsonNode helpful = json.get("helpful");
        if (helpful == null || !helpful.isBoolean()) {
            throw ApiException.badRequest(
                    "Say whether the article helped: {\"helpful\": true} or {\"helpful\": false}, with an optional"
                            + " \"comment\"");
        }
        String comment = optionalText(json, "comment");
        publicArticle(id).orElseThrow(() -> noPublicArticle(id));
        Feedback feedback = kb.feedback(PUBLIC, id, helpful.booleanValue(), comment);
        return new FeedbackResponse(feedback.id(), id.value(), feedback.helpful(), "Thank you for your feedback");
    }

    HandOffResponse handOff(String body) {
        JsonNode json = Json.read(body);
        String text = optionalText(json, "q");
        if (text.length() > MAX_QUERY_LENGTH) {
            throw ApiException.badRequest(tooLong("q", text.length(), MAX_QUERY_LENGTH));
        }
        Locale language = language(json.path("lang").asText(""));
        String message = optionalText(json, "message");
        String reference;
        if (text.isBlank()) {
            reference = "HO-" + SearchId.random().value().substring(0, 12);
        } else {
            // Record the query once more as a search that nothing answered: nothing is clicked from it, so it
            // shows up in the content gaps even if the visitor never searched through the API before.
            SearchResult recorded = kb.search(SearchRequest.builder(text, PUBLIC)
                    .language(language)
                    .limit(1)
                    .build());
            reference = "HO-"
                    + recorded.searchId().map(SearchId::value).orElseThrow().substring(0, 12);
        }
        handOffs.accept(new HandOff(reference, text, language, message, Instant.now()));
        return new HandOffResponse(
                reference, "Your request " + reference + " was passed to support, together with what you searched for");
    }

    // ---- Checks -----------------------------------------------------------------------------------------------

    /** The article, if it exists, the public may see it, and it is VALIDATED and PUBLIC. */
    private Optional<Article> publicArticle(ArticleId id) {
        return kb.article(id, PUBLIC).filter(a -> isPublic(a.state(), a.audience()));
    }

    private static boolean isPublic(ArticleState state, Audience audience) {
        return state == ArticleState.VALIDATED && audience == Audience.PUBLIC;
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
        return value;
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

    private static Locale language(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "", "auto" -> Locale.ROOT;
            case "de" -> Locale.GERMAN;
            case "en" -> Locale.ENGLISH;
            default ->
                throw ApiException.badRequest(
                        "'lang' must be de, en or empty (detect the language), was '" + abbreviate(value) + "'");
        };
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
