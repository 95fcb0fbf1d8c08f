package org.kcskb.health;

/**
 * A count in a report's window beside the same count in the window before it, of the same length.
 *
 * @param current the count in the report's window
 * @param previous the count in the window before it
 */
public record Trend(long current, long previous) {
    private static final Trend NONE = new Trend(0, 0);

    public Trend {
        if (current < 0 || previous < 0) {
            throw new IllegalArgumentException("Counts cannot be negative: " + current + ", " + previous);
        }
    }

    /** Returns the trend of something that happened in neither window. */
    public static Trend none() {
        return NONE;
    }

    /** Returns {@code current - previous}: positive when it grew. */
    public long change() {
        return current - previous;
    }

    /** Returns this trend plus {@code other}, count by count. */
    public Trend plus(Trend other) {
        return new Trend(current + other.current, previous + other.previous);
    }
}
