package org.kcskb.bench.emerging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import org.kcskb.KnowledgeBase;
import org.kcskb.actor.Viewer;
import org.kcskb.analytics.SearchEvent;
import org.kcskb.analytics.SearchId;
import org.kcskb.bench.Cli;
import org.kcskb.bench.Main;
import org.kcskb.emerging.EmergingIssue;
import org.kcskb.emerging.EmergingIssueSettings;
import org.kcskb.store.ArticleStores;
import org.kcskb.store.spi.AnalyticsStore;
import org.kcskb.store.spi.ArticleStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code emerging} command: replays synthetic search traffic (a warm-up baseline, then a quiet week with one
 * injected outbreak of "outlook startet nicht" in twenty spellings) into a knowledge base with the Lucene engine,
 * checks for emerging issues every few simulated minutes as a listener would ({@link
 * KnowledgeBase#checkEmergingIssues()} on a clock the command moves), and reports the detection delay, how many
 * issues the outbreak raised (one is right) and the false alarms (issues about anything else).
 *
 * <p>Quiet traffic: per hour, each query of the mix a Poisson number of times, with Zipf shares of the hourly rate,
 * five times busier on weekdays from 8 to 18 than at night and on weekends; a fifth of the queries find nothing,
 * every day. The mix comes from a data set's {@code queries.jsonl} (read where it lies, never copied) or a built-in
 * help-desk list. Events go straight into the store with their times: the detector only ever reads windows that
 * end at the simulated now, so writing the future first changes nothing it sees.
 */
@Command(
        name = "emerging",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        sortOptions = false,
        usageHelpWidth = 110,
        description = {
            "Replays a quiet week with one outbreak: detection delay and false alarms.",
            "",
            "Replays --baseline-days of quiet searches, then --days more with an outbreak of \"outlook startet"
                    + " nicht\" (20 spellings, none finding an article) starting on day --outbreak-day (counted"
                    + " from the start of the checked days) at --outbreak-hour UTC, --outbreak-rate searches an hour"
                    + " for --outbreak-hours; checks every --check-minutes of the checked days with the default"
                    + " EmergingIssueSettings and prints the detection delay, the issues the outbreak raised and"
                    + " the false alarms."
        })
public final class EmergingCommand implements Callable<Integer> {
    /** The outbreak, as people type it. */
    static final List<String> OUTBREAK = List.of(
            "outlook startet nicht",
            "Outlook startet nicht",
            "outlook startet nicht mehr",
            "Outlook startet nicht mehr!",
            "outlok startet nicht",
            "outlook start nicht",
            "outlook startet nich",
            "outloook startet nicht",
            "outlook startett nicht",
            "OUTLOOK STARTET NICHT",
            "outlook startet nicht?",
            "outlook startet nicht mehr?",
            "outlook starte nicht",
            "Outlok startet nicht mehr",
            "outlook startet nciht",
            "outlook startet nicht.",
            "outlook startet gar nicht",
            "outlook sartet nicht",
            "outlook started nicht",
            "outlook startet seit heute nicht");

    private static final List<String> BUILT_IN_MIX = List.of(
            "drucker druckt nicht",
            "vpn verbindung bricht ab",
            "passwort zurücksetzen",
            "teams kamera schwarz",
            "excel stürzt ab",
            "wlan im büro langsam",
            "laptop lädt nicht",
            "zwei faktor authentifizierung einrichten",
            "onedrive synchronisiert nicht",
            "bildschirm flackert",
            "headset wird nicht erkannt",
            "sap login gesperrt",
            "software installieren",
            "urlaubsantrag formular",
            "netzlaufwerk verbinden",
            "druckertreiber installieren",
            "kalender freigeben",
            "e-mail signatur ändern",
            "zertifikat abgelaufen",
            "bluetooth maus verbindet nicht");

    private static final Instant START = Instant.parse("2026-11-02T00:00:00Z");

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--queries",
            paramLabel = "FILE",
            description = "a queries.jsonl ({\"text\": ...} per line) for the quiet mix, such as"
                    + " ../shared/data/covidfaq-de/queries.jsonl; default: a built-in help-desk list")
    private Path queries;

    @Option(
            names = "--mix",
            paramLabel = "N",
            defaultValue = "200",
            description = "how many distinct queries of the file make the mix (default: ${DEFAULT-VALUE})")
    private int mix;

    @Option(
            names = "--rate",
            paramLabel = "N",
            defaultValue = "60",
            description = "quiet searches an hour at busy times (default: ${DEFAULT-VALUE}); a fifth of it otherwise")
    private double rate;

    @Option(
            names = "--baseline-days",
            paramLabel = "N",
            defaultValue = "7",
            description = "quiet days before the checked ones (default: ${DEFAULT-VALUE})")
    private int baselineDays;

    @Option(
            names = "--days",
            paramLabel = "N",
            defaultValue = "7",
            description = "checked days (default: ${DEFAULT-VALUE})")
    private int days;

    @Option(
            names = "--outbreak-day",
            paramLabel = "D",
            defaultValue = "3",
            description = "the day the outbreak starts, below --days (default: ${DEFAULT-VALUE})")
    private int outbreakDay;

    @Option(
            names = "--outbreak-hour",
            paramLabel = "H",
            defaultValue = "10",
            description = "the hour (UTC, 0 to 23) it starts (default: ${DEFAULT-VALUE})")
    private int outbreakHour;

    @Option(
            names = "--outbreak-rate",
            paramLabel = "N",
            defaultValue = "20",
            description = "outbreak searches an hour (default: ${DEFAULT-VALUE})")
    private double outbreakRate;

    @Option(
            names = "--outbreak-hours",
            paramLabel = "N",
            defaultValue = "4",
            description = "how long the outbreak lasts (default: ${DEFAULT-VALUE})")
    private int outbreakHours;

    @Option(
            names = "--check-minutes",
            paramLabel = "N",
            defaultValue = "5",
            description = "minutes between checks (default: ${DEFAULT-VALUE})")
    private int checkMinutes;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "1",
            description = "the random seed (default: ${DEFAULT-VALUE})")
    private long seed;

    private final PrintStream out;

    EmergingCommand(PrintStream out) {
        this.out = out;
    }

    /** The command printing to the given stream. */
    public static EmergingCommand printingTo(PrintStream out) {
        return new EmergingCommand(out);
    }

    /** What the simulation asks for. */
    record Options(
            Optional<Path> queries,
            int mix,
            double rate,
            int baselineDays,
            int days,
            int outbreakDay,
            int outbreakHour,
            double outbreakRate,
            int outbreakHours,
            int checkMinutes,
            long seed) {

        /** Parses the arguments after {@code emerging} as the command does. */
        static Options parse(List<String> args) {
            return Cli.parse(new EmergingCommand(System.out), args).options();
        }
    }

    /** The options the command line gave, checked. */
    Options options() {
        atLeast(1, "--mix", mix);
        atLeast(1, "--baseline-days", baselineDays);
        atLeast(1, "--days", days);
        atLeast(0, "--outbreak-day", outbreakDay);
        atLeast(0, "--outbreak-hour", outbreakHour);
        atLeast(1, "--outbreak-hours", outbreakHours);
        atLeast(1, "--check-minutes", checkMinutes);
        if (!(rate > 0) || !(outbreakRate > 0)) {
            throw Cli.usageError(
                    spec, "--rate and --outbreak-rate must be positive, were " + rate + " and " + outbreakRate);
        }
        if (outbreakDay >= days || outbreakHour > 23) {
            throw Cli.usageError(
                    spec,
                    "the outbreak must start within the checked days: --outbreak-day below" + " --days (" + days
                            + "), --outbreak-hour 0 to 23");
        }
        return new Options(
                Optional.ofNullable(queries),
                mix,
                rate,
                baselineDays,
                days,
                outbreakDay,
                outbreakHour,
                outbreakRate,
                outbreakHours,
                checkMinutes,
                seed);
    }

    private void atLeast(int least, String option, int value) {
        if (value < least) {
            throw Cli.usageError(spec, option + " must be at least " + least + ", was " + value);
        }
    }

    /**
     * What the simulation found.
     *
     * @param searches the searches replayed, quiet and outbreak
     * @param outbreakSearches the outbreak's searches
     * @param checks the checks run
     * @param detectionDelay from the outbreak's first search to the first check that announced it; empty if none did
     * @param outbreakIssues the announced issues about the outbreak (one is right: its spellings are one issue)
     * @param falseAlarms the announced issues about anything else
     * @param falseAlarmLabels what those were about
     */
    record Result(
            int searches,
            int outbreakSearches,
            int checks,
            Optional<Duration> detectionDelay,
            int outbreakIssues,
            int falseAlarms,
            List<String> falseAlarmLabels) {}

    /** Runs the command with the arguments after {@code emerging}; returns the exit code. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        return Cli.execute(new EmergingCommand(out), args, out, err);
    }

    @Override
    public Integer call() {
        Options options = options();
        Result r = simulate(options, out);
        out.printf(
                Locale.ROOT,
                "emerging: %d searches replayed (%d of the outbreak), %d checks every %d minutes over %d days%n",
                r.searches(),
                r.outbreakSearches(),
                r.checks(),
                options.checkMinutes(),
                options.days());
        out.println("emerging: detection delay "
                + r.detectionDelay().map(d -> d.toMinutes() + " min").orElse("none: the outbreak was not detected"));
        out.println("emerging: issues about the outbreak " + r.outbreakIssues() + " (1 is right)");
        out.printf(
                Locale.ROOT,
                "emerging: false alarms %d in %d checks (%.4f per check)%s%n",
                r.falseAlarms(),
                r.checks(),
                r.falseAlarms() / (double) Math.max(1, r.checks()),
                r.falseAlarmLabels().isEmpty() ? "" : ": " + r.falseAlarmLabels());
        return r.detectionDelay().isPresent() && r.outbreakIssues() == 1 ? 0 : 1;
    }

    static Result simulate(Options options, PrintStream out) {
        Random random = new Random(options.seed());
        List<String> mix = mix(options, random);
        Instant checked = START.plus(Duration.ofDays(options.baselineDays()));
        Instant end = checked.plus(Duration.ofDays(options.days()));
        Instant outbreak =
                checked.plus(Duration.ofDays(options.outbreakDay())).plus(Duration.ofHours(options.outbreakHour()));
        Instant outbreakEnd = outbreak.plus(Duration.ofHours(options.outbreakHours()));

        var events = new ArrayList<SearchEvent>();
        double harmonic = 0;
        for (int i = 1; i <= mix.size(); i++) {
            harmonic += 1.0 / i;
        }
        for (Instant hour = START; hour.isBefore(end); hour = hour.plus(Duration.ofHours(1))) {
            var time = hour.atZone(ZoneOffset.UTC);
            boolean busy = time.getHour() >= 8
                    && time.getHour() < 18
                    && time.getDayOfWeek().getValue() <= 5;
            double perHour = busy ? options.rate() : options.rate() / 5;
            for (int q = 0; q < mix.size(); q++) {
                int n = poisson(random, perHour * (1.0 / (q + 1)) / harmonic);
                for (int i = 0; i < n; i++) {
                    events.add(search(hour.plusSeconds(random.nextInt(3600)), mix.get(q), q % 5 == 0 ? 0 : 3));
                }
            }
        }
        int outbreakSearches = 0;
        // The outbreak: Poisson arrivals at its rate, each in one of the spellings, none finding an article.
        double meanGapSeconds = 3600 / options.outbreakRate();
        for (Instant at = outbreak.plusSeconds((long) exponential(random, meanGapSeconds));
                at.isBefore(outbreakEnd);
                at = at.plusSeconds(Math.max(1, (long) exponential(random, meanGapSeconds)))) {
            events.add(search(at, OUTBREAK.get(random.nextInt(OUTBREAK.size())), 0));
            outbreakSearches++;
        }
        events.sort(Comparator.comparing(SearchEvent::at));
        Instant firstOutbreakSearch = events.stream()
                .filter(e -> OUTBREAK.contains(e.query()) && !e.at().isBefore(outbreak))
                .map(SearchEvent::at)
                .findFirst()
                .orElse(outbreak);

        var clock = new SimulatedClock(START);
        ArticleStore store = ArticleStores.inMemory();
        try (KnowledgeBase kb =
                KnowledgeBase.builder().store(store).clock(clock).build()) {
            AnalyticsStore analytics = (AnalyticsStore) store;
            for (int i = 0; i < events.size(); i += 500) {
                analytics.append(events.subList(i, Math.min(events.size(), i + 500)));
            }
            var announced = new ArrayList<EmergingIssue>();
            // Checked only when this simulation calls checkEmergingIssues: the scheduled check waits a real day.
            var settings = EmergingIssueSettings.defaults().withCheckInterval(Duration.ofDays(1));
            int checks = 0;
            Optional<Duration> delay = Optional.empty();
            int outbreakIssues = 0;
            var falseAlarms = new ArrayList<String>();
            Set<String> outbreakQueries = new HashSet<>();
            for (String q : OUTBREAK) {
                outbreakQueries.add(SearchEvent.normalize(q));
            }
            try (var subscription = kb.onEmergingIssue(settings, announced::add)) {
                Duration step = Duration.ofMinutes(options.checkMinutes());
                for (Instant now = checked.plus(step); !now.isAfter(end); now = now.plus(step)) {
                    clock.set(now);
                    for (EmergingIssue issue : kb.checkEmergingIssues()) {
                        boolean aboutOutbreak = outbreakQueries.contains(issue.label())
                                || issue.exampleQueries().stream().anyMatch(outbreakQueries::contains);
                        if (aboutOutbreak) {
                            outbreakIssues++;
                            if (delay.isEmpty()) {
                                delay = Optional.of(Duration.between(firstOutbreakSearch, now));
                                out.printf(
                                        Locale.ROOT,
                                        "emerging: at %s: %s '%s', %d in the last hour, %.2f expected, since %s,"
                                                + " examples %s%n",
                                        now,
                                        issue.kind(),
                                        issue.label(),
                                        issue.count(),
                                        issue.expected(),
                                        issue.since(),
                                        issue.exampleQueries());
                            }
                        } else {
                            falseAlarms.add(now + " " + issue.kind() + " '" + issue.label() + "'");
                        }
                    }
                    checks++;
                }
            }
            return new Result(
                    events.size(),
                    outbreakSearches,
                    checks,
                    delay,
                    outbreakIssues,
                    falseAlarms.size(),
                    List.copyOf(falseAlarms));
        }
    }

    /** The quiet mix: distinct queries of the file, in a seeded random order, or the built-in list. */
    private static List<String> mix(Options options, Random random) {
        if (options.queries().isEmpty()) {
            return BUILT_IN_MIX;
        }
        var texts = new LinkedHashSet<String>();
        var json = new ObjectMapper();
        try {
            for (String line : Files.readAllLines(options.queries().get())) {
                if (!line.isBlank()) {
                    JsonNode node = json.readTree(line);
                    String text = node.path("text").asText("").strip();
                    if (!text.isEmpty()) {
                        texts.add(text);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot read the queries " + options.queries().get(), e);
        }
        var list = new ArrayList<>(texts);
        Collections.shuffle(list, random);
        return List.copyOf(list.subList(0, Math.min(options.mix(), list.size())));
    }

    private static SearchEvent search(Instant at, String text, long hits) {
        return SearchEvent.search(at, SearchId.random(), text, Viewer.anonymous(), "", Locale.GERMAN, hits);
    }

    private static int poisson(Random random, double mean) {
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int n = 0;
        while (product > limit) {
            product *= random.nextDouble();
            n++;
        }
        return n;
    }

    private static double exponential(Random random, double mean) {
        return -mean * Math.log(1 - random.nextDouble());
    }

    /** A clock the simulation moves. */
    private static final class SimulatedClock extends Clock {
        private volatile Instant now;

        SimulatedClock(Instant now) {
            this.now = now;
        }

        void set(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
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
}
