/**
 * The Spring Boot application of {@code bin/qinglang serve} (治理服务) and what every feature shares: the data
 * directory, the server secret, and the database URL. Features live in their own packages beside this one
 * ({@code check}, {@code events}, {@code audit}, {@code security}, {@code console}); see docs/server.md.
 */
package org.qinglang.app.server;
