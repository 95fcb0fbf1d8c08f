package org.kcskb.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kcskb.Draft;
import org.kcskb.InvalidInputException;
import org.kcskb.KbException;
import org.kcskb.KnowledgeBase;
import org.kcskb.StorageException;
import org.kcskb.actor.Actor;
import org.kcskb.actor.Viewer;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleId;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.article.Environment;
import org.kcskb.search.SearchHit;
import org.kcskb.search.SearchRequest;
import org.kcskb.search.SearchResult;
import org.kcskb.search.Suggestion;

/**
 * Fuzzes the query path of the public API ({@code search} with every request option and page cursors,
 * {@code suggest}, {@code related}) with hostile input: every input gets a result or a typed error
 * ({@link InvalidInputException}, or another documented {@link KbException} that is not a storage failure) within
 * {@link #CALL_BOUND} of CPU time (and {@link #HANG_BOUND} elapsed); never an exception leaking from Lucene or the database. Results are checked too: at most a
 * page of hits, no half surrogate pair in a title or snippet.
 *
 * <p>10,000 inputs in CI, 1,000,000 in the long profile ({@code -Dkb.campaign=long}); {@code -Dkb.seed=N} repeats
 * a run. Requests that kb-core's value types ({@link SearchRequest}, {@link ArticleId}) refuse while they are built
 * are counted apart and printed: they are refused before the query path is reached, with a plain
 * {@link IllegalArgumentException} where the issue asks for an {@link InvalidInputException}; with
 * {@code -Dkb.fuzz.strict=true} they fail the test.
 */
class QueryPathFuzzTest {
    /**
     * A generous bound on the work of one call, measured as its thread's CPU time: a correctness bound (work that
     * grows with hostile input), not a benchmark. CPU time, unlike elapsed time, does not grow when the machine is
     * busy with other builds; the search path runs on the caller's thread.
     */
    private static final Duration CALL_BOUND = Duration.ofSeconds(2);
    /** A bound on the elapsed time of one call, only to catch a call that hangs (waits on a lock, say). */
    private static final Duration HANG_BOUND = Duration.ofSeconds(30);

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private static final int INPUTS = Integer.getInteger("kb.fuzz.inputs", Campaign.size(10_000, 1_000_000));
    /**
     * Callers at once, each with its own stream of inputs derived from the seed: one in CI, one per core in the long
     * profile ({@code -Dkb.fuzz.threads=N}). A worker's inputs are the same for a seed; their interleaving is not.
     */
    private static final int WORKERS = Integer.getInteger(
            "kb.fuzz.threads", Campaign.size(1, Runtime.getRuntime().availableProcessors()));

    private static final boolean STRICT = Boolean.getBoolean("kb.fuzz.strict");
    private static final Actor PUBLISHER = Actor.publisher("pub-1");
    private static final Actor AGENT = Actor.candidate("agent-7");

    @TempDir
    static Path directory;

    private static KnowledgeBase kb;
    private static final List<ArticleId> ids = new ArrayList<>();

    @BeforeAll
    static void open() {
        kb = KnowledgeBase.open(directory);
        var random = new SplittableRandom(42);
        List<String> words = HostileInput.WORDS;
        for (int i = 0; i < 60; i++) {
            var text = new StringBuilder();
            for (int w = 0; w < 6 + random.nextInt(20); w++) {
                text.append(words.get(random.nextInt(words.size()))).append(w % 5 == 4 ? ". " : " ");
            }
            if (i % 7 == 0) {
                text.append("\uD83D\uDE00".repeat(200)).append(" printer ").append("\uD83D\uDDA8".repeat(200));
            }
            var content = ArticleContent.of("Article " + i + " " + words.get(i % words.size()), text.toString())
                    .withResolution(i % 3 == 0 ? "" : "Restart the spooler and reinstall the driver.")
                    .withLanguage(i % 2 == 0 ? Locale.ENGLISH : Locale.GERMAN)
                    .withEnvironment(Environment.of("Acme Print", "4." + (i % 4), "Windows 11"))
                    .withTags(List.of("tag" + (i % 5), "printing"));
            Draft draft = Draft.of(content);
            if (content.hasResolution()) {
                draft = draft.withState(i % 2 == 0 ? ArticleState.VALIDATED : ArticleState.NOT_VALIDATED)
                        .withAudience(Audience.values()[i % Audience.values().length]);
            }
            Article article = kb.capture(content.hasResolution() ? PUBLISHER : AGENT, draft);
            if (i % 11 == 0) {
                article = kb.transition(PUBLISHER, article.id(), article.revision(), ArticleState.ARCHIVED);
            }
            ids.add(article.id());
        }
        assertThat(kb.awaitSearchable(Duration.ofSeconds(30))).isTrue();
        // Warm up (class loading, the first analysis of each language) before calls are timed.
        for (String query : List.of("printer offline", "Drucker druckt nicht", "password reset")) {
            kb.search(SearchRequest.of(query, Viewer.agent(AGENT)));
            kb.suggest(query.substring(0, 4), Viewer.anonymous(), 5);
        }
    }

