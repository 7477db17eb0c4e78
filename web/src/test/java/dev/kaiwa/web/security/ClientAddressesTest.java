package dev.kaiwa.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which address the audit trail records for a request, with and without trusted proxies. */
class ClientAddressesTest {
    private static final ClientAddresses NO_PROXIES = ClientAddresses.trusting(" ");
    private static final ClientAddresses BEHIND_PROXIES = ClientAddresses.trusting("10.0.0.0/8, 192.0.2.1,fd00::/8");

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() {
        assertThat(NO_PROXIES.clientAddress("203.0.113.9", List.of("198.51.100.7"))).contains("203.0.113.9");
        assertThat(NO_PROXIES.clientAddress("10.1.2.3", List.of("198.51.100.7"))).contains("10.1.2.3");
    }

    @Test
    void requestNotFromATrustedProxyKeepsItsPeerAddress() {
        assertThat(BEHIND_PROXIES.clientAddress("203.0.113.9", List.of("198.51.100.7"))).contains("203.0.113.9");
    }

    @Test
    void trustedProxyNamesTheClient() {
        assertThat(BEHIND_PROXIES.clientAddress("10.1.2.3", List.of("198.51.100.7"))).contains("198.51.100.7");
        assertThat(BEHIND_PROXIES.clientAddress("10.1.2.3", null)).contains("10.1.2.3");
        assertThat(BEHIND_PROXIES.clientAddress("10.1.2.3", List.of())).contains("10.1.2.3");
    }

    @Test
    void chainOfTrustedProxiesIsWalkedFromTheEnd() {
        assertThat(BEHIND_PROXIES.clientAddress("10.1.2.3", List.of("198.51.100.7, 192.0.2.1, 10.9.9.9")))
                .contains("198.51.100.7");
        assertThat(BEHIND_PROXIES.clientAddress("10.1.2.3", List.of("198.51.100.7", "192.0.2.1")))
                .contains("198.51.100.7");
    }

    @Test
    void addressesAClientWroteItselfAreNeverReached() {
        // The client sent "X-Forwarded-For: 1.1.1.1"; the trusted proxy appended the address it saw.
        assertThat(BEHIND_PROXIES.clientAddress("10.1.2.3", List.of("1.1.1.1, 198.51.100.7"))).contains("198.51.100.7");
    }

    @Test
    void headerOfOnlyTrustedProxiesEndsAtTheFarthestOne() {
        assertThat(BEHIND_PROXIES.clientAddress("10.1.2.3", List.of("10.4.4.4, 192.0.2.1"))).contains("10.4.4.4");
    }

    @Test
    void garbageInTheHeaderStopsTheWalkAtTheLastBelievableHop() {
        assertThat(BEHIND_PROXIES.clientAddress("10.1.2.3", List.of("198.51.100.7, unknown, 10.4.4.4")))
                .contains("10.4.4.4");
        assertThat(BEHIND_PROXIES.clientAddress("10.1.2.3", List.of("example.com"))).contains("10.1.2.3");
        assertThat(BEHIND_PROXIES.clientAddress("10.1.2.3", List.of("300.1.1.1"))).contains("10.1.2.3");
    }

    @Test
    void portsAndBracketsAreTakenOffAndIpv6IsNormalized() {
        assertThat(BEHIND_PROXIES.clientAddress("10.1.2.3", List.of("198.51.100.7:52100"))).contains("198.51.100.7");
        assertThat(BEHIND_PROXIES.clientAddress("10.1.2.3", List.of("[2001:db8::1]:443"))).contains("2001:db8:0:0:0:0:0:1");
        assertThat(BEHIND_PROXIES.clientAddress("fd12::5", List.of("2001:DB8::2"))).contains("2001:db8:0:0:0:0:0:2");
        assertThat(NO_PROXIES.clientAddress("0:0:0:0:0:0:0:1", null)).contains("0:0:0:0:0:0:0:1");
    }

    @Test
    void ipv4MappedIpv6AddressMatchesItsIpv4Range() {
        assertThat(BEHIND_PROXIES.clientAddress("::ffff:10.1.2.3", List.of("198.51.100.7"))).contains("198.51.100.7");
    }

    @Test
    void peerThatIsNoAddressGivesNoClientAddress() {
        assertThat(NO_PROXIES.clientAddress("localhost", null)).isEmpty();
        assertThat(NO_PROXIES.clientAddress(null, null)).isEmpty();
    }

    @Test
    void prefixesMatchBitByBit() {
        ClientAddresses proxies = ClientAddresses.trusting("192.168.4.0/22");

        assertThat(proxies.clientAddress("192.168.7.255", List.of("198.51.100.7"))).contains("198.51.100.7");
        assertThat(proxies.clientAddress("192.168.8.1", List.of("198.51.100.7"))).contains("192.168.8.1");
        assertThat(ClientAddresses.trusting("0.0.0.0/0").clientAddress("203.0.113.9", List.of("198.51.100.7")))
                .contains("198.51.100.7");
    }

    @Test
    void malformedSettingIsRefusedWithItsName() {
        for (String setting : List.of("10.0.0.0/33", "proxy.example.com", "10.0.0.1:8080", "10.0.0.0/x", "1.2.3")) {
            assertThatThrownBy(() -> ClientAddresses.trusting(setting)).as(setting)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kaiwa.trusted-proxies");
        }
    }
}
