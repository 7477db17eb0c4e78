/**
 * Tests of the signaling WebSocket ({@code /ws/calls/{id}}) of the assembled server, against the
 * protocol contract: joining and the welcome, origin checks, relay, presence, media, chat, the
 * waiting room, moderation, liveness and resume, mesh capacity, network stats and bad input.
 *
 * <p>{@link dev.kaiwa.it.signaling.SignalingClient} is the protocol test client on the JDK's
 * WebSocket; {@link dev.kaiwa.it.signaling.Sockets} opens a test's sockets and closes them after
 * it; {@link dev.kaiwa.it.signaling.Signaling} holds the steps that bring participants into a room.
 * REST steps come from {@code dev.kaiwa.it}. Nothing here imports server code: the tests see the
 * server only through HTTP and WebSocket.
 */
package dev.kaiwa.it.signaling;
