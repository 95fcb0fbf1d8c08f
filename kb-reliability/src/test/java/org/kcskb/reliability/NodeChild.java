package org.kcskb.reliability;

import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.kcskb.Draft;
import org.kcskb.KnowledgeBase;
import org.kcskb.actor.Actor;
import org.kcskb.actor.Viewer;
import org.kcskb.analytics.QueryCount;
import org.kcskb.analytics.ReportQuery;
import org.kcskb.analytics.SearchId;
import org.kcskb.analytics.SearchOrigin;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleId;
import org.kcskb.search.SearchHit;
import org.kcskb.search.SearchRequest;
import org.kcskb.search.SearchResult;
import org.kcskb.search.Suggestion;
import org.kcskb.store.ArticleStores;

/**
 * One application node of {@link MultiNodeTest}: a child JVM that embeds the library with its own index directory
 * over the shared PostgreSQL store, and obeys one command per line on stdin, answering each with one line on
 * stdout: {@code ok ...} or {@code error ExceptionClass: message}. Words are separated by single spaces; lists
 * in answers by {@code |}.
 *
 * <ul>
 *   <li>{@code capture MARKER}: captures an article titled with the marker; answers its id.
 *   <li>{@code bulk N PREFIX}: captures N articles with markers PREFIX followed by letters; answers the count.
 *   <li>{@code writer LOG PREFIX}: starts a thread that captures until the JVM dies, appending {@code capture ID
 *       MARKER} to LOG after each acknowledged capture (flushed before the next one).
 *   <li>{@code find TEXT}: an unrecorded search as an administrator; answers the hit ids.
 *   <li>{@code search VISITOR TEXT}: a recorded search as agent VISITOR with that visitor key; answers the search
 *       id, then the hit ids.
 *   <li>{@code click VISITOR SEARCH_ID ARTICLE POSITION}: records a click from that search.
 *   <li>{@code suggest PREFIX}: answers the learned query suggestions (not titles) an agent gets.
 *   <li>{@code block TEXT}: blocks a learned suggestion.
 *   <li>{@code top}: answers the top queries of the analytics.
 *   <li>{@code answered}: answers the answered queries of the analytics: query, article, visitors.
 *   <li>{@code rebuild-start}, {@code rebuild-wait}: rebuilds the index on a thread of its own; the second waits
 *       and answers how many milliseconds the rebuild took.
 *   <li>{@code await}: waits up to 60 s until every write so far is searchable; answers the milliseconds.
 * </ul>
 *
 * <p>Arguments: the JDBC URL of the shared store, the index directory. Answers {@code ready} once open.
 */
public final class NodeChild {
    private static final Actor WRITER = Actor.administrator("node-writer");

    private NodeChild() {}

