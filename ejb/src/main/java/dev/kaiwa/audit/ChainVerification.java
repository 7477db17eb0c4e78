package dev.kaiwa.audit;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The outcome of walking the whole audit trail.
 *
 * @param valid every entry checks out, the head names the last one, and the anchor (if given) matches
 * @param entries how many entries the trail holds
 * @param headSequence the number of the latest entry as the chain head records it
 * @param headHash the hash of the latest entry as the chain head records it; copy it out with the number to
 *        anchor the chain
 * @param firstBrokenSequence the number of the first entry that does not check out
 * @param reason why it does not
 * @param detail what was found, in words (numbers and hashes only)
 * @param anchorChecked an anchor was given and reached
 */
public record ChainVerification(boolean valid, long entries, long headSequence, String headHash,
        Optional<Long> firstBrokenSequence, Optional<ChainBreak> reason, Optional<String> detail,
        boolean anchorChecked) {
    public ChainVerification {
        requireNonNull(headHash, "headHash is null");
        requireNonNull(firstBrokenSequence, "firstBrokenSequence is null");
        requireNonNull(reason, "reason is null");
        requireNonNull(detail, "detail is null");
        if (valid == reason.isPresent()) {
            throw new IllegalArgumentException("a verification is valid exactly when it names no break");
        }
    }
}
