/**
 * Cases (案件) and the review queue (审核队列): reports, verdicts on text events and detector alerts about the
 * same target merge into one open case, ranked by the core's {@link org.qinglang.core.enforce.CasePriority}
 * (minors first, then cyberviolence, severity, report pressure) with a deadline per category; reviewers
 * claim cases atomically, so no two get the same one. The policy in force is {@link WorkflowPolicy}.
 */
package org.qinglang.app.cases;
