package org.kcskb.reliability;

import java.util.Objects;
import java.util.Optional;

/**
 * The size of the reliability campaign, read from the system property {@code kb.campaign}: {@code ci} (the
 * default, a short slice of every check that CI runs) or {@code long} ({@code ./mvnw verify -Pcampaign}), and the
 * settings every campaign test shares.
 */
final class Campaign {
    /** {@code ci} or {@code long}. */
    static final String PROFILE = System.getProperty("kb.campaign", "ci").strip();

    private Campaign() {}

    /** Whether the long profile runs. */
    static boolean isLong() {
        return PROFILE.equals("long");
    }

    /** Returns {@code ci} in the CI slice and {@code full} in the long profile. */
    static int size(int ci, int full) {
        return isLong() ? full : ci;
    }

    /**
     * The seed of a test's randomness: {@code -Dkb.seed=N} repeats a run, otherwise a fresh one. Tests print it with
     * every failure.
     */
    static long seed() {
        String fixed = System.getProperty("kb.seed", "").strip();
        return fixed.isEmpty()
                ? System.nanoTime() ^ Thread.currentThread().threadId() * 0x9E3779B97F4A7C15L
                : Long.parseLong(fixed);
    }

    /**
     * The PostgreSQL database of the campaign, from {@code KB_TEST_POSTGRES_URL} or {@code -Dkb.test.postgres.url}
     * (as the store tests read it), for example {@code jdbc:postgresql://localhost:5432/kbtest?user=kb&password=kb}.
     */
    static Optional<String> postgresUrl() {
        String url = System.getProperty(
                        "kb.test.postgres.url", Objects.requireNonNullElse(System.getenv("KB_TEST_POSTGRES_URL"), ""))
                .strip();
        return url.isEmpty() ? Optional.empty() : Optional.of(url);
    }

    /** Whether this runs on CI, where the PostgreSQL checks must not be skipped. */
    static boolean onCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }
}
