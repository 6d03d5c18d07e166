/**
 * Reports (举报): the platform files its users' reports in the fixed categories (网络暴力, 谣言 …) through
 * {@code POST /api/v1/reports} (scope {@code report}); each goes into its target's case, weighted by the
 * reporter's credibility (core {@link org.qinglang.core.enforce.ReporterCredibility}), and the platform reads the
 * outcome back (举报反馈, core {@link org.qinglang.core.enforce.ReportFeedback}).
 */
package org.qinglang.app.reports;