    @AfterAll
    static void close() {
        if (kb != null) {
            kb.close();
        }
    }

    /** What became of the inputs: counts by outcome, failures by kind with their first examples, time by call. */
    private static final class Tally {
        final Map<String, Integer> outcomes = new TreeMap<>();
        final Map<String, Integer> refusedByValueTypes = new TreeMap<>();
        final Map<String, Integer> failureKinds = new TreeMap<>();
        final List<String> failures = new ArrayList<>();
        final Map<String, long[]> timeByCall = new TreeMap<>();
        int failureCount;
        long slowestNanos;
        long slowestCpuNanos;

        void count(String outcome) {
            outcomes.merge(outcome, 1, Integer::sum);
        }

        void fail(String kind, String failure) {
            failureCount++;
            if (failureKinds.merge(kind, 1, Integer::sum) <= 3) {
                failures.add(failure);
            }
        }

        void time(String call, long nanos) {
            long[] sum = timeByCall.computeIfAbsent(call, c -> new long[2]);
            sum[0]++;
            sum[1] += nanos;
        }

        void add(Tally other) {
            other.outcomes.forEach((k, v) -> outcomes.merge(k, v, Integer::sum));
            other.refusedByValueTypes.forEach((k, v) -> refusedByValueTypes.merge(k, v, Integer::sum));
            other.failureKinds.forEach((k, v) -> failureKinds.merge(k, v, Integer::sum));
            failures.addAll(other.failures);
            other.timeByCall.forEach((call, sum) -> {
                long[] mine = timeByCall.computeIfAbsent(call, c -> new long[2]);
                mine[0] += sum[0];
                mine[1] += sum[1];
            });
            failureCount += other.failureCount;
            slowestNanos = Math.max(slowestNanos, other.slowestNanos);
            slowestCpuNanos = Math.max(slowestCpuNanos, other.slowestCpuNanos);
        }

        String times() {
            var out = new StringBuilder();
            timeByCall.forEach((call, sum) ->
                    out.append(String.format("%s: %d calls, %.1f ms mean; ", call, sum[0], sum[1] / 1e6 / sum[0])));
            return out.toString();
        }
    }

