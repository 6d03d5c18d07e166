/**
 * The audit trail (审计日志): every change of state appended with who, when, what, before and after, each row
 * chained to the one before by a SHA-256 hash, and the verification that finds an edited or removed row
 * ({@code bin/qinglang audit verify}). {@link org.qinglang.app.audit.AuditChain} and
 * {@link org.qinglang.app.audit.AuditVerifier} use plain JDBC so the command line runs them without Spring.
 */
package org.qinglang.app.audit;
