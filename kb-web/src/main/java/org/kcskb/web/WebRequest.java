package org.kcskb.web;

import java.net.InetAddress;
import java.util.Optional;

/**
 * The request a {@linkplain KbWeb.Builder#viewer viewer function} decides on: its headers, the client, and the
 * server's own request object for what else the host knows (its session, its authenticated user).
 *
 * <p>Valid only during the call; not thread-safe.
 */
public interface WebRequest {
    /** The first value of the header {@code name} (case-insensitive), if the request has it. */
    Optional<String> header(String name);

    /**
     * The client: the connection's peer, or behind {@linkplain KbWeb.Builder#trustedProxies trusted proxies} the
     * address they forward.
     */
    InetAddress client();

    /**
     * The server's request object as {@code type}, if it is one: {@code jakarta.servlet.http.HttpServletRequest}
     * in a servlet container, {@code org.eclipse.jetty.server.Request} under the Jetty handler.
     */
    <T> Optional<T> unwrap(Class<T> type);
}
