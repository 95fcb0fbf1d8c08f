package org.kcskb;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.kcskb.actor.Viewer;
import org.kcskb.analytics.RecordingStats;
import org.kcskb.analytics.SearchEvent;
import org.kcskb.analytics.SearchId;
import org.kcskb.analytics.SearchOrigin;
import org.kcskb.article.ArticleId;

class SearchEventRecorderTest {
    private static final int CAPACITY = 100;

    private static SearchEvent click(int i) {
        return SearchEvent.click(
                Instant.EPOCH.plusSeconds(i),
                Viewer.anonymous(),
                ArticleId.of("KB-" + i),
                SearchOrigin.of(SearchId.of("s-" + i), 1));
    }

    @Test
    void stalledStore_fullQueueDropsAndCounts_memoryStaysWithinCapacityPlusOneBatch() {
        var store = GatedAnalyticsStore.closed();
        var recorder = new SearchEventRecorder(store, CAPACITY, UnaryOperator.identity(), events -> {});
        recorder.start();
        try {
            int offered = 10_000;
            for (int i = 0; i < offered; i++) {
                recorder.record(click(i));
                if (i % 100 == 0) {
                    assertThat(recorder.stats().pending()).isLessThanOrEqualTo(CAPACITY);
                }
            }
            RecordingStats stalled = recorder.stats();
            assertThat(stalled.offered()).isEqualTo(offered);
            assertThat(stalled.accepted() + stalled.dropped()).isEqualTo(offered);
            // The queue, plus at most the one batch the writer took before the store stalled.
            assertThat(stalled.accepted()).isBetween((long) CAPACITY, (long) CAPACITY + SearchEventRecorder.BATCH_SIZE);
            assertThat(stalled.written()).isZero();

            store.openGate();
            recorder.flush();

            RecordingStats drained = recorder.stats();
            assertThat(drained.written()).isEqualTo(stalled.accepted());
            assertThat(drained.pending()).isZero();
            assertThat(drained.failed()).isZero();
            assertThat(store.stored()).hasSize((int) stalled.accepted());
        } finally {
            store.openGate();
            recorder.close();
        }
    }

    @Test
    void flush_writesEverythingRecordedBefore_inBatchesOfAtMostBatchSize() {
        var store = GatedAnalyticsStore.open();
        try (var recorder = new SearchEventRecorder(store, 2_000, UnaryOperator.identity(), events -> {})) {
            recorder.start();
            for (int i = 0; i < 1_200; i++) {
                recorder.record(click(i));
            }
            recorder.flush();

            assertThat(store.stored()).hasSize(1_200);
            assertThat(store.appends()).isGreaterThanOrEqualTo(1_200 / SearchEventRecorder.BATCH_SIZE + 1);
            assertThat(recorder.stats()).isEqualTo(new RecordingStats(1_200, 1_200, 0, 1_200, 0, 0, 2_000));
        }
    }

    @Test
    void failingStore_losesOnlyTheFailedBatches_andRecordingGoesOn() {
        var store = GatedAnalyticsStore.open();
        try (var recorder = new SearchEventRecorder(store, CAPACITY, UnaryOperator.identity(), events -> {})) {
            recorder.start();
            store.failFromNowOn();
            for (int i = 0; i < 10; i++) {
                recorder.record(click(i));
            }
            recorder.flush();
            assertThat(recorder.stats().failed()).isEqualTo(10);

            store.recover();
            recorder.record(click(99));
            recorder.flush();
            RecordingStats stats = recorder.stats();
            assertThat(stats.written()).isEqualTo(1);
            assertThat(stats.failed()).isEqualTo(10);
            assertThat(store.stored()).extracting(SearchEvent::searchId).containsExactly(SearchId.of("s-99"));
        }
    }

    @Test
    void close_writesWhatIsQueued_andDropsWhatComesAfter() {
        var store = GatedAnalyticsStore.open();
        var recorder = new SearchEventRecorder(store, CAPACITY, UnaryOperator.identity(), events -> {});
        recorder.start();
        for (int i = 0; i < 42; i++) {
            recorder.record(click(i));
        }
        recorder.close();
        recorder.close();
        recorder.record(click(43));

        assertThat(store.stored()).hasSize(42);
        assertThat(recorder.stats()).isEqualTo(new RecordingStats(43, 42, 1, 42, 0, 0, CAPACITY));
    }

    @Test
    void completion_runsOnTheWriterBeforeStoring() {
        var store = GatedAnalyticsStore.open();
        try (var recorder =
                new SearchEventRecorder(store, CAPACITY, e -> e.withLanguage(java.util.Locale.GERMAN), events -> {})) {
            recorder.start();
            recorder.record(click(1));
            recorder.flush();
            assertThat(store.stored()).singleElement().satisfies(e -> assertThat(e.language())
                    .isEqualTo(java.util.Locale.GERMAN));
        }
    }
}
