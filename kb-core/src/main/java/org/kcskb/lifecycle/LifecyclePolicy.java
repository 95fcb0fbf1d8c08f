package org.kcskb.lifecycle;

import java.util.Optional;

/**
 * Decides whether an actor may make a proposed write, by KCS licence and state machine.
 *
 * <p>A pure function without I/O, called before anything is written; implementations must be thread-safe.
 * Replace the {@linkplain #kcsDefault() default} through the knowledge base builder, or decorate it.
 */
@FunctionalInterface
public interface LifecyclePolicy {

    /** Returns a refusal naming the broken rule, or empty if the write is allowed. */
    Optional<Refusal> check(Proposal proposal);

    /** Returns the KCS default rules; see {@link KcsLifecyclePolicy}. */
    static LifecyclePolicy kcsDefault() {
        return KcsLifecyclePolicy.INSTANCE;
    }
}
