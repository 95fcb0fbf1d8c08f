package org.kcskb.web;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Pseudonymous visitor keys: a keyed hash (HMAC-SHA256) of the client's address, so that the analytics can count
 * distinct visitors without ever holding an address.
 *
 * <p>The key is random per process and never leaves it: a key cannot be reversed to an address by trying all
 * four billion IPv4 addresses, and keys from different runs cannot be joined. Thread-safe.
 */
final class Visitors {
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;

    Visitors() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, ALGORITHM);
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** Returns the visitor key of a client bucket (an IPv4 address or an IPv6 /64): 32 hex digits. */
    String keyOf(String client) {
        byte[] digest = macs.get().doFinal(client.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 16);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JVM lacks " + ALGORITHM + ", which every Java SE runtime has", e);
        }
    }
}
