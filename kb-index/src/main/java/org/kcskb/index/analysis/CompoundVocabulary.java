package org.kcskb.index.analysis;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;
import org.kcskb.KbException;

/**
 * The German words that compounds are split into, with their frequencies, learned from the knowledge base itself.
 * Thread-safe: any number of threads may learn and analyse at once.
 *
 * <p>Decompounding needs a word list, and the usual ones (igerman98, the OFFO hyphenation patterns) are LGPL or LPPL
 * and cannot ship in an Apache-2.0 jar. A knowledge base is its own best dictionary instead: the indexer
 * {@linkplain #learn(String) feeds} the text of every German article before indexing it, a host may add a
 * {@linkplain #addDictionary(Path) dictionary file} of its own, and {@link #create()} starts from a small seed list of
 * common support and IT words shipped with this library.
 *
 * <p>Words are stored in German normal form (lower case, umlauts and ß spelled out: "Drücker" is {@code druecker}). Only
 * words that can be compound parts are kept: letters only, at least four of them, no stopwords. The index
 * {@linkplain #unlearn(String) takes back} the words of an article that is deleted, revised or leaves the index, and
 * a rebuild {@linkplain #forgetLearned() forgets} everything learned and learns its articles afresh.
 *
 * <p>Analysis reads an immutable {@link Snapshot}. The analyzers of {@link KbAnalyzers} pick up what was learned
 * within about a second; {@link #snapshot()} makes everything learned so far visible at once (after a bulk load, in
 * tests). Building a snapshot copies the vocabulary, about 50 ms per 100,000 words; for the analyzers it happens at
 * most once a second and never takes more than 5% of the time. A word learned after a document was indexed does not re-split that document: the original token is always
 * indexed too, so exact matches never depend on the vocabulary, and reindexing brings old documents up to date.
 *
 * <p>Counts are not persisted by the library: hosts that restart without re-reading every article should
 * {@link #writeTo(Path)} the vocabulary and {@link #addDictionary(Path)} it back on start.
 */
public final class CompoundVocabulary {
    /** Frequency of a seed or dictionary word given without one. */
    static final long DEFAULT_FREQUENCY = 10;

    /**
     * In kb-language: the seed list is data of the language, shared by every search engine. Read through the class
     * loader, which finds it in kb-language's open package on the module path too.
     */
    static final String SEED_RESOURCE = "org/kcskb/language/seed/compound-seed-de.txt";

    /** Entries of each snapshot's split cache; enough for the long words of a large knowledge base. */
    static final int SPLIT_CACHE_SIZE = 20_000;

    /** The analyzers' snapshot is at most this stale, unless building takes long (see {@link #current()}). */
    private static final long REFRESH_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Building a snapshot may take at most 1/20 of the time between two builds for the analyzers. */
    private static final int REFRESH_COST_FACTOR = 20;

    private static final String ALPHANUM = StandardTokenizer.TOKEN_TYPES[StandardTokenizer.ALPHANUM];

    private final ConcurrentHashMap<String, AtomicLong> counts = new ConcurrentHashMap<>();
    /** The part of {@link #counts} that {@link #learn} added, which {@link #forgetLearned} takes back. */
    private final ConcurrentHashMap<String, AtomicLong> learned = new ConcurrentHashMap<>();
    /** Bumped by every change; a snapshot remembers the value it was built at. */
    private final AtomicLong changes = new AtomicLong();

    private final ReentrantLock building = new ReentrantLock();
    private volatile Snapshot published;

    private CompoundVocabulary() {
        published = build();
    }

