package dev.kaiwa.webhook;

/** Where a delivery is: PENDING ⇄ SENDING → DELIVERED | FAILED. */
public enum DeliveryStatus {
    /** Waiting for its first attempt or, after failed ones, for the next. */
    PENDING,
    /** Claimed by a worker that is sending it now; due again if the worker's lease runs out. */
    SENDING,
    /** The endpoint answered 2xx. */
    DELIVERED,
    /** Every attempt failed; nothing more is sent. */
    FAILED;

    /** Still to be sent (now or later). */
    public boolean isOpen() {
        return this == PENDING || this == SENDING;
    }
}
