/**
 * The tamper-evident audit trail: who did what to which resource, in which organization, when and from
 * where. Features record an entry with {@link dev.kaiwa.audit.AuditTrail#record} in the same transaction
 * as the change it records, so an entry exists exactly when the change was committed. Entries are
 * numbered without gaps and hash-chained under a lock on the one-row chain head; {@link
 * dev.kaiwa.audit.AuditTrail#verify} walks the chain and finds the first entry that was altered, removed
 * or moved. Entries hold ids only, never names, e-mail addresses or other personal data.
 *
 * <p>Imports only {@code dev.kaiwa.shared} and the storage port's digest type; no feature is imported, so
 * every feature can record into it.
 */
package dev.kaiwa.audit;
