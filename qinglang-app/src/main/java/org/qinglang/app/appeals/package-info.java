/**
 * Appeals (申诉): the platform files an account's appeal against a decision within the window (core
 * {@link org.qinglang.core.enforce.AppealPolicy}); a senior reviewer other than the original decider decides it;
 * overturning it (申诉成立) removes the strike, marks the decision reversed and sends the reversal to the
 * platform through the webhook outbox.
 */
package org.qinglang.app.appeals;