    /** Returns a vocabulary that starts from the seed list of common German support and IT words. */
    public static CompoundVocabulary create() {
        CompoundVocabulary vocabulary = empty();
        try (InputStream in = CompoundVocabulary.class.getClassLoader().getResourceAsStream(SEED_RESOURCE)) {
            if (in == null) {
                throw new KbException("The compound seed list " + SEED_RESOURCE + " is missing from the class path; add"
                        + " kb-language, of the same version as kb-index");
            }
            vocabulary.addLines(new InputStreamReader(in, StandardCharsets.UTF_8), SEED_RESOURCE);
        } catch (IOException e) {
            throw new KbException("Cannot read the compound seed list " + SEED_RESOURCE + ": " + e.getMessage(), e);
        }
        vocabulary.snapshot();
        return vocabulary;
    }

    /** Returns a vocabulary without the seed list, for hosts that bring a complete dictionary of their own. */
    public static CompoundVocabulary empty() {
        return new CompoundVocabulary();
    }

    /**
     * Counts the words of a German text, such as an article about to be indexed. Feed German text only: English
     * words would become German compound parts. Costs about as much as analysing the text once.
     */
    public void learn(String germanText) {
        Map<String, long[]> local = words(germanText);
        local.forEach((word, count) -> {
            increment(word, count[0]);
            // compute, not computeIfAbsent and add: an unlearn may remove the entry in between.
            learned.compute(word, (w, learnedCount) -> add(learnedCount, count[0]));
        });
        if (!local.isEmpty()) {
            changes.incrementAndGet();
        }
    }

    /**
     * Takes back what {@link #learn} counted for a text, such as an article that was deleted, revised or no longer
     * belongs to the index: its words stop splitting other words once no other learned text has them. Never takes
     * back more than was learned (the seed list and added words stay), so a text that was never learned does no harm.
     */
    public void unlearn(String germanText) {
        Map<String, long[]> local = words(germanText);
        boolean changed = false;
        for (var entry : local.entrySet()) {
            long[] taken = new long[1];
            learned.computeIfPresent(entry.getKey(), (word, count) -> {
                taken[0] = Math.min(count.get(), entry.getValue()[0]);
                return count.addAndGet(-taken[0]) <= 0 ? null : count;
            });
            if (taken[0] > 0) {
                counts.computeIfPresent(
                        entry.getKey(), (word, count) -> count.addAndGet(-taken[0]) <= 0 ? null : count);
                changed = true;
            }
        }
        if (changed) {
            changes.incrementAndGet();
        }
    }

    private static Map<String, long[]> words(String germanText) {
        Objects.requireNonNull(germanText, "germanText");
        Map<String, long[]> local = new HashMap<>();
        try (TokenStream stream = GermanText.WORDS.tokenStream("", germanText)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            TypeAttribute type = stream.addAttribute(TypeAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                if (ALPHANUM.equals(type.type()) && isPart(term.buffer(), term.length())) {
                    local.computeIfAbsent(term.toString(), w -> new long[1])[0]++;
                }
            }
            stream.end();
        } catch (IOException e) {
            throw new KbException("Cannot tokenise text to learn compound parts: " + e.getMessage(), e);
        }
        return local;
    }

    /**
     * Adds occurrences of one word, given in any case and spelling ("Drücker", "Druecker"). Words that cannot be
     * compound parts (fewer than four letters, digits, stopwords) are ignored.
     *
     * @throws IllegalArgumentException if {@code occurrences} is not positive
     */
    public void add(String word, long occurrences) {
        Objects.requireNonNull(word, "word");
        if (occurrences <= 0) {
            throw new IllegalArgumentException(
                    "Occurrences of '" + word + "' must be positive, but was " + occurrences);
        }
        String normal = GermanText.normalize(word.strip());
        if (isPart(normal.toCharArray(), normal.length())) {
            increment(normal, occurrences);
            changes.incrementAndGet();
        }
    }

