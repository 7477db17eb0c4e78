package dev.kaiwa.audit;

import static java.util.Objects.requireNonNull;

import dev.kaiwa.shared.DomainException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A sequence number and the hash its entry had when they were copied out of the database (into WORM
 * storage, a ticket, a signed e-mail). A later verification checks that the entry still has that hash,
 * which catches a chain rewritten from that entry on with all hashes recomputed.
 */
public record ChainAnchor(long sequence, String hash) {
    private static final Pattern HEX_SHA_256 = Pattern.compile("[0-9a-f]{64}");

    public ChainAnchor {
        requireNonNull(hash, "hash is null");
        if (sequence < 1) {
            throw DomainException.invalidField("anchorSequence", "must be 1 or more");
        }
        hash = hash.strip().toLowerCase(Locale.ROOT);
        if (!HEX_SHA_256.matcher(hash).matches()) {
            throw DomainException.invalidField("anchorHash", "must be a SHA-256 in hex (64 characters)");
        }
    }
}
