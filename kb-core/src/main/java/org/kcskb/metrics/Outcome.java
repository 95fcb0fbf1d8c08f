package org.kcskb.metrics;

/** How an observed call ended, for a metric's {@code outcome} tag. */
public enum Outcome {
    /** The call returned normally. */
    SUCCESS,
    /**
     * The caller's input was refused ({@link org.kcskb.InvalidInputException}, {@link IllegalArgumentException}, a
     * lifecycle or content-standard refusal, a stale revision): a client error, not the knowledge base's fault.
     */
    REFUSED,
    /** Anything else failed: the store, the index, a bug. */
    FAILURE;

    /** Classifies what a call threw: {@link #REFUSED} for the caller's mistakes, otherwise {@link #FAILURE}. */
    public static Outcome of(Throwable thrown) {
        return thrown instanceof IllegalArgumentException
                        || thrown instanceof org.kcskb.InvalidInputException
                        || thrown instanceof org.kcskb.ActionRefusedException
                        || thrown instanceof org.kcskb.ContentStandardException
                        || thrown instanceof org.kcskb.RevisionConflictException
                        || thrown instanceof org.kcskb.NotFoundException
                ? REFUSED
                : FAILURE;
    }
}
