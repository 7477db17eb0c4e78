package dev.kaiwa.audit;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.kaiwa.storage.Sha256;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * What an entry's hash covers: every stored column but the hash itself, including the entry's sequence
 * number and the previous entry's hash, so an entry cannot be changed, dropped or moved without breaking
 * the chain. Built from the stored values as they are (text, not enums), so a row changed to anything at
 * all can still be checked.
 *
 * <p>The canonical form is a version line, then one line per field in a fixed order: {@code name:-} for
 * none, or {@code name:<length>:<value>}. The length prefix keeps the form unambiguous whatever the values
 * contain (colons, line breaks). Its SHA-256 in lower-case hex is the entry's hash.
 *
 * @param sequence the entry's number in the chain, from 1
 * @param previousHash the previous entry's hash; {@link #GENESIS_HASH} for the first entry
 * @param details the details as stored: a JSON object of strings, keys sorted
 */
public record AuditContent(long sequence, String previousHash, Instant occurredAt, String organization,
        String actorType, String actorId, String actorRole, String action, String resourceType, String resourceId,
        String clientAddress, String details) {
    /** The previous hash of the first entry: 64 zeros. */
    public static final String GENESIS_HASH = "0".repeat(2 * Sha256.LENGTH);
    /** First line of the canonical form; a new form would get a new version. */
    static final String FORMAT = "kaiwa-audit-v1";

    /** The text the hash is computed over. */
    public String canonical() {
        StringBuilder text = new StringBuilder(FORMAT).append('\n');
        field(text, "sequence", Long.toString(sequence));
        field(text, "previousHash", previousHash);
        field(text, "occurredAt", occurredAt == null ? null : DateTimeFormatter.ISO_INSTANT.format(occurredAt));
        field(text, "organization", organization);
        field(text, "actorType", actorType);
        field(text, "actorId", actorId);
        field(text, "actorRole", actorRole);
        field(text, "action", action);
        field(text, "resourceType", resourceType);
        field(text, "resourceId", resourceId);
        field(text, "clientAddress", clientAddress);
        field(text, "details", details);
        return text.toString();
    }

    /** SHA-256 of the canonical form, 64 lower-case hexadecimal characters. */
    public String hash() {
        return Sha256.digest(canonical().getBytes(UTF_8)).hex();
    }

    private static void field(StringBuilder text, String name, String value) {
        text.append(name).append(':');
        if (value == null) {
            text.append('-');
        }
        else {
            text.append(value.length()).append(':').append(value);
        }
        text.append('\n');
    }
}
