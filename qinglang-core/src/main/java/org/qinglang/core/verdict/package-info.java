/**
 * The Moderator (审核决策): one {@link org.qinglang.core.verdict.Verdict} per text, combining the feature
 * library's hits, the abusive-language model's score and the context of the message (who writes to whom,
 * how old the account is, where it is posted), with thresholds per label and scene that are configuration
 * ({@link org.qinglang.core.verdict.Thresholds}), not code. See {@link org.qinglang.core.verdict.Moderator}
 * for the rules.
 */
package org.qinglang.core.verdict;
