package org.kcskb.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressesTest {
    private static final ClientAddresses BEHIND_PROXY =
            new ClientAddresses(List.of("10.0.0.0/8", "192.0.2.7"), ClientAddresses.Header.X_FORWARDED_FOR);
    private static final ClientAddresses NO_PROXY =
            new ClientAddresses(List.of(), ClientAddresses.Header.X_FORWARDED_FOR);

    @Test
    void client_isTheRightMostHopThatIsNotATrustedProxy() throws Exception {
        // The visitor prepended a forged address; the proxies appended what they saw.
        InetAddress client =
                BEHIND_PROXY.client(ip("10.1.1.1"), List.of("6.6.6.6, 198.51.100.20, 192.0.2.7", "10.2.2.2"));

        assertThat(client).isEqualTo(ip("198.51.100.20"));
    }

    @Test
    void client_ignoresTheHeader_whenThePeerIsNoTrustedProxy() throws Exception {
        assertThat(BEHIND_PROXY.client(ip("198.51.100.9"), List.of("203.0.113.1")))
                .isEqualTo(ip("198.51.100.9"));
        assertThat(NO_PROXY.client(ip("10.1.1.1"), List.of("203.0.113.1"))).isEqualTo(ip("10.1.1.1"));
    }

    @Test
    void client_staysWithTheLastProxy_whenItForwardsSomethingThatIsNoAddress() throws Exception {
        assertThat(BEHIND_PROXY.client(ip("10.1.1.1"), List.of("unknown"))).isEqualTo(ip("10.1.1.1"));
        assertThat(BEHIND_PROXY.client(ip("10.1.1.1"), List.of("evil.example.com")))
                .isEqualTo(ip("10.1.1.1"));
        assertThat(BEHIND_PROXY.client(ip("10.1.1.1"), List.of(""))).isEqualTo(ip("10.1.1.1"));
    }

    @Test
    void client_readsForwarded_withQuotedIpv6AndPorts() throws Exception {
        var forwarded = new ClientAddresses(List.of("10.0.0.0/8"), ClientAddresses.Header.FORWARDED);

        assertThat(forwarded.client(ip("10.1.1.1"), List.of("for=\"[2001:db8:cafe::17]:4711\";proto=https")))
                .isEqualTo(ip("2001:db8:cafe::17"));
        assertThat(forwarded.client(ip("10.1.1.1"), List.of("for=192.0.2.60:8080;by=10.0.0.1, for=10.3.3.3")))
                .isEqualTo(ip("192.0.2.60"));
    }

    @Test
    void bucket_groupsAnIpv6Slash64_andKeepsIpv4AddressesApart() throws Exception {
        assertThat(ClientAddresses.bucket(ip("2001:db8:1:2::1")))
                .isEqualTo(ClientAddresses.bucket(ip("2001:db8:1:2:ffff:ffff:ffff:ffff")));
        assertThat(ClientAddresses.bucket(ip("2001:db8:1:2::1")))
                .isNotEqualTo(ClientAddresses.bucket(ip("2001:db8:1:3::1")));
        assertThat(ClientAddresses.bucket(ip("192.0.2.1"))).isNotEqualTo(ClientAddresses.bucket(ip("192.0.2.2")));
    }

    @Test
    void trustedProxies_mustBeAddressesOrNetworks() {
        assertThatThrownBy(() -> ClientAddresses.validate("proxy.example.com")).hasMessageContaining("no host names");
        assertThatThrownBy(() -> ClientAddresses.validate("10.0.0.0/33")).hasMessageContaining("from 0 to 32");
        ClientAddresses.validate("fd00::/8");
    }

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }
}
