package org.kcskb.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.kcskb.ActionRefusedException;
import org.kcskb.Draft;
import org.kcskb.KnowledgeBase;
import org.kcskb.actor.Actor;
import org.kcskb.actor.Viewer;
import org.kcskb.analytics.ContentGap;
import org.kcskb.analytics.ReportQuery;
import org.kcskb.analytics.SearchOrigin;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleId;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.article.CaseId;
import org.kcskb.article.Environment;
import org.kcskb.article.Flag;
import org.kcskb.article.FlagReason;
import org.kcskb.article.LinkType;
import org.kcskb.browse.BrowseRequest;
import org.kcskb.browse.QueuePage;
import org.kcskb.browse.QueueSettings;
import org.kcskb.browse.WorkQueue;
import org.kcskb.emerging.EmergingIssue;
import org.kcskb.notice.Notice;
import org.kcskb.notice.NoticeDraft;
import org.kcskb.search.SearchHit;
import org.kcskb.search.SearchRequest;
import org.kcskb.search.SearchResult;
import org.kcskb.search.SimilarArticle;
import org.kcskb.vocabulary.SynonymProposal;

/**
 * Plays one support case through the KCS Solve Loop on the sample knowledge base and prints each step: the ticket
 * arrives, the agent searches early, gets a duplicate warning while capturing, links the article to the case, a
 * coach flags it and the agent fixes it, it is validated and published, and at the end the content-health and
 * content-gap figures. Then a day of the Evolve Loop ({@link #evolve}): the publish queue, an outbreak detected from
 * a simulated week of help-site searches, a known-issue notice seen on the help site, and its deflection.
 *
 * <p>Run it with {@code ./mvnw -q -ntp -pl examples -am package exec:java -DskipTests
 * -Dexec.mainClass=org.kcskb.examples.HelpDeskWalkthrough}. It works in a fresh temporary directory (deleted at
 * the end) so that every run tells the same story; pass a directory as the first argument
 * ({@code -Dexec.args=DIR}) to keep the knowledge base.
 */
public final class HelpDeskWalkthrough {
    /** The case the walkthrough plays. */
    static final CaseId CASE = CaseId.of("CASE-5001");
    /** A second customer with the same issue. */
    static final CaseId SECOND_CASE = CaseId.of("CASE-5002");
    /** What the customer wrote. */
    static final String TICKET = "Seit dem letzten Windows-Update druckt unser Acme P400 nur noch leere Seiten."
            + " Der Druckauftrag läuft durch, das Papier kommt aber weiß heraus. Druckertreiber 4.2, Windows 11.";

    private static final Pattern MARK = Pattern.compile("<mark>(.*?)</mark>");

    private HelpDeskWalkthrough() {}

    public static void main(String[] args) throws IOException {
        Path directory = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("kb-walkthrough");
        // The Evolve Loop's part plays a week on the help site in seconds: the knowledge base reads this clock.
        var clock = new MovableClock(Instant.now());
        try (KnowledgeBase kb =
                KnowledgeBase.builder().directory(directory).clock(clock).build()) {
            System.out.println("Loading the sample knowledge base into " + directory.toAbsolutePath() + " ...");
            SampleKnowledgeBase.Summary sample = SampleKnowledgeBase.loadIfEmpty(kb);
            run(kb, sample, System.out);
            evolve(kb, clock, System.out);
        } finally {
            if (args.length == 0) {
                deleteRecursively(directory);
            }
        }
    }