    @Test
    void everyInput_getsAResultOrATypedError_inTime() throws Exception {
        long seed = Campaign.seed();
        var streams = new SplittableRandom(seed);
        List<Callable<Tally>> workers = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            var input = new HostileInput(streams.split());
            int inputs = INPUTS / WORKERS + (w < INPUTS % WORKERS ? 1 : 0);
            workers.add(() -> fuzz(input, inputs));
        }
        var tally = new Tally();
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(WORKERS)) {
            for (Future<Tally> worker : pool.invokeAll(workers)) {
                tally.add(worker.get());
            }
        }
        System.out.printf(
                "QueryPathFuzzTest (%s, seed %d, %d thread(s), %d s): %,d inputs%n  outcomes %s%n  refused while building the request"
                        + " (plain IllegalArgumentException from kb-core value types) %s%n  time %s slowest call %d"
                        + " ms elapsed, %d ms CPU%n  failures %d %s%n",
                Campaign.PROFILE,
                seed,
                WORKERS,
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start),
                INPUTS,
                tally.outcomes,
                tally.refusedByValueTypes,
                tally.times(),
                TimeUnit.NANOSECONDS.toMillis(tally.slowestNanos),
                TimeUnit.NANOSECONDS.toMillis(tally.slowestCpuNanos),
                tally.failureCount,
                tally.failureKinds);
        assertThat(tally.failures)
                .as("failures of %d inputs (seed %d; repeat with -Dkb.seed=%d)", INPUTS, seed, seed)
                .isEmpty();
    }

    private Tally fuzz(HostileInput input, int inputs) {
        var tally = new Tally();
        String genuineCursor = null;
        for (int n = 0; n < inputs; n++) {
            int operation = input.nextInt(10);
            if (operation < 7) {
                genuineCursor = search(input, tally, genuineCursor);
            } else if (operation < 9) {
                suggest(input, tally);
            } else {
                related(input, tally);
            }
        }
        return tally;
    }

    private String search(HostileInput input, Tally tally, String genuineCursor) {
        Viewer viewer = viewer(input);
        String text = input.text();
        var description = new StringBuilder("search '" + HostileInput.show(text) + "' as " + viewer);
        SearchRequest request;
        try {
            var builder = SearchRequest.builder(text, viewer);
            if (input.chance(0.2)) {
                Locale language = input.locale();
                builder.language(language);
                description.append(", language ").append(HostileInput.show(language.toString()));
            }
            if (input.chance(0.15)) {
                int count = input.chance(0.2) ? input.nextInt(3_000) : input.nextInt(4);
                for (int i = 0; i < count; i++) {
                    builder.tag(input.token());
                }
                description.append(", ").append(count).append(" tags");
            }
            if (input.chance(0.1)) {
                int count = input.chance(0.2) ? input.nextInt(2_000) : input.nextInt(3);
                for (int i = 0; i < count; i++) {
                    builder.environment(input.chance(0.5) ? "product" : input.token(), input.token());
                }
                description.append(", ").append(count).append(" environment filters");
            }
            if (input.chance(0.1)) {
                int count = input.chance(0.2) ? input.nextInt(2_000) : input.nextInt(3);
                for (int i = 0; i < count; i++) {
                    builder.context(input.chance(0.5) ? "product" : input.token(), input.token());
                }
                description.append(", ").append(count).append(" context attributes");
            }
            if (input.chance(0.1)) {
                var languages = new HashSet<Locale>();
                int count = input.chance(0.2) ? input.nextInt(500) : input.nextInt(3);
                for (int i = 0; i < count; i++) {
                    languages.add(input.locale());
                }
                builder.languages(languages);
                description.append(", ").append(languages.size()).append(" languages");
            }
            if (input.chance(0.1)) {
                var states = EnumSet.noneOf(ArticleState.class);
                for (ArticleState state : ArticleState.values()) {
                    if (input.chance(0.5)) {
                        states.add(state);
                    }
                }
                builder.states(states);
                description.append(", states ").append(states);
            }
            if (input.chance(0.1)) {
                builder.includeArchived(true);
                description.append(", archived");
            }
            if (input.chance(0.05)) {
                Instant from = input.pick(List.of(
                        Instant.MIN,
                        Instant.MIN.plusSeconds(1),
                        Instant.EPOCH,
                        Instant.parse("2020-01-01T00:00:00Z"),
                        Instant.ofEpochMilli(Long.MIN_VALUE)));
                Instant to = input.pick(List.of(
                        Instant.MAX,
                        Instant.MAX.minusSeconds(1),
                        Instant.parse("2100-01-01T00:00:00Z"),
                        Instant.ofEpochMilli(Long.MAX_VALUE),
                        Instant.EPOCH.plusNanos(1)));
                builder.modified(from, to);
                description.append(", modified ").append(from).append(" to ").append(to);
            }
            if (input.chance(0.2)) {
                int limit =
                        input.chance(0.1) ? input.pick(List.of(0, -1, 101, Integer.MAX_VALUE)) : 1 + input.nextInt(100);
                builder.limit(limit);
                description.append(", limit ").append(limit);
            }
            if (input.chance(0.08)) {
                int offset = input.chance(0.1)
                        ? input.pick(List.of(-1, 10_001, Integer.MAX_VALUE))
                        : input.nextInt(input.chance(0.5) ? 20 : 10_001);
                builder.offset(offset);
                description.append(", offset ").append(offset);
            } else if (input.chance(0.25)) {
                String cursor =
                        genuineCursor != null && input.chance(0.3) ? genuineCursor : input.cursor(genuineCursor);
                builder.after(cursor);
                description
                        .append(", after '")
                        .append(HostileInput.show(cursor))
                        .append("'");
            }
            if (input.chance(0.2)) {
                builder.facets(true);
            }
            if (input.chance(0.02)) {
                builder.explain(true);
            }
            builder.recorded(input.chance(0.1));
            request = builder.build();
        } catch (InvalidInputException e) {
            tally.count("typed error while building the request");
            return genuineCursor;
        } catch (IllegalArgumentException e) {
            refusedByValueType(tally, e, description);
            return genuineCursor;
        }
        int filters = request.tags().size()
                + request.environment().size()
                + request.languages().size();
        String call = text.length() > 1_000
                ? "search (over 1,000 chars)"
                : filters > 100 ? "search (over 100 filters)" : "search";
        SearchResult result = call(tally, call, description, () -> kb.search(request));
        if (result != null) {
            if (result.hits().size() > request.limit()) {
                tally.fail(
                        "page too long",
                        description + ": " + result.hits().size() + " hits for limit " + request.limit());
            }
            for (SearchHit hit : result.hits()) {
                checkText(tally, description, "title", hit.title());
                checkText(tally, description, "snippet", hit.snippet());
            }
            if (result.nextPage().isPresent()) {
                return result.nextPage().get();
            }
        }
        return genuineCursor;
    }

    private void suggest(HostileInput input, Tally tally) {
        Viewer viewer = viewer(input);
        String prefix = input.chance(0.5) ? input.text() : input.token();
        int limit = input.chance(0.05) ? input.pick(List.of(0, -3, 101)) : 1 + input.nextInt(20);
        var description =
                new StringBuilder("suggest '" + HostileInput.show(prefix) + "' limit " + limit + " as " + viewer);
        List<Suggestion> suggestions = call(
                tally,
                prefix.length() > 1_000 ? "suggest (over 1,000 chars)" : "suggest",
                description,
                () -> kb.suggest(prefix, viewer, limit));
        if (suggestions != null) {
            if (suggestions.size() > limit) {
                tally.fail("too many suggestions", description + ": " + suggestions.size() + " suggestions");
            }
            for (Suggestion suggestion : suggestions) {
                checkText(tally, description, "suggestion", suggestion.text());
            }
        }
    }

    private void related(HostileInput input, Tally tally) {
        Viewer viewer = viewer(input);
        ArticleId id;
        String raw = input.chance(0.7)
                ? input.pick(ids).value()
                : input.chance(0.5) ? "KB-" + input.nextInt(1_000_000) : input.token();
        var description = new StringBuilder("related '" + HostileInput.show(raw) + "' as " + viewer);
        try {
            id = ArticleId.of(raw);
        } catch (InvalidInputException e) {
            tally.count("typed error while building the request");
            return;
        } catch (IllegalArgumentException e) {
            refusedByValueType(tally, e, description);
            return;
        }
        int limit = input.chance(0.05) ? input.pick(List.of(0, 101)) : 1 + input.nextInt(20);
        List<SearchHit> hits = call(
                tally, "related", description.append(" limit ").append(limit), () -> kb.related(id, viewer, limit));
        if (hits != null && hits.size() > limit) {
            tally.fail("too many related", description + ": " + hits.size() + " hits");
        }
    }

    private static Viewer viewer(HostileInput input) {
        return switch (input.nextInt(4)) {
            case 0 -> Viewer.anonymous();
            case 1 -> Viewer.partner(input.chance(0.8) ? "partner-1" : "p" + input.token());
            case 2 -> Viewer.agent(AGENT);
            default -> Viewer.agent(PUBLISHER);
        };
    }

    private static void refusedByValueType(Tally tally, IllegalArgumentException e, StringBuilder description) {
        StackTraceElement top = e.getStackTrace()[0];
        if (!top.getClassName().startsWith("org.kcskb.search.SearchRequest")
                && !top.getClassName().startsWith("org.kcskb.article.")
                && !top.getClassName().startsWith("org.kcskb.actor.")) {
            tally.fail(e.getClass().getName() + " at " + top, description + ": " + e + " at " + top);
            return;
        }
        String message = String.valueOf(e.getMessage());
        String kind = top.getClassName().replaceFirst(".*\\.", "") + ": "
                + message.replaceAll("[0-9]+", "N").replaceAll("'.*'", "'…'");
        tally.refusedByValueTypes.merge(kind.length() > 90 ? kind.substring(0, 90) + "…" : kind, 1, Integer::sum);
        if (STRICT) {
            tally.fail("plain IllegalArgumentException from " + top.getClassName(), description + ": plain " + e);
        }
    }

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(run -> {
        var thread = new Thread(run, "fuzz-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    /** Runs one call: a result, a typed error, or a failure (any other exception, or too slow). */
    private static <T> T call(Tally tally, String call, CharSequence description, Supplier<T> work) {
        // Where a call is when it crosses the bound: names the code to blame for a slow call.
        Thread caller = Thread.currentThread();
        var stackAtBound = new AtomicReference<StackTraceElement[]>();
        ScheduledFuture<?> watch = WATCHDOG.schedule(
                () -> stackAtBound.set(caller.getStackTrace()), CALL_BOUND.toMillis(), TimeUnit.MILLISECONDS);
        long start = System.nanoTime();
        long startCpu = THREADS.getCurrentThreadCpuTime();
        try {
            T result = work.get();
            tally.count("result");
            return result;
        } catch (InvalidInputException e) {
            tally.count("InvalidInputException(" + e.field() + ")");
            if (e.getMessage().length() > 1_000) {
                tally.fail(
                        "over-long error message",
                        description + ": an error message of " + e.getMessage().length() + " characters");
            }
            return null;
        } catch (StorageException e) {
            tally.fail("StorageException", description + ": " + e + " caused by " + e.getCause());
            return null;
        } catch (KbException e) {
            tally.count(e.getClass().getSimpleName());
            return null;
        } catch (RuntimeException | StackOverflowError e) {
            StackTraceElement top = e.getStackTrace().length > 0 ? e.getStackTrace()[0] : null;
            tally.fail(e.getClass().getName() + " at " + top, description + ": " + e + " at " + top);
            return null;
        } finally {
            long elapsed = System.nanoTime() - start;
            long cpu = THREADS.getCurrentThreadCpuTime() - startCpu;
            watch.cancel(false);
            tally.time(call, elapsed);
            tally.slowestNanos = Math.max(tally.slowestNanos, elapsed);
            tally.slowestCpuNanos = Math.max(tally.slowestCpuNanos, cpu);
            if (cpu > CALL_BOUND.toNanos() || elapsed > HANG_BOUND.toNanos()) {
                StackTraceElement[] stack = stackAtBound.get();
                String where = stack == null
                        ? "(no stack)"
                        : Arrays.stream(stack)
                                .filter(frame -> frame.getClassName().startsWith("org.kcskb.index"))
                                .limit(3)
                                .map(StackTraceElement::toString)
                                .collect(Collectors.joining(" < "));
                tally.fail(
                        call + " over the time bound",
                        description + ": took " + TimeUnit.NANOSECONDS.toMillis(cpu) + " ms of CPU and "
                                + TimeUnit.NANOSECONDS.toMillis(elapsed) + " ms elapsed, over the bound of "
                                + CALL_BOUND.toMillis() + " ms of CPU or " + HANG_BOUND.toSeconds()
                                + " s elapsed; " + CALL_BOUND.toMillis() + " ms after it began, it was in " + where);
            }
        }
    }

    private static void checkText(Tally tally, CharSequence description, String what, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                tally.fail(
                        "half a surrogate pair in a " + what,
                        description + ": half a surrogate pair at " + i + " of the " + what + " '"
                                + HostileInput.show(text) + "'");
                return;
            }
        }
    }
}
