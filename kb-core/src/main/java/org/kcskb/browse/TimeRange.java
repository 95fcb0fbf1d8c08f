package org.kcskb.browse;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.kcskb.InvalidInputException;

/**
 * A half-open time range, {@code from} inclusive and {@code to} exclusive, either end open. Immutable.
 *
 * @param from the earliest instant in the range, or empty for no lower bound
 * @param to the first instant after the range, or empty for no upper bound
 */
public record TimeRange(Optional<Instant> from, Optional<Instant> to) {
    private static final TimeRange ANY = new TimeRange(Optional.empty(), Optional.empty());

    public TimeRange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
            throw new InvalidInputException(
                    "time range", from.get() + " to " + to.get(), "the start must be before the end; swap them");
        }
    }

    /** Returns the range without bounds, which every instant and also a missing one matches. */
    public static TimeRange any() {
        return ANY;
    }

    /** Returns {@code [from, to)}. */
    public static TimeRange between(Instant from, Instant to) {
        return new TimeRange(Optional.of(from), Optional.of(to));
    }

    /** Returns every instant before {@code to}. */
    public static TimeRange before(Instant to) {
        return new TimeRange(Optional.empty(), Optional.of(to));
    }

    /** Returns every instant at or after {@code from}. */
    public static TimeRange since(Instant from) {
        return new TimeRange(Optional.of(from), Optional.empty());
    }

    /** Returns whether the range has no bounds. */
    public boolean isAny() {
        return from.isEmpty() && to.isEmpty();
    }

    /** Returns whether {@code at} lies in the range. */
    public boolean contains(Instant at) {
        return from.map(f -> !at.isBefore(f)).orElse(true)
                && to.map(t -> at.isBefore(t)).orElse(true);
    }

    /** Returns whether {@code at} lies in the range: a missing instant only matches a range without bounds. */
    public boolean contains(Optional<Instant> at) {
        return at.map(this::contains).orElse(isAny());
    }
}