    /**
     * Plays the case on {@code kb}, which holds the sample knowledge base, and prints every step to {@code out}.
     *
     * @param sample what loading the sample returned (the walkthrough needs its article ids)
     */
    static void run(KnowledgeBase kb, SampleKnowledgeBase.Summary sample, PrintStream out) {
        Actor agent = Actor.candidate("agent-7");
        Actor coach = Actor.contributor("coach-eva");
        Actor publisher = Actor.publisher("pub-kim");
        kb.awaitSearchable(Duration.ofSeconds(60));

        out.println("1. The ticket arrives: " + CASE);
        out.println("   \"" + TICKET + "\"");

        out.println("2. Search early, in the customer's words (as the agent)");
        SearchResult result = kb.search(SearchRequest.builder("Windows-Update druckt leere Seiten", Viewer.agent(agent))
                .limit(3)
                .build());
        for (SearchHit hit : result.hits()) {
            out.printf(
                    "   %-6s %-55s [%s, %s] matched: %s%n",
                    hit.id(), hit.title(), hit.state(), hit.audience(), String.join(", ", matchedWords(hit.snippet())));
        }
        out.println("   None describes blank pages after the update: capture a new article.");

        out.println("3. Capture in the customer's words; the knowledge base warns about likely duplicates");
        ArticleContent content = ArticleContent.of(
                        "Drucker druckt nach Windows-Update nur leere Seiten",
                        TICKET.substring(0, TICKET.indexOf(" Druckertreiber")))
                .withEnvironment(
                        Environment.of("Acme Print", "4.2", "Windows 11").with(Environment.COMPONENT, "Druckertreiber"))
                .withLanguage(Locale.GERMAN);
        Draft draft = Draft.of(content).fromCase(CASE);
        List<SimilarArticle> similar = kb.similar(agent, draft);
        for (SimilarArticle s : similar) {
            out.printf(
                    "   looks like %s \"%s\" (%s, %.0f %% similar; shared words: %s)%n",
                    s.id(), s.title(), s.state(), s.similarity() * 100, String.join(", ", s.matchedTerms()));
        }
        if (similar.isEmpty()) {
            out.println("   no similar article");
        }
        out.println("   The agent reads them: they are about printing nothing at all, not about blank pages.");
        Article article = kb.capture(agent, draft);
        out.printf("   captured %s [%s, %s] %s%n", article.id(), article.state(), article.audience(), article.title());

        out.println("4. Link to the case; a second customer reports the same, found by a search and reused");
        out.println("   " + CASE + " -> "
                + kb.links(CASE).stream().map(l -> l.articleId().value()).toList());
        kb.awaitSearchable(Duration.ofSeconds(10));
        SearchResult again = kb.search(SearchRequest.of("leere Seiten nach Windows-Update", Viewer.agent(agent)));
        int position = positionOf(again, article.id());
        if (position > 0 && again.searchId().isPresent()) {
            kb.link(
                    agent,
                    article.id(),
                    SECOND_CASE,
                    LinkType.RESOLUTION,
                    SearchOrigin.of(again.searchId().get(), position));
        } else {
            kb.link(agent, article.id(), SECOND_CASE, LinkType.RESOLUTION);
        }
        out.println("   found at position " + position + ", linked to " + SECOND_CASE + "; reuse count: "
                + kb.article(article.id()).orElseThrow().signals().reuseCount());

        out.println("5. Flag it, fix it");
        Flag flag = kb.flag(coach, article.id(), FlagReason.INCOMPLETE, "Keine Lösung: welcher Treiber hilft?");
        out.println("   " + coach.id() + " flags " + flag.reason() + ": " + flag.comment());
        ArticleContent fixed = content.withResolution(
                        "Druckertreiber 4.2 deinstallieren und Acme-Print-Treiber 5.1 installieren; danach eine Testseite"
                                + " drucken.")
                .withCause("Das Windows-Update ersetzt den Farbprofil-Dienst, den Treiber 4.x voraussetzt.");
        article = kb.revise(agent, article.id(), article.revision(), fixed, "resolution and cause from the case");
        kb.resolveFlag(coach, flag.id(), "Lösung und Ursache ergänzt");
        out.printf(
                "   revised to revision %d with resolution and cause; open flags: %d%n",
                article.revision(),
                kb.article(article.id()).orElseThrow().signals().openFlagCount());

        out.println("6. Validate");
        article = kb.transition(coach, article.id(), article.revision(), ArticleState.VALIDATED);
        out.println("   " + coach.id() + " (contributor) -> " + article.state());

        out.println("7. Publish");
        try {
            kb.publish(agent, article.id(), article.revision(), Audience.PUBLIC);
        } catch (ActionRefusedException e) {
            out.println("   refused for " + agent.id() + " (candidate): " + e.getMessage());
        }
        article = kb.publish(publisher, article.id(), article.revision(), Audience.PUBLIC);
        out.println("   " + publisher.id() + " (publisher) -> " + article.state() + "/" + article.audience());
        kb.awaitSearchable(Duration.ofSeconds(10));
        SearchResult publicResult =
                kb.search(SearchRequest.of("Drucker leere Seiten Windows-Update", Viewer.anonymous()));
        out.println("   the public now finds it at position " + positionOf(publicResult, article.id()));

        // A few searches from the help site that nothing answered, as the Evolve Loop sees them.
        for (String query : List.of("Kulanzgutschrift", "Drucker raucht", "Kulanzgutschrift")) {
            kb.search(SearchRequest.of(query, Viewer.anonymous()));
        }

        out.println("8. Content health");
        List<Article> articles = new ArrayList<>();
        Stream.concat(sample.articles().values().stream(), Stream.of(article.id()))
                .forEach(id -> kb.article(id).ifPresent(articles::add));
        Map<ArticleState, Long> byState = new EnumMap<>(ArticleState.class);
        articles.forEach(a -> byState.merge(a.state(), 1L, Long::sum));
        long withOpenFlags =
                articles.stream().filter(a -> a.signals().openFlagCount() > 0).count();
        long neverReused = articles.stream()
                .filter(a -> a.state() != ArticleState.ARCHIVED && a.signals().reuseCount() == 0)
                .count();
        int helpful =
                articles.stream().mapToInt(a -> a.signals().helpfulCount()).sum();
        int unhelpful =
                articles.stream().mapToInt(a -> a.signals().unhelpfulCount()).sum();
        out.println("   articles: " + articles.size() + " " + byState);
        out.println("   with open flags: " + withOpenFlags + "; not archived and never reused: " + neverReused);
        out.printf(
                "   self-service votes: %d helpful, %d not helpful (%.0f %% helpful)%n",
                helpful, unhelpful, helpful + unhelpful == 0 ? 0.0 : 100.0 * helpful / (helpful + unhelpful));
        articles.stream()
                .max(Comparator.comparingInt(a -> a.signals().reuseCount()))
                .ifPresent(a -> out.println("   most reused: " + a.id() + " \"" + a.title() + "\" ("
                        + a.signals().reuseCount() + " cases)"));

        out.println("9. Content gaps (searches nothing answered)");
        for (ContentGap gap : kb.analytics().contentGaps(ReportQuery.all().withLimit(5))) {
            out.printf("   %d x '%s' (%s)%n", gap.searches(), gap.query(), gap.kind());
        }
    }

