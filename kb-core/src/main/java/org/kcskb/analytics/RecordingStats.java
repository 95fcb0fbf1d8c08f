package org.kcskb.analytics;

/**
 * Counters of the knowledge base's event recorder, to watch that analytics keep up.
 *
 * <p>Recording never blocks a search: an event is offered to a bounded queue, and dropped (and counted) when the
 * queue is full. One background thread writes the queue to the store in batches. While nobody records,
 * {@code offered == accepted + dropped} and {@code accepted == written + failed + pending}; while events are
 * being recorded the counters are read one after the other and may be a few events apart. Immutable and
 * thread-safe.
 *
 * @param offered events the knowledge base tried to record
 * @param accepted events that found room in the queue
 * @param dropped events thrown away because the queue was full (the store is slower than the traffic)
 * @param written events the store has stored
 * @param failed events lost because the store failed to store their batch (see the log)
 * @param pending events in the queue now, never more than {@code capacity}
 * @param capacity the size of the queue
 */
public record RecordingStats(
        long offered, long accepted, long dropped, long written, long failed, int pending, int capacity) {
    public RecordingStats {
        if (offered < 0 || accepted < 0 || dropped < 0 || written < 0 || failed < 0 || pending < 0 || capacity < 1) {
            throw new IllegalArgumentException("Recording counters cannot be negative");
        }
    }
}
