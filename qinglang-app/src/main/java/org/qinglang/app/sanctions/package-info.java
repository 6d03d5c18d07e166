/**
 * Decisions and sanctions (处理决定与处罚): a reviewer decides a claimed case with a step of the core's
 * {@link org.qinglang.core.enforce.SanctionLadder} (suggested from the account's strikes), or everyone in a
 * pile-on at once by role (批量处置); each decision stores its statement of reasons (处理理由说明), records a
 * strike, settles the case's reports, and writes its webhook to the outbox in the same transaction. The
 * dispatcher signs (HMAC-SHA256) and sends the outbox to the platform, retrying with back-off; the platform
 * acknowledges each sanction.
 */
package org.qinglang.app.sanctions;