    public static void main(String[] args) throws Exception {
        PrintStream out =
                new PrintStream(new FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (KnowledgeBase kb = KnowledgeBase.builder()
                .store(ArticleStores.postgres(args[0], "", ""))
                .directory(Path.of(args[1]))
                .build()) {
            out.println("ready");
            CompletableFuture<Long> rebuild = CompletableFuture.completedFuture(0L);
            String line;
            while ((line = in.readLine()) != null) {
                String[] word = line.split(" ", 2);
                String rest = word.length > 1 ? word[1] : "";
                try {
                    out.println(
                            switch (word[0]) {
                                case "capture" -> "ok " + capture(kb, rest).id();
                                case "bulk" -> {
                                    String[] part = rest.split(" ");
                                    int n = Integer.parseInt(part[0]);
                                    for (int i = 0; i < n; i++) {
                                        capture(kb, part[1] + SolveLoopWorkload.letters(i, 4));
                                    }
                                    yield "ok " + n;
                                }
                                case "writer" -> {
                                    String[] part = rest.split(" ");
                                    Thread.ofPlatform()
                                            .daemon()
                                            .name("node-writer")
                                            .start(() -> write(kb, Path.of(part[0]), part[1]));
                                    yield "ok";
                                }
                                case "find" ->
                                    "ok "
                                            + ids(kb.search(SearchRequest.builder(rest, Viewer.agent(WRITER))
                                                            .recorded(false)
                                                            .limit(100)
                                                            .build())
                                                    .hits());
                                case "search" -> {
                                    String[] part = rest.split(" ", 2);
                                    SearchResult result = kb.search(SearchRequest.builder(part[1], agent(part[0]))
                                            .visitor(part[0])
                                            .build());
                                    yield "ok "
                                            + result.searchId().orElseThrow().value() + " " + ids(result.hits());
                                }
                                case "click" -> {
                                    String[] part = rest.split(" ");
                                    kb.recordClick(
                                            agent(part[0]),
                                            ArticleId.of(part[2]),
                                            new SearchOrigin(SearchId.of(part[1]), Integer.parseInt(part[3])));
                                    yield "ok";
                                }
                                case "suggest" ->
                                    "ok "
                                            + kb.suggest(rest, agent("node-suggest"), 20).stream()
                                                    .filter(s -> s.kind() == Suggestion.Kind.QUERY)
                                                    .map(Suggestion::text)
                                                    .collect(Collectors.joining("|"));
                                case "block" -> {
                                    kb.blockSuggestion(WRITER, rest);
                                    yield "ok";
                                }
                                case "top" ->
                                    "ok "
                                            + kb
                                                    .analytics()
                                                    .topQueries(
                                                            ReportQuery.all().withLimit(1_000))
                                                    .stream()
                                                    .map(QueryCount::query)
                                                    .collect(Collectors.joining("|"));
                                case "answered" ->
                                    "ok "
                                            + kb
                                                    .analytics()
                                                    .answeredQueries(
                                                            ReportQuery.all().withLimit(1_000))
                                                    .stream()
                                                    .map(q -> q.query() + " " + q.article() + " " + q.visitors())
                                                    .collect(Collectors.joining("|"));
                                case "rebuild-start" -> {
                                    rebuild = CompletableFuture.supplyAsync(() -> {
                                        long start = System.nanoTime();
                                        kb.rebuildIndex();
                                        return (System.nanoTime() - start) / 1_000_000;
                                    });
                                    yield "ok";
                                }
                                case "rebuild-wait" -> "ok " + rebuild.join();
                                case "await" -> {
                                    long start = System.nanoTime();
                                    boolean done = kb.awaitSearchable(Duration.ofSeconds(60));
                                    yield (done ? "ok " : "error timeout ") + (System.nanoTime() - start) / 1_000_000;
                                }
                                default -> "error unknown command " + word[0];
                            });
                } catch (Exception e) {
                    Throwable cause = e.getCause() != null && e instanceof java.util.concurrent.CompletionException
                            ? e.getCause()
                            : e;
                    out.println("error " + cause.getClass().getSimpleName() + ": "
                            + String.valueOf(cause.getMessage()).replace('\n', ' '));
                }
            }
        }
    }

    private static Viewer agent(String id) {
        return Viewer.agent(Actor.administrator(id));
    }

    private static Article capture(KnowledgeBase kb, String marker) {
        return kb.capture(
                WRITER,
                Draft.of(ArticleContent.of(
                                "Spooler stalls " + marker, "The print spooler stalls after the update " + marker + ".")
                        .withResolution("Restart the print spooler service.")
                        .withLanguage(Locale.ENGLISH)));
    }

    private static String ids(List<SearchHit> hits) {
        return hits.stream().map(h -> h.id().toString()).collect(Collectors.joining("|"));
    }

    private static void write(KnowledgeBase kb, Path log, String prefix) {
        try (var ack = new FileOutputStream(log.toFile(), true)) {
            for (long i = 0; ; i++) {
                String marker = prefix + SolveLoopWorkload.letters(i, 5);
                try {
                    Article article = capture(kb, marker);
                    // One write call per line: a kill cuts the log between lines, never inside one.
                    ack.write(("capture " + article.id() + " " + marker + "\n").getBytes(StandardCharsets.UTF_8));
                    ack.flush();
                } catch (org.kcskb.KbException e) {
                    System.err.println("capture failed: " + e);
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
