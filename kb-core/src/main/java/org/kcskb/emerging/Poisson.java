package org.kcskb.emerging;

/** The upper tails of the Poisson and binomial distributions, for telling a rise from chance. */
final class Poisson {
    private Poisson() {}

    /**
     * Returns P(X &ge; k) for X Poisson with mean {@code mean}: summed upwards from k in log space, so that tiny
     * tails (1e-30) stay exact instead of vanishing into 1 - P(X &lt; k).
     */
    static double upperTail(long k, double mean) {
        if (k <= 0) {
            return 1;
        }
        if (mean <= 0) {
            return 0;
        }
        if (k <= mean) {
            // The tail is large: 1 - P(X < k), summed over the (few) terms below k.
            double term = Math.exp(-mean);
            double below = 0;
            for (long i = 0; i < k; i++) {
                below += term;
                term *= mean / (i + 1);
            }
            return Math.min(1, Math.max(0, 1 - below));
        }
        double logTerm = -mean + k * Math.log(mean) - logFactorial(k);
        double term = Math.exp(logTerm);
        double sum = 0;
        for (long i = k; term > 0 && (term > sum * 1e-17); i++) {
            sum += term;
            term *= mean / (i + 1);
        }
        return Math.min(1, sum);
    }

    /**
     * Returns P(X &ge; k) for X binomial with {@code n} trials of probability {@code p}: the chance that at least k
     * of the window's n searches belong to a group whose share of searches is p. Summed upwards from k in log space;
     * at or below the mean, where the tail is at least about a half, it returns 1 (only small tails decide).
     */
    static double binomialUpperTail(long k, long n, double p) {
        if (k <= 0) {
            return 1;
        }
        if (k > n || p <= 0) {
            return 0;
        }
        if (p >= 1 || k <= n * p) {
            return 1;
        }
        double logTerm =
                logFactorial(n) - logFactorial(k) - logFactorial(n - k) + k * Math.log(p) + (n - k) * Math.log1p(-p);
        double term = Math.exp(logTerm);
        double odds = p / (1 - p);
        double sum = 0;
        for (long i = k; i <= n && term > 0 && term > sum * 1e-17; i++) {
            sum += term;
            term *= (n - i) / (i + 1.0) * odds;
        }
        return Math.min(1, sum);
    }

    /** ln(n!), exact below 30 and by Stirling's series above (error below 1e-10). */
    static double logFactorial(long n) {
        if (n < 30) {
            double f = 0;
            for (long i = 2; i <= n; i++) {
                f += Math.log(i);
            }
            return f;
        }
        double x = n;
        return x * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI * x) + 1 / (12 * x) - 1 / (360 * x * x * x);
    }
}
