package org.kcskb.web;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Who a request comes from: the connection's peer, or, when the peer is a configured trusted proxy, the right-most
 * address in {@code X-Forwarded-For} (or {@code Forwarded}) that is not itself a trusted proxy.
 *
 * <p>Only hops written by trusted proxies are believed: a visitor can put anything into the header, but a proxy
 * appends the address it saw, so walking from the right and stopping at the first untrusted hop finds the real
 * client, whatever a visitor prepended. Rate limits are kept per {@linkplain #bucket(InetAddress) bucket}: an IPv4
 * address, or the /64 network of an IPv6 address (one subscriber gets a whole /64, so counting its 2^64 addresses
 * one by one would let it dodge any limit). Immutable and thread-safe.
 */
final class ClientAddresses {
    /** Which header a trusted proxy writes the client's address into. */
    enum Header {
        /** {@code X-Forwarded-For: client, proxy1} (nginx's {@code $proxy_add_x_forwarded_for}, most proxies). */
        X_FORWARDED_FOR,
        /** RFC 7239 {@code Forwarded: for=client;proto=https, for=proxy1}. */
        FORWARDED
    }

    /** The most hops read from a header, so that a forged header of thousands of entries costs nothing. */
    private static final int MAX_HOPS = 20;

    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private final List<Network> trusted;
    private final Header header;

    ClientAddresses(List<String> trustedProxies, Header header) {
        this.trusted = trustedProxies.stream().map(Network::parse).toList();
        this.header = Objects.requireNonNull(header, "header");
    }

    /** Checks a trusted-proxy entry ({@code 10.0.0.5}, {@code 10.0.0.0/8}, {@code fd00::/8}); throws if invalid. */
    static void validate(String entry) {
        Network.parse(entry);
    }

    boolean isTrustedProxy(InetAddress address) {
        for (Network network : trusted) {
            if (network.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns the client's address.
     *
     * @param peer the connection's remote address
     * @param headerValues every value of the configured forwarding header, in the order received
     */
    InetAddress client(InetAddress peer, List<String> headerValues) {
        if (!isTrustedProxy(peer) || headerValues.isEmpty()) {
            return peer;
        }
        List<String> hops = hops(headerValues);
        InetAddress current = peer;
        for (int i = hops.size() - 1; i >= 0 && isTrustedProxy(current); i--) {
            InetAddress hop = parse(hops.get(i));
            if (hop == null) {
                // "unknown", an obfuscated name or garbage written by a trusted proxy: no client address to take,
                // so the request counts against the last proxy that spoke for it.
                return current;
            }
            current = hop;
        }
        return current;
    }

    /** Returns the rate-limit bucket of an address: the IPv4 address, or the IPv6 /64 network. */
    static String bucket(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            byte[] bytes = v6.getAddress();
            var key = new StringBuilder("v6:");
            for (int i = 0; i < 8; i++) {
                key.append(String.format(Locale.ROOT, "%02x", bytes[i] & 0xff));
            }
            return key.append("::/64").toString();
        }
        return address.getHostAddress();
    }

    private List<String> hops(List<String> values) {
        var hops = new ArrayList<String>();
        for (String value : values) {
            for (String element : value.split(",", MAX_HOPS + 1)) {
                hops.add(header == Header.FORWARDED ? forwardedFor(element) : element.strip());
            }
        }
        // Only the right end matters: it is what the trusted proxies wrote.
        return hops.size() > MAX_HOPS ? hops.subList(hops.size() - MAX_HOPS, hops.size()) : hops;
    }

    /** The {@code for=} parameter of one {@code Forwarded} element, without quotes, brackets and port. */
    private static String forwardedFor(String element) {
        for (String pair : element.split(";")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).strip().equalsIgnoreCase("for")) {
                String value = pair.substring(equals + 1).strip();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                if (value.startsWith("[")) {
                    int close = value.indexOf(']');
                    return close > 0 ? value.substring(1, close) : "";
                }
                int colon = value.indexOf(':');
                // A single colon is host:port (IPv4); IPv6 must be in brackets in Forwarded.
                return colon > 0 && value.indexOf(':', colon + 1) < 0 ? value.substring(0, colon) : value;
            }
        }
        return "";
    }

    /** Parses an address literal only (never a host name: that would be a DNS lookup per request). */
    private static InetAddress parse(String literal) {
        String value =
                literal.startsWith("[") && literal.endsWith("]") ? literal.substring(1, literal.length() - 1) : literal;
        if (!LITERAL.matcher(value).matches() || (value.indexOf(':') < 0 && !isDottedQuad(value))) {
            return null;
        }
        try {
            return InetAddress.getByName(value);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static boolean isDottedQuad(String value) {
        String[] parts = value.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
                return false;
            }
        }
        return true;
    }

    /** An address or a network in CIDR notation. */
    private record Network(byte[] prefix, int bits) {
        static Network parse(String entry) {
            Objects.requireNonNull(entry, "trusted proxy");
            String text = entry.strip();
            int slash = text.indexOf('/');
            InetAddress address = ClientAddresses.parse(slash < 0 ? text : text.substring(0, slash));
            if (address == null) {
                throw new IllegalArgumentException("A trusted proxy must be an IP address or network such as"
                        + " 10.0.0.5, 10.0.0.0/8 or fd00::/8 (no host names), was '" + entry + "'");
            }
            int max = address instanceof Inet4Address ? 32 : 128;
            int bits = max;
            if (slash >= 0) {
                try {
                    bits = Integer.parseInt(text.substring(slash + 1));
                } catch (NumberFormatException e) {
                    bits = -1;
                }
                if (bits < 0 || bits > max) {
                    throw new IllegalArgumentException(
                            "The prefix length of trusted proxy '" + entry + "' must be from 0 to " + max);
                }
            }
            return new Network(address.getAddress(), bits);
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != prefix.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (bytes[i] != prefix[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (bytes[full] & mask) == (prefix[full] & mask);
        }
    }
}
