/**
 * The crash test of the retention purge ({@code PurgeKillIT}): a Liberty server of its own, made from the same
 * runtime and the same EAR as the server under test but with its own name, ports, database, storage and keys
 * (under {@code target/kill-test}), is killed with SIGKILL in the middle of a purge run and started again; the
 * test checks rows and files right after the kill and after the server restarted the run by itself.
 *
 * <p>{@link dev.kaiwa.it.kill.KillServer} creates, starts, kills and stops that server;
 * {@link dev.kaiwa.it.kill.PurgeData} seeds recordings with SQL and files and reads them back;
 * {@link dev.kaiwa.it.kill.AdminApi} speaks to the server's REST API with the SSO test users of
 * {@code dev.kaiwa.it}. Nothing here imports server code.
 */
package dev.kaiwa.it.kill;
