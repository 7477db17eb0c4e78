package dev.kaiwa.web.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Works out the address a request came from, for the audit trail. {@code X-Forwarded-For} is believed
 * only as far as trusted proxies wrote it ({@code kaiwa.trusted-proxies}: comma-separated addresses or
 * CIDR ranges, none by default): starting at the peer and walking the header from its end towards the
 * client, the first address that is not a trusted proxy is the client. Anything a client wrote itself into
 * the header is left of that and never reached. Addresses are parsed as literals only, never looked up.
 * A malformed setting stops the application from starting.
 */
@ApplicationScoped
public class ClientAddresses {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV4_WITH_PORT = Pattern.compile("(\\d{1,3}(?:\\.\\d{1,3}){3}):\\d{1,5}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final Pattern BRACKETED_IPV6 = Pattern.compile("\\[([0-9A-Fa-f:.]+)](?::\\d{1,5})?");

    @Inject
    @ConfigProperty(name = "kaiwa.trusted-proxies", defaultValue = " ")
    String trustedProxies;

    private List<Network> trusted = List.of();

    /** Outside the container: the addresses as {@code kaiwa.trusted-proxies} would give them. */
    public static ClientAddresses trusting(String trustedProxies) {
        ClientAddresses addresses = new ClientAddresses();
        addresses.trustedProxies = trustedProxies;
        addresses.parseTrustedProxies();
        return addresses;
    }

    @PostConstruct
    void parseTrustedProxies() {
        List<Network> networks = new ArrayList<>();
        for (String entry : trustedProxies == null ? new String[0] : trustedProxies.split(",")) {
            if (!entry.isBlank()) {
                networks.add(Network.parse(entry.strip()));
            }
        }
        trusted = List.copyOf(networks);
    }

    /** Reads the setting when the application starts, so a malformed one fails the start. */
    void checkAtStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        trusted.size();
    }

    /**
     * The client's address in normalized form, given the peer's address and the {@code X-Forwarded-For}
     * header values (in the order received, each possibly a comma-separated list); empty when the peer's
     * address is not an IP address.
     */
    public Optional<String> clientAddress(String peerAddress, List<String> forwardedFor) {
        Optional<InetAddress> peer = literal(peerAddress);
        if (peer.isEmpty()) {
            return Optional.empty();
        }
        InetAddress current = peer.get();
        if (!isTrusted(current) || forwardedFor == null) {
            return Optional.of(current.getHostAddress());
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String hop : header.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.strip());
                }
            }
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = literal(hops.get(i));
            if (hop.isEmpty()) {
                // Garbage in the header: the last proxy that could be believed is as far as the trail goes.
                break;
            }
            current = hop.get();
            if (!isTrusted(current)) {
                break;
            }
        }
        return Optional.of(current.getHostAddress());
    }

    private boolean isTrusted(InetAddress address) {
        return trusted.stream().anyMatch(network -> network.contains(address));
    }

    /** An IPv4 or IPv6 address written as a literal (optionally with a port, IPv6 then in brackets). */
    static Optional<InetAddress> literal(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String value = text.strip();
        Matcher bracketed = BRACKETED_IPV6.matcher(value);
        Matcher withPort = IPV4_WITH_PORT.matcher(value);
        if (bracketed.matches()) {
            value = bracketed.group(1);
        }
        else if (withPort.matches()) {
            value = withPort.group(1);
        }
        Matcher ipv4 = IPV4.matcher(value);
        if (ipv4.matches()) {
            for (int group = 1; group <= 4; group++) {
                if (Integer.parseInt(ipv4.group(group)) > 255) {
                    return Optional.empty();
                }
            }
        }
        else if (!IPV6.matcher(value).matches()) {
            return Optional.empty();
        }
        try {
            // A dotted quad or a text with a colon is parsed as a literal; nothing here reaches DNS.
            return Optional.of(InetAddress.getByName(value));
        }
        catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** An address range: an address and how many leading bits of it a member shares. */
    private record Network(byte[] address, int prefixLength) {
        static Network parse(String entry) {
            String[] parts = entry.split("/", -1);
            Optional<InetAddress> address = parts.length <= 2 ? literal(parts[0]) : Optional.empty();
            if (address.isEmpty() || parts[0].contains("[") || IPV4_WITH_PORT.matcher(parts[0]).matches()) {
                throw invalid(entry);
            }
            byte[] bytes = address.get().getAddress();
            int prefixLength = bytes.length * 8;
            if (parts.length == 2) {
                try {
                    prefixLength = Integer.parseInt(parts[1]);
                }
                catch (NumberFormatException e) {
                    throw invalid(entry);
                }
                if (prefixLength < 0 || prefixLength > bytes.length * 8) {
                    throw invalid(entry);
                }
            }
            return new Network(bytes, prefixLength);
        }

        boolean contains(InetAddress candidate) {
            byte[] other = candidate.getAddress();
            if (other.length != address.length) {
                return false;
            }
            int full = prefixLength / 8;
            for (int i = 0; i < full; i++) {
                if (other[i] != address[i]) {
                    return false;
                }
            }
            int rest = prefixLength % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xff << (8 - rest) & 0xff;
            return (other[full] & mask) == (address[full] & mask);
        }

        private static IllegalArgumentException invalid(String entry) {
            return new IllegalArgumentException("kaiwa.trusted-proxies: '" + entry + "' is neither an IP address nor "
                    + "a CIDR range such as 10.0.0.0/8 or fd00::/8");
        }
    }
}
