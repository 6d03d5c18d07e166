/**
 * The audit trail (审计日志): every change of state appended with who, when, what, before and after, each row
 * chained to the one before by a SHA-256 hash, the head (the last row's number and hash) signed with the
 * {@link org.qinglang.app.audit.AuditKey} kept in the data directory, and the verification that finds an edited
 * or removed row, the newest ones included ({@code bin/qinglang audit verify}).
 * {@link org.qinglang.app.audit.AuditChain}, {@link org.qinglang.app.audit.AuditVerifier} and the static parts of
 * {@code AuditKey} use plain JDBC and the JDK so the command line runs them without Spring.
 */
package org.qinglang.app.audit;
