/**
 * Benchmarks of the assembled server, run by {@code ./mvnw -Pbench -DskipTests verify}: they measure
 * and print figures, and never assert on them.
 *
 * <p>The benchmarks speak HTTP only, except that the purge benchmark seeds and checks the server's database
 * (JDBC, with the server's URL) and storage folder directly. They must not import server classes ({@code dev.kaiwa.call},
 * {@code dev.kaiwa.web} …) nor the integration tests ({@code dev.kaiwa.it}), so they measure what a
 * client sees; the call-setup benchmark drives real browsers with the browser tests' helpers
 * ({@code dev.kaiwa.browser}), which follow the same rule. They sign with the SSO test key pair that the build creates for the integration
 * tests before the server starts.
 */
package dev.kaiwa.bench;
