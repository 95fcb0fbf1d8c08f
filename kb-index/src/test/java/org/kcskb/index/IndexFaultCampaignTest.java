package org.kcskb.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.tests.store.MockDirectoryWrapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.kcskb.KnowledgeBase;
import org.kcskb.StorageException;
import org.kcskb.actor.Viewer;
import org.kcskb.article.Article;
import org.kcskb.search.SearchRequest;
import org.kcskb.store.ArticleStores;
import org.kcskb.store.spi.ArticleStore;

/**
 * The index part of the reliability campaign: the index's disk fills up, turns read-only, or reads as corrupt
 * while articles are written. Writes to the store stay acknowledged, search keeps serving what it had, each
 * episode is logged once (not once per poll), and once the fault is gone the index catches up (or is rebuilt)
 * and every acknowledged write is searchable.
 *
 * <p>{@code -Dkb.campaign=long} runs 25 episodes of each fault; the CI slice runs one.
 */
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class IndexFaultCampaignTest {
    private static final boolean LONG = System.getProperty("kb.campaign", "ci").equals("long");
    private static final int EPISODES = LONG ? 25 : 1;
    private static final int WRITES_PER_PHASE = LONG ? 8 : 4;
    private static final Duration CATCH_UP = Duration.ofSeconds(60);

    /** What goes wrong with the index's files. */
    enum Fault {
        DISK_FULL,
        READ_ONLY,
        CORRUPT
    }

    private final long seed = Long.getLong("kb.seed", System.nanoTime());
    private ArticleStore store;
    /** The directories of every partition (the main index and the public one): each fault hits all of them. */
    private final List<FaultyDirectory> faulty = new ArrayList<>();

    private final List<MockDirectoryWrapper> disks = new ArrayList<>();
    private KnowledgeBase kb;
    private LogRecords logs;

    @BeforeEach
    void open() {
        store = ArticleStores.inMemory();
        logs = LogRecords.capture();
        kb = KnowledgeBase.builder()
                .store(store)
                .searchEngine(new FaultyEngines(path -> {
                    var files = new FaultyDirectory(new ByteBuffersDirectory());
                    var disk = new MockDirectoryWrapper(new Random(seed), files);
                    faulty.add(files);
                    disks.add(disk);
                    // Only the faults the test injects: no random slowness, and no checks meant for Lucene's own
                    // tests (open files on delete, a full CheckIndex on close).
                    disk.setThrottling(MockDirectoryWrapper.Throttling.NEVER);
                    disk.setUseSlowOpenClosers(false);
                    disk.setAssertNoDeleteOpenFile(false);
                    disk.setCheckIndexOnClose(false);
                    disk.setAssertNoUnrefencedFilesOnClose(false);
                    disk.setAllowRandomFileNotFoundException(false);
                    disk.setRandomIOExceptionRate(0);
                    disk.setRandomIOExceptionRateOnOpen(0);
                    disk.setTrackDiskUsage(true);
                    return disk;
                }))
                .refreshInterval(Duration.ofMillis(100))
                .build();
    }

    @AfterEach
    void close() {
        try {
            kb.close();
        } finally {
            logs.close();
            store.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void indexFault_writesStayAcknowledged_searchServesWhatItHad_andEverythingIsSearchableAfterwards(Fault fault)
            throws Exception {
        List<Article> acknowledged = new ArrayList<>();
        for (int episode = 0; episode < EPISODES; episode++) {
            String context = fault + " episode " + episode + " (seed " + seed + ")";
            write(acknowledged, WRITES_PER_PHASE);
            assertThat(kb.awaitSearchable(CATCH_UP)).as(context).isTrue();
            List<Article> searchableBefore = List.copyOf(acknowledged);
            logs.clear();

            inject(fault);
            // The store takes writes while the index cannot: each of them is acknowledged.
            write(acknowledged, WRITES_PER_PHASE);
            awaitWarning(context);
            // Several more polls fail meanwhile (the follower retries with a back-off).
            Thread.sleep(1_500);
            write(acknowledged, 1);
            Thread.sleep(500);
            // Once per partition at most (a partition that holds none of the articles may not notice the fault).
            assertThat(logs.warnings()).as("warnings of %s", context).hasSizeBetween(1, disks.size());
            int warned = logs.warnings().size();
            assertFound(searchableBefore, context + ", during the fault");
            assertThat(total()).as("articles found during %s", context).isEqualTo(searchableBefore.size());

            clear(fault);
            awaitCaughtUp(context);
            assertFound(acknowledged, context + ", after the fault");
            // The same search as during the fault: not answered from the result cache of the index as it was.
            assertThat(total()).as("articles found after %s", context).isEqualTo(acknowledged.size());
            assertThat(logs.warnings()).as("warnings of %s", context).hasSizeBetween(warned, disks.size());
        }
    }

    private void write(List<Article> acknowledged, int count) {
        for (int i = 0; i < count; i++) {
            acknowledged.add(IndexDurabilityTest.capture(kb, acknowledged.size()));
        }
    }

    private void inject(Fault fault) throws Exception {
        switch (fault) {
            // Full at the size it has now: the next file written fails.
            case DISK_FULL -> {
                for (MockDirectoryWrapper disk : disks) {
                    disk.setMaxSizeInBytes(Math.max(1, disk.sizeInBytes()));
                }
            }
            case READ_ONLY -> faulty.forEach(files -> files.readOnly = true);
            case CORRUPT -> faulty.forEach(files -> files.corrupt = true);
        }
    }

    private void clear(Fault fault) {
        switch (fault) {
            case DISK_FULL -> disks.forEach(disk -> disk.setMaxSizeInBytes(0));
            case READ_ONLY -> faulty.forEach(files -> files.readOnly = false);
            case CORRUPT -> faulty.forEach(files -> files.corrupt = false);
        }
    }

    private void awaitWarning(String context) throws InterruptedException {
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        while (logs.warnings().isEmpty()) {
            assertThat(System.nanoTime() - deadline)
                    .as("a warning of %s", context)
                    .isNegative();
            Thread.sleep(20);
        }
    }

    /** Waits until the index has caught up with the store; during the fault's episode waiting may fail. */
    private void awaitCaughtUp(String context) throws InterruptedException {
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        while (true) {
            try {
                if (kb.awaitSearchable(Duration.ofSeconds(1))) {
                    return;
                }
            } catch (StorageException e) {
                // The episode's failure, until the follower's next attempt succeeds.
                Thread.sleep(50);
            }
            assertThat(System.nanoTime() - deadline)
                    .as("caught up after %s", context)
                    .isNegative();
        }
    }

    /** How many articles a word they all share finds. */
    private long total() {
        var request = SearchRequest.builder("spooler", Viewer.agent(IndexDurabilityTest.AUTHOR))
                .language(Locale.ENGLISH)
                .build();
        return kb.search(request).totalHits();
    }

    private void assertFound(List<Article> articles, String context) {
        for (int i = 0; i < articles.size(); i++) {
            assertThat(IndexDurabilityTest.found(kb, IndexDurabilityTest.marker(i)))
                    .as("acknowledged article %s, %s", i, context)
                    .containsExactly(articles.get(i).id().value());
        }
    }
}
