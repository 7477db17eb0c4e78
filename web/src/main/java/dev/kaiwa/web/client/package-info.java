/**
 * The browser client's server side: the route of the call page ({@code /call/{callId}}) and the headers of
 * the embeddable {@code kaiwa.js}. The client itself is static ES modules in {@code src/main/webapp}.
 * Imports nothing of the core: the page learns everything through the REST API and the signaling socket.
 */
package dev.kaiwa.web.client;
