package dev.kaiwa.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Which delivery addresses are the server's own networks; IP literals only, so no name is looked up. */
class WebhookEndpointsTest {
    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.8.9.10", "0.0.0.0", "0.1.2.3", "10.0.0.1", "172.16.0.1", "172.31.255.254",
            "192.168.1.1", "169.254.169.254", "100.64.0.1", "100.127.255.255", "192.0.0.8", "198.18.0.1", "224.0.0.1",
            "255.255.255.255", "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "ff02::1", "::ffff:10.0.0.1",
            "::ffff:127.0.0.1", "::ffff:169.254.169.254"})
    void ownNetworksAreNotPublic(String literal) throws UnknownHostException {
        assertThat(WebhookEndpoints.isPublic(InetAddress.getByName(literal))).as(literal).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "172.32.0.1", "172.15.255.255", "100.128.0.1", "192.169.0.1",
            "11.0.0.1", "2606:2800:220:1:248:1893:25c8:1946", "2001:4860:4860::8888", "::ffff:8.8.8.8"})
    void otherAddressesArePublic(String literal) throws UnknownHostException {
        assertThat(WebhookEndpoints.isPublic(InetAddress.getByName(literal))).as(literal).isTrue();
    }

    @Test
    void everyResolvedAddressCounts() {
        WebhookEndpoints.Resolver twoAddresses = host -> new InetAddress[] {
                InetAddress.getByAddress(host, new byte[] {93, (byte) 184, (byte) 216, 34}),
                InetAddress.getByAddress(host, new byte[] {10, 0, 0, 7})};

        assertThat(WebhookEndpoints.nonPublicAddress(URI.create("https://hooks.example.com/x"), twoAddresses))
                .map(InetAddress::getHostAddress).contains("10.0.0.7");
    }

    @Test
    void bracketedIpv6HostIsChecked() {
        assertThat(WebhookEndpoints.nonPublicAddress(URI.create("https://[::1]:8443/x"), WebhookEndpoints.SYSTEM))
                .isPresent();
    }

    @Test
    void hostThatDoesNotResolveHasNoPrivateAddress() {
        WebhookEndpoints.Resolver unknown = host -> {
            throw new UnknownHostException(host);
        };

        assertThat(WebhookEndpoints.nonPublicAddress(URI.create("https://nowhere.example/x"), unknown)).isEmpty();
    }
}
