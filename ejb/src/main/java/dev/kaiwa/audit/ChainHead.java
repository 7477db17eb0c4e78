package dev.kaiwa.audit;

/** The number and hash of the latest entry, as the chain head recorded them when read. */
public record ChainHead(long sequence, String hash) {
}