    /**
     * Adds the words of a UTF-8 dictionary file: one word per line, optionally followed by a tab and its frequency
     * (default {@value #DEFAULT_FREQUENCY}); blank lines and lines starting with {@code #} are skipped. The format is
     * the one {@link #writeTo(Path)} writes. Nothing is added if a line is malformed.
     *
     * @throws IllegalArgumentException if a line is malformed; the message names file and line
     * @throws KbException if the file cannot be read
     */
    public void addDictionary(Path file) {
        Objects.requireNonNull(file, "file");
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            addLines(reader, file.toString());
        } catch (IOException e) {
            throw new KbException("Cannot read the compound dictionary " + file + ": " + e, e);
        }
    }

    /**
     * Writes every word with its frequency to a UTF-8 file in the format {@link #addDictionary(Path)} reads, sorted by
     * word. The file is replaced atomically where the file system allows.
     *
     * @throws KbException if the file cannot be written
     */
    public void writeTo(Path file) {
        Objects.requireNonNull(file, "file");
        Map<String, Long> sorted = new TreeMap<>();
        counts.forEach((word, count) -> sorted.put(word, count.get()));
        Path absolute = file.toAbsolutePath();
        try {
            Path temporary = Files.createTempFile(
                    absolute.getParent(), absolute.getFileName().toString(), ".tmp");
            try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                writer.write("# Compound vocabulary: word<TAB>frequency, German normal form\n");
                for (Map.Entry<String, Long> entry : sorted.entrySet()) {
                    writer.write(entry.getKey());
                    writer.write('\t');
                    writer.write(Long.toString(entry.getValue()));
                    writer.write('\n');
                }
            }
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new KbException("Cannot write the compound vocabulary to " + file + ": " + e, e);
        }
    }

    /**
     * Returns a snapshot with everything learned so far. Cheap when nothing changed since the last one; otherwise it
     * copies the vocabulary (about 50 ms per 100,000 words) and the analyzers switch to it.
     */
    public Snapshot snapshot() {
        Snapshot current = published;
        if (current.version == changes.get()) {
            return current;
        }
        building.lock();
        try {
            if (published.version != changes.get()) {
                published = build();
            }
            return published;
        } finally {
            building.unlock();
        }
    }

    /**
     * Returns the snapshot for analysis: the published one, rebuilt when it is stale and a second old, or twenty times
     * as old as it took to build, so that rebuilding never takes more than 5% of the time of a thread that keeps
     * learning. The one thread that rebuilds pays for it; the others keep using the previous snapshot meanwhile.
     */
    Snapshot current() {
        Snapshot current = published;
        if (current.version != changes.get()
                && System.nanoTime() - current.builtAt
                        >= Math.max(REFRESH_NANOS, REFRESH_COST_FACTOR * current.buildNanos)
                && building.tryLock()) {
            try {
                if (published == current) {
                    published = build();
                }
                return published;
            } finally {
                building.unlock();
            }
        }
        return current;
    }

    private Snapshot build() {
        long started = System.nanoTime();
        // Read the version first: a change racing with the copy marks the result stale rather than being lost.
        long version = changes.get();
        Map<String, Long> copy = new HashMap<>(Math.max(16, counts.size() * 4 / 3 + 1));
        counts.forEach((word, count) -> copy.put(word, count.get()));
        FrequencyTable table = FrequencyTable.of(copy);
        long finished = System.nanoTime();
        return new Snapshot(table, version, finished, finished - started);
    }

    /**
     * Forgets what {@link #learn} counted, keeping the seed list and added words: before an index is rebuilt from
     * its articles, so that the words of articles it no longer holds (deleted, or no longer admitted to it) stop
     * changing how its text and queries are split. Text learned while this runs may be forgotten with the rest; the
     * rebuild that follows learns every article again.
     */
    public void forgetLearned() {
        for (var entry : learned.entrySet()) {
            long occurrences = entry.getValue().getAndSet(0);
            if (occurrences > 0) {
                counts.computeIfPresent(
                        entry.getKey(), (word, count) -> count.addAndGet(-occurrences) <= 0 ? null : count);
            }
        }
        learned.values().removeIf(count -> count.get() == 0);
        changes.incrementAndGet();
    }

    private void increment(String word, long occurrences) {
        counts.compute(word, (w, count) -> add(count, occurrences));
    }

    private static AtomicLong add(AtomicLong count, long occurrences) {
        AtomicLong result = count == null ? new AtomicLong() : count;
        result.addAndGet(occurrences);
        return result;
    }

    private static boolean isPart(char[] word, int length) {
        return length >= Decompounder.MIN_PART
                && length <= Decompounder.MAX_WORD
                && GermanText.isPlainWord(word, 0, length)
                && !GermanText.STOP_WORDS.contains(word, 0, length);
    }

    /** Parses dictionary lines into a local map first, so that a malformed line adds nothing. */
    private void addLines(Reader reader, String source) throws IOException {
        Map<String, Long> parsed = new HashMap<>();
        BufferedReader lines = reader instanceof BufferedReader buffered ? buffered : new BufferedReader(reader);
        int number = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            number++;
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            int tab = text.indexOf('\t');
            String word = tab < 0 ? text : text.substring(0, tab).strip();
            long frequency = tab < 0
                    ? DEFAULT_FREQUENCY
                    : parseFrequency(text.substring(tab + 1).strip(), source, number);
            if (word.isEmpty() || word.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("Line " + number + " of " + source + " has '" + text
                        + "': expected one word per line, optionally followed by a tab and a positive frequency");
            }
            String normal = GermanText.normalize(word);
            if (isPart(normal.toCharArray(), normal.length())) {
                parsed.merge(normal, frequency, Long::sum);
            }
        }
        parsed.forEach(this::increment);
        if (!parsed.isEmpty()) {
            changes.incrementAndGet();
        }
    }

    private static long parseFrequency(String text, String source, int line) {
        try {
            long frequency = Long.parseLong(text);
            if (frequency > 0) {
                return frequency;
            }
        } catch (NumberFormatException e) {
            // Reported below with the expected format.
        }
        throw new IllegalArgumentException("Line " + line + " of " + source + " has frequency '" + text
                + "': expected a positive integer after the tab");
    }

    /**
     * An immutable view of a {@link CompoundVocabulary} at one moment, with the splits computed from it cached.
     * Thread-safe.
     */
    public static final class Snapshot {
        private final FrequencyTable table;
        private final Cache<String, int[]> splits;
        private final long version;
        private final long builtAt;
        private final long buildNanos;

        private Snapshot(FrequencyTable table, long version, long builtAt, long buildNanos) {
            this.table = table;
            this.version = version;
            this.builtAt = builtAt;
            this.buildNanos = buildNanos;
            this.splits = Caffeine.newBuilder().maximumSize(SPLIT_CACHE_SIZE).build();
        }

        /** Returns how often a word (any case or spelling) was seen, 0 when unknown. */
        public long frequency(String word) {
            char[] normal =
                    GermanText.normalize(Objects.requireNonNull(word, "word")).toCharArray();
            return table.frequency(normal, 0, normal.length);
        }

        /** Returns the number of distinct words. */
        public int size() {
            return table.size();
        }

        /**
         * Returns the parts the analyzers add for a word, in normal form and reading order (sub-parts after the part
         * they split), or an empty list when the word stays whole; for diagnosing and tuning a dictionary.
         */
        public List<String> split(String word) {
            char[] normal =
                    GermanText.normalize(Objects.requireNonNull(word, "word")).toCharArray();
            Decompounder decompounder = new Decompounder();
            decompounder.use(this);
            int[] ranges = decompounder.split(normal, normal.length);
            List<String> parts = new ArrayList<>(ranges.length / 2);
            for (int i = 0; i < ranges.length; i += 2) {
                parts.add(new String(normal, ranges[i], ranges[i + 1] - ranges[i]));
            }
            return List.copyOf(parts);
        }

        FrequencyTable table() {
            return table;
        }

        Cache<String, int[]> splits() {
            return splits;
        }
    }
}
