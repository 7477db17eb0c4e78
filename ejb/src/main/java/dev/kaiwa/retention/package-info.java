/**
 * Retention: the Jakarta Batch job {@value dev.kaiwa.retention.PurgeJob#NAME} that expires recordings past their
 * retention, deletes their media and, once a call's retention has passed, its chat; its daily schedule, its
 * on-demand runs and the restart of a run that a crash interrupted.
 */
package dev.kaiwa.retention;
