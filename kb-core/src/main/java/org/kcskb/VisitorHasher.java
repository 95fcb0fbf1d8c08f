package org.kcskb;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.kcskb.actor.Viewer;
import org.kcskb.search.SearchRequest;

/**
 * Turns a search's visitor key into what analytics store: an HMAC-SHA256 of the viewer kind and the key under a
 * secret key, cut to 128 bits (32 hex digits). Without the secret, a stored hash tells nothing about the key; the
 * same visitor always gets the same hash, so distinct visitors can be counted. Thread-safe (a {@link Mac} is
 * cloned per call; cloning an initialised one costs less than initialising).
 */
final class VisitorHasher {
    private static final String ALGORITHM = "HmacSHA256";

    private final Mac prototype;

    VisitorHasher(byte[] key) {
        if (key.length < 16) {
            throw new IllegalArgumentException("The visitor hash key needs at least 16 bytes, was " + key.length);
        }
        try {
            prototype = Mac.getInstance(ALGORITHM);
            prototype.init(new SecretKeySpec(key, ALGORITHM));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JVM lacks " + ALGORITHM + ", which every Java SE platform has", e);
        }
    }

    /**
     * Returns the hash of the request's visitor: its visitor key, or for partners and agents without one their
     * viewer id; empty for an anonymous public search without a key, which then never counts as a visitor.
     */
    String hash(SearchRequest request) {
        Viewer viewer = request.viewer();
        Optional<String> key = request.visitor().or(() -> switch (viewer) {
            case Viewer.Public p -> Optional.empty();
            case Viewer.Partner p -> Optional.of(p.id());
            case Viewer.Agent a -> Optional.of(a.id());
        });
        if (key.isEmpty()) {
            return "";
        }
        Mac mac;
        try {
            mac = (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(ALGORITHM + " of this JVM cannot be cloned", e);
        }
        // The kind keeps the namespaces apart: partner "x" and agent "x" are different people.
        byte[] digest = mac.doFinal((viewer.audience().name() + '\u0000' + key.get()).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 16);
    }
}
