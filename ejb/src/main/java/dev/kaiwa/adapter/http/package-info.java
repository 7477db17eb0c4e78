/**
 * The webhook transport on the JDK's {@code java.net.http} client: the only package that imports it. Plain
 * HTTP/1.1 POSTs, redirects not followed (a 3xx is a failed attempt), connect and read timeouts from
 * configuration.
 */
package dev.kaiwa.adapter.http;
