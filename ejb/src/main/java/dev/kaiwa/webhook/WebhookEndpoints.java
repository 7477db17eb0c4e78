package dev.kaiwa.webhook;

import static java.util.Objects.requireNonNull;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Keeps webhook deliveries away from the server's own network: an endpoint whose host is, or resolves to, a
 * loopback, private, link-local (cloud metadata), shared (carrier-grade NAT), unique-local, multicast or
 * unspecified address is refused, unless {@code kaiwa.webhook.allow-private-addresses} allows it (a test
 * receiver on loopback, an HR system on the intranet). The check runs when a subscription is saved and again
 * before every delivery, since a name can resolve elsewhere later.
 */
public final class WebhookEndpoints {
    private WebhookEndpoints() {
    }

    /** Resolves a host name to its addresses (the JDK's resolver in production). */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** The JDK's resolver. */
    public static final Resolver SYSTEM = InetAddress::getAllByName;

    /**
     * The first address of {@code url}'s host that is not public, if any. A host that does not resolve has no
     * such address (the delivery fails on its own).
     */
    public static Optional<InetAddress> nonPublicAddress(URI url, Resolver resolver) {
        requireNonNull(url, "url is null");
        requireNonNull(resolver, "resolver is null");
        String host = url.getHost();
        if (host == null || host.isEmpty()) {
            return Optional.empty();
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        }
        catch (UnknownHostException e) {
            return Optional.empty();
        }
        return Arrays.stream(addresses).filter(address -> !isPublic(address)).findFirst();
    }

    /** Whether a delivery may go to this address. */
    public static boolean isPublic(InetAddress address) {
        requireNonNull(address, "address is null");
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return isPublicIpv4(bytes);
        }
        if (address instanceof Inet6Address) {
            if ((bytes[0] & 0xfe) == 0xfc) {
                return false; // fc00::/7 unique local
            }
            if (isEmbeddedIpv4(bytes)) {
                return isPublicIpv4(Arrays.copyOfRange(bytes, 12, 16));
            }
        }
        return true;
    }

    private static boolean isPublicIpv4(byte[] bytes) {
        int first = bytes[0] & 0xff;
        int second = bytes[1] & 0xff;
        return !(first == 0 // 0.0.0.0/8 "this network"
                || first == 10 || first == 127
                || (first == 100 && second >= 64 && second <= 127) // 100.64.0.0/10 shared address space
                || (first == 169 && second == 254)
                || (first == 172 && second >= 16 && second <= 31)
                || (first == 192 && second == 168)
                || (first == 192 && second == 0 && (bytes[2] & 0xff) == 0) // 192.0.0.0/24 protocol assignments
                || (first == 198 && (second == 18 || second == 19)) // 198.18.0.0/15 benchmarking
                || first >= 224); // multicast, reserved, broadcast
    }

    /** ::ffff:a.b.c.d (mapped) and ::a.b.c.d (compatible): the IPv4 address decides. */
    private static boolean isEmbeddedIpv4(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return (bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff) || (bytes[10] == 0 && bytes[11] == 0);
    }
}
