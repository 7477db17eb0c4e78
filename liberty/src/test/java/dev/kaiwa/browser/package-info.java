/**
 * Real-browser tests of the assembled server ({@code *BrowserIT}): headless Debian Chromium, driven by
 * chromedriver, opens the call page that the server serves, joins calls made through the REST API and
 * talks WebRTC to another browser on loopback. Assertions read {@code window.kaiwa}, the state the page
 * exposes (connection, peers, inbound statistics, candidate pairs).
 *
 * <p>At most two browsers run at a time; each gets its own profile and temporary directory and is quit
 * in {@code finally}. Missing browsers or TURN server fail the test with what to install, never skip it.
 * Like the benchmarks, these tests speak HTTP only and import neither server classes nor
 * {@code dev.kaiwa.it}: the REST steps they need are here, signed with the same SSO test key pair.
 * {@link dev.kaiwa.browser.Browser}, {@link dev.kaiwa.browser.CallPage} and {@link dev.kaiwa.browser.KaiwaApi}
 * are public for the call-setup benchmark ({@code dev.kaiwa.bench}), which drives the same page the same way.
 */
package dev.kaiwa.browser;
