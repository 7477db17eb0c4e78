package dev.kaiwa.webhook;

/**
 * Keeps webhook signing secrets encrypted at rest: the database holds only what {@link #seal} returns, bound
 * to the subscription it belongs to, and the secret is opened when a delivery is signed.
 */
public interface SecretBox {
    /** The stored form of {@code secret}, bound to {@code context} (e.g. the subscription id). */
    String seal(String secret, String context);

    /**
     * The secret sealed for {@code context}; fails if it was sealed for another context, altered, or under a key
     * that is no longer in the keyset.
     */
    String open(String sealed, String context);

    /** Whether a stored value is in this box's sealed form (not a secret stored in plain text). */
    boolean isSealed(String stored);
}
