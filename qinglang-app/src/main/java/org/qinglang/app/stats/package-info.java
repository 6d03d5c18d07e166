/**
 * Statistics (处置统计) for the regulator and the compliance officer: per China day and report category, reports
 * received, cases opened and handled, accounts sanctioned by action, the disposal rate (处置率) and the on-time
 * rate (按期处置率) against the handling deadlines. {@code GET /api/v1/stats} (scope admin), and the console's page
 * {@code /console/stats} with a table and ECharts charts (admin, compliance officer, auditor).
 */
package org.qinglang.app.stats;