    /**
     * Plays a day of the Evolve Loop after {@link #run}: the coach works through the publish queue, a quiet week of
     * help-site searches ends in an outbreak that the knowledge base detects, a publisher turns it into a known-issue
     * notice that visitors see above their results, and the notice's deflection is reported.
     *
     * @param clock the knowledge base's clock, moved through the simulated week
     */
    static void evolve(KnowledgeBase kb, MovableClock clock, PrintStream out) {
        Actor coach = Actor.contributor("coach-eva");
        Actor publisher = Actor.publisher("pub-kim");
        Viewer coachView = Viewer.agent(coach);

        int threshold = QueueSettings.defaults().publishAfterReuses();
        out.println("10. The publish queue: not yet validated, reused by at least " + threshold + " cases");
        // Reuse is review: this morning agents solved three more cases with the most reused unvalidated article.
        Actor agent = Actor.candidate("agent-7");
        kb
                .browse(
                        coachView,
                        BrowseRequest.builder()
                                .states(ArticleState.NOT_VALIDATED)
                                .sort(BrowseRequest.Sort.REUSE_COUNT, true)
                                .limit(1)
                                .build())
                .items()
                .stream()
                .findFirst()
                .ifPresent(waiting -> {
                    int reused = waiting.reuseCount();
                    for (int i = 1; reused < threshold; i++, reused++) {
                        kb.link(agent, waiting.id(), CaseId.of("CASE-51" + i), LinkType.RESOLUTION);
                    }
                    out.println("   this morning agents reused " + waiting.id() + " \"" + waiting.title()
                            + "\"; it now has " + reused + " case links");
                });
        QueuePage queue = kb.queue(coachView, WorkQueue.PUBLISH);
        queue.items()
                .forEach(item -> out.printf(
                        "   %-6s %-55s %s%n",
                        item.article().id(), item.article().title(), item.reason()));
        if (queue.items().isEmpty()) {
            out.println("   empty");
        } else {
            ArticleId next = queue.items().getFirst().article().id();
            Article validated =
                    kb.transition(coach, next, kb.article(next).orElseThrow().revision(), ArticleState.VALIDATED);
            out.println("   " + coach.id() + " reviews " + next + " and validates it -> " + validated.state());
        }

        out.println("11. A quiet week on the help site, then an outbreak: what is emerging?");
        List<String> mix = List.of(
                "drucker druckt nicht",
                "vpn verbindung bricht ab",
                "passwort zurücksetzen",
                "leere seiten drucken",
                "mail signatur ändern",
                "drucker offline",
                "password reset",
                "vpn disconnects");
        var random = new Random(7);
        Instant weekStart = clock.instant();
        int searches = 0;
        for (int hour = 0; hour < 7 * 24; hour++) {
            int n = 2 + random.nextInt(5);
            for (int i = 0; i < n; i++) {
                clock.set(weekStart.plus(Duration.ofMinutes(60L * hour + 60L * i / n)));
                kb.search(SearchRequest.of(mix.get(random.nextInt(mix.size())), Viewer.anonymous()));
                searches++;
            }
        }
        List<String> outbreak = List.of(
                "outlook startet nicht", "Outlook startet nicht mehr", "outlook start nicht", "outlook startet nicht");
        Instant outbreakStart = weekStart.plus(Duration.ofDays(7));
        for (int i = 0; i < 24; i++) {
            clock.set(outbreakStart.plus(Duration.ofMinutes(2L * i)));
            kb.search(SearchRequest.of(outbreak.get(i % outbreak.size()), Viewer.anonymous()));
        }
        clock.set(outbreakStart.plus(Duration.ofMinutes(50)));
        out.println("   " + searches + " searches over seven days, then 24 in 48 minutes about Outlook");
        List<EmergingIssue> issues = kb.emergingIssues(coach);
        for (EmergingIssue issue : issues) {
            out.printf(
                    Locale.ROOT,
                    "   %s '%s': %d in the last hour where %.1f were expected, since %s; asked as %s%n",
                    issue.kind(),
                    issue.label(),
                    issue.count(),
                    issue.expected(),
                    Duration.between(outbreakStart, issue.since()).toMinutes() >= 0
                            ? "the outbreak's start + "
                                    + Duration.between(outbreakStart, issue.since())
                                            .toMinutes() + " min"
                            : issue.since().toString(),
                    issue.exampleQueries());
        }
        if (issues.isEmpty()) {
            out.println("   nothing is emerging");
            return;
        }

        out.println("12. A known-issue notice from the emerging issue, shown on the help site");
        EmergingIssue issue = issues.getFirst();
        Notice notice = kb.publishNotice(
                publisher,
                NoticeDraft.fromEmergingIssue(issue)
                        .text(
                                Locale.GERMAN,
                                "Outlook startet nach dem heutigen Update nicht",
                                "Wir kennen das Problem und arbeiten daran. Bis dahin startet Outlook im abgesicherten"
                                        + " Modus: outlook.exe /safe")
                        .products("Outlook")
                        .audience(Audience.PUBLIC)
                        .lasting(Duration.ofHours(4))
                        .build());
        out.println("   " + publisher.id() + " publishes " + notice.id() + " for " + notice.products() + " until "
                + notice.end() + ", symptoms " + notice.symptoms());
        for (String query : List.of("outlook startet nicht", "vpn verbindung bricht ab")) {
            SearchResult seen = kb.search(SearchRequest.of(query, Viewer.anonymous()));
            out.println("   a visitor searches '" + query + "': "
                    + (seen.notices().isEmpty()
                            ? "no banner"
                            : "banner \""
                                    + seen.notices()
                                            .getFirst()
                                            .texts()
                                            .get(Locale.GERMAN)
                                            .title() + "\""));
        }

        out.println("13. Deflection: visitors who saw the banner, and those it answered");
        for (int visitor = 0; visitor < 40; visitor++) {
            kb.recordNoticeImpression(Viewer.anonymous(), notice.id());
            if (visitor % 3 == 0) {
                kb.recordNoticeAnswered(Viewer.anonymous(), notice.id());
            }
        }
        kb.noticeStats(Viewer.agent(publisher)).stream()
                .filter(stats -> stats.notice().equals(notice.id()))
                .forEach(stats -> out.printf(
                        Locale.ROOT,
                        "   %s: %d impressions, %d answered (%.0f %% deflection)%n",
                        stats.notice(),
                        stats.impressions(),
                        stats.answered(),
                        100 * stats.deflection()));

        out.println("14. The language of support: visitors' reformulations propose a synonym, a publisher accepts it");
        // Two visitors say "Schlieren" (smears) where the article says "Streifen" (stripes): the first search gets
        // no click, the reformulation a few seconds later finds the article and gets one.
        for (int visitor = 1; visitor <= SynonymProposal.MIN_VISITORS; visitor++) {
            String key = "visitor-" + visitor;
            clock.set(clock.instant().plus(Duration.ofMinutes(10)));
            kb.search(SearchRequest.builder("Schlieren auf dem Ausdruck", Viewer.anonymous())
                    .visitor(key)
                    .build());
            clock.set(clock.instant().plus(Duration.ofSeconds(40)));
            SearchResult found = kb.search(SearchRequest.builder("graue Streifen auf dem Ausdruck", Viewer.anonymous())
                    .visitor(key)
                    .build());
            if (!found.hits().isEmpty() && found.searchId().isPresent()) {
                kb.recordClick(
                        Viewer.anonymous(),
                        found.hits().getFirst().id(),
                        SearchOrigin.of(found.searchId().get(), 1));
            }
        }
        List<SynonymProposal> proposals =
                kb.synonymProposals(publisher, ReportQuery.all().withLanguage(Locale.GERMAN));
        proposals.forEach(p -> out.println("   " + p.visitors() + " visitors: '" + p.failedQuery() + "' -> '"
                + p.reformulation() + "', proposed: " + p.suggestion()));
        if (!proposals.isEmpty()) {
            SynonymProposal proposal = proposals.getFirst();
            kb.addVocabulary(publisher, proposal.language(), proposal.suggestion());
            kb.awaitSearchable(Duration.ofSeconds(10));
            SearchResult now = kb.search(SearchRequest.of("Schlieren auf dem Ausdruck", Viewer.anonymous()));
            out.println("   " + publisher.id() + " accepts it; 'Schlieren auf dem Ausdruck' now finds: "
                    + now.hits().stream()
                            .limit(1)
                            .map(h -> "\"" + h.title() + "\"")
                            .toList());
        }
    }

    /** A clock the walkthrough moves, so that a simulated week passes in seconds. Thread-safe. */
    static final class MovableClock extends Clock {
        private final AtomicReference<Instant> now;

        MovableClock(Instant start) {
            this.now = new AtomicReference<>(start);
        }

        void set(Instant instant) {
            now.set(instant);
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    /** The words a snippet marks as matches, each once, as they appear. */
    static List<String> matchedWords(String snippet) {
        Set<String> words = new LinkedHashSet<>();
        Matcher m = MARK.matcher(snippet);
        while (m.find()) {
            words.add(m.group(1).toLowerCase(Locale.ROOT));
        }
        return List.copyOf(words);
    }

    private static int positionOf(SearchResult result, ArticleId id) {
        for (int i = 0; i < result.hits().size(); i++) {
            if (result.hits().get(i).id().equals(id)) {
                return i + 1;
            }
        }
        return 0;
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
