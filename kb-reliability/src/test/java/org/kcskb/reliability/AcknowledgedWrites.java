package org.kcskb.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kcskb.KnowledgeBase;
import org.kcskb.StorageException;
import org.kcskb.actor.Viewer;
import org.kcskb.article.ArticleId;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.article.CaseId;
import org.kcskb.article.Revision;
import org.kcskb.search.SearchHit;
import org.kcskb.search.SearchRequest;
import org.kcskb.store.spi.ArticleStore;
import org.kcskb.store.spi.Change;

/**
 * The writes an acknowledgement log names, checked against a reopened knowledge base: each one is stored exactly
 * once, and each captured article is found in search by its marker. Collects what is wrong instead of stopping at
 * the first problem. Not thread-safe.
 */
final class AcknowledgedWrites {
    private static final Pattern TITLE_MARKER = Pattern.compile("\\b(zq[a-z]+)\\b");

    /** The lines of an acknowledgement log; a last line without its line break (cut by the kill) is not one. */
    static List<String> read(Path log) throws IOException {
        if (!Files.exists(log)) {
            return List.of();
        }
        String text = Files.readString(log, StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n');
        return end < 0 ? List.of() : List.of(text.substring(0, end).split("\n"));
    }

    private final Map<ArticleId, String> captured = new LinkedHashMap<>();
    private final Map<ArticleId, Integer> views = new HashMap<>();
    private final List<String> lines = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private int checks;
    private long viewsNotStored;
    private int checkedLines;

    /** Adds the lines of one more log (one run of the workload). */
    void add(List<String> log) {
        for (String line : log) {
            lines.add(line);
            String[] part = line.split(" ");
            if (part[0].equals("capture")) {
                captured.put(ArticleId.of(part[1]), part[2]);
            } else if (part[0].equals("view")) {
                views.merge(ArticleId.of(part[1]), 1, Integer::sum);
            }
        }
    }

    int writes() {
        return (int) lines.stream().filter(l -> !l.equals("rebuild")).count();
    }

    int captures() {
        return captured.size();
    }

    int checks() {
        return checks;
    }

    long viewsNotStored() {
        return viewsNotStored;
    }

    List<String> problems() {
        return problems;
    }

    private void check(boolean ok, String problem) {
        checks++;
        if (!ok && problems.size() < 50) {
            problems.add(problem);
        }
    }

    /**
     * Checks every acknowledged write in the store, and that no capture marker is on two articles of the whole
     * store.
     *
     * @param inFlight how many writes may have been stored without being acknowledged (one per killed run), a
     *     bound for the view counts
     * @param all whether to check every write acknowledged so far, or only those added since the last check
     */
    void checkStore(KnowledgeBase kb, ArticleStore store, int inFlight, boolean all) {
        // The writes of earlier runs were checked after their own kill; all of them again now and then, as a later
        // crash could still lose them.
        List<String> unchecked = all ? lines : lines.subList(checkedLines, lines.size());
        checkedLines = lines.size();
        for (String line : unchecked) {
            String[] part = line.split(" ");
            switch (part[0]) {
                case "capture" -> {
                    var article = kb.article(ArticleId.of(part[1]));
                    check(article.isPresent(), "acknowledged capture missing: " + line);
                    article.ifPresent(a -> check(a.title().contains(part[2]), "capture with another title: " + line));
                }
                case "link" ->
                    check(
                            kb.links(ArticleId.of(part[1])).stream()
                                            .filter(l -> l.caseId().equals(CaseId.of(part[2])))
                                            .count()
                                    == 1,
                            "acknowledged link not stored once: " + line);
                case "flag" ->
                    check(
                            kb.flags(ArticleId.of(part[1])).stream()
                                            .filter(f -> f.comment().equals(part[2]))
                                            .count()
                                    == 1,
                            "acknowledged flag not stored once: " + line);
                case "feedback" ->
                    check(
                            kb.feedback(ArticleId.of(part[1])).stream()
                                            .filter(f -> f.comment().equals(part[2]))
                                            .count()
                                    == 1,
                            "acknowledged feedback not stored once: " + line);
                case "revise", "state", "publish" -> {
                    String marker = part[part.length - 1];
                    List<Revision> matching = kb.history(ArticleId.of(part[1])).revisions().stream()
                            .filter(r -> r.comment().equals(marker))
                            .toList();
                    check(matching.size() == 1, "acknowledged " + part[0] + " not stored once: " + line);
                    if (matching.size() == 1) {
                        Revision revision = matching.getFirst();
                        check(
                                revision.number() == Integer.parseInt(part[2]),
                                "acknowledged " + part[0] + " with another number: " + line + " is "
                                        + revision.number());
                        if (part[0].equals("state")) {
                            check(revision.state() == ArticleState.valueOf(part[3]), "state not stored: " + line);
                        } else if (part[0].equals("publish")) {
                            check(revision.audience() == Audience.valueOf(part[3]), "audience not stored: " + line);
                        }
                    }
                }
                default -> {
                    // views are counted below; rebuilds leave nothing to check in the store
                }
            }
        }
        views.forEach((id, acknowledged) -> {
            long stored = kb.article(id).map(a -> a.signals().viewCount()).orElse(-1L);
            // Views may be counted in memory and written in batches (issue 15, section 3), so a kill can lose the
            // last ones; they are counted, not failed. More than were acknowledged (plus the writes in flight) is a
            // duplicate.
            viewsNotStored += Math.max(0, acknowledged - stored);
            check(
                    stored <= acknowledged + inFlight,
                    "views stored twice: " + id + " has " + stored + ", " + acknowledged + " acknowledged");
        });
        // No marker on two articles: a capture retried after an ambiguous failure would show here.
        var markers = new HashMap<String, ArticleId>();
        long last = store.lastSequence();
        var seen = new java.util.HashSet<ArticleId>();
        for (long after = 0; after < last; ) {
            List<Change> page = store.changesAfter(after, 1_000);
            if (page.isEmpty()) {
                break;
            }
            for (Change change : page) {
                if (seen.add(change.articleId())) {
                    store.article(change.articleId()).ifPresent(article -> {
                        Matcher m = TITLE_MARKER.matcher(article.title());
                        if (m.find()) {
                            ArticleId other = markers.put(m.group(1), article.id());
                            check(
                                    other == null,
                                    "marker " + m.group(1) + " on two articles: " + other + " and " + article.id());
                        }
                    });
                }
            }
            after = page.getLast().sequence();
        }
        check(seen.containsAll(captured.keySet()), "acknowledged articles missing from the change feed");
    }

    /**
     * Waits until the index has caught up, also through a failure episode that began just before: {@code
     * awaitSearchable} reports the follower's current failure at once (a connection that a campaign cut a moment
     * ago), while the follower retries and recovers within the timeout, which is what the campaign checks.
     */
    private static boolean awaitRecovered(KnowledgeBase kb, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return kb.awaitSearchable(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            } catch (StorageException e) {
                if (System.nanoTime() - deadline >= 0) {
                    throw e;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /**
     * Waits until the index has caught up, then searches the marker of each of {@code ids} (all captured when
     * empty) as an agent who may see every state and audience: each must be found.
     */
    void checkSearch(KnowledgeBase kb, List<ArticleId> ids, Duration timeout) {
        boolean caughtUp = awaitRecovered(kb, timeout);
        check(caughtUp, "the index did not catch up within " + timeout);
        if (!caughtUp) {
            return;
        }
        for (ArticleId id : ids.isEmpty() ? List.copyOf(captured.keySet()) : ids) {
            String marker = captured.get(id);
            List<ArticleId> hits = kb
                    .search(SearchRequest.builder(marker, Viewer.agent(SolveLoopWorkload.WRITER))
                            .includeArchived(true)
                            .recorded(false)
                            .build())
                    .hits()
                    .stream()
                    .map(SearchHit::id)
                    .toList();
            check(hits.contains(id), "acknowledged " + id + " not found by its marker " + marker + ": " + hits);
        }
    }

    /** The ids captured, in log order. */
    List<ArticleId> capturedIds() {
        return List.copyOf(captured.keySet());
    }
}
