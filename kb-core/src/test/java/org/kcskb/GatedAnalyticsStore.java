package org.kcskb;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.kcskb.analytics.SearchEvent;
import org.kcskb.store.spi.AnalyticsStore;
import org.kcskb.store.spi.ReportlessAnalyticsStore;

/**
 * A hand-written {@link AnalyticsStore} for recorder tests: it keeps what it is given, can hold every append at a
 * gate (a store that has stalled), and can fail every append (a store that is down). Reports are empty.
 */
final class GatedAnalyticsStore implements ReportlessAnalyticsStore {
    private final CountDownLatch gate;
    private final List<SearchEvent> stored = new ArrayList<>();
    private volatile boolean failing;
    private int appends;

    private GatedAnalyticsStore(boolean open) {
        this.gate = new CountDownLatch(open ? 0 : 1);
    }

    /** Returns a store that stores at once. */
    static GatedAnalyticsStore open() {
        return new GatedAnalyticsStore(true);
    }

    /** Returns a store whose appends wait until {@link #openGate()}. */
    static GatedAnalyticsStore closed() {
        return new GatedAnalyticsStore(false);
    }

    void openGate() {
        gate.countDown();
    }

    void failFromNowOn() {
        failing = true;
    }

    void recover() {
        failing = false;
    }

    synchronized List<SearchEvent> stored() {
        return List.copyOf(stored);
    }

    synchronized int appends() {
        return appends;
    }

    @Override
    public void append(List<SearchEvent> events) {
        try {
            // A safety net so that a broken test cannot hang the build; the tests open the gate themselves.
            gate.await(5, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            appends++;
            if (failing) {
                throw new StorageException("The analytics store is down (test)");
            }
            stored.addAll(events);
        }
    }
}
