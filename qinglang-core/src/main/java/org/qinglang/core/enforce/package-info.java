/**
 * Enforcement policy (处置规则): the pure rules that decide what happens after something is found or
 * reported — report categories and their handling deadlines, reporter credibility, case priority, the
 * sanction ladder (处罚阶梯) with strikes, statements of reasons (处理理由说明), appeals (申诉), one-click
 * protection (一键防护) and the staff roles allowed to act.
 *
 * <p>Plain Java: no framework, no database, no clock. Every rule that depends on time takes the instant
 * ({@code now}) as an argument, so the server and the tests decide what time it is. Every configuration
 * ({@link org.qinglang.core.enforce.SanctionLadder}, {@link org.qinglang.core.enforce.HandlingDeadlines},
 * {@link org.qinglang.core.enforce.WorkingCalendar}, {@link org.qinglang.core.enforce.AppealPolicy},
 * {@link org.qinglang.core.enforce.ProtectionSettings}) is immutable and thread-safe once built. Nothing
 * here returns or accepts {@code null}; optional values are {@link java.util.Optional}.
 *
 * <p>The defaults and the duty each rule serves are in {@code docs/enforcement.md}.
 */
package org.qinglang.core.enforce;
