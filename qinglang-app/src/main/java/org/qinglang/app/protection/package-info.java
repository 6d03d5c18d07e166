/**
 * One-click protection (一键防护) and the prominent prompt (显著提示) on the server, issue #5: the settings of
 * each protected account (kept in memory, written through to the database), the decide endpoint the
 * platform asks on every comment, DM, repost and mention, and the prompt that offers protection when a
 * pile-on alert reaches warning. The policy itself is {@code org.qinglang.core.enforce.OneClickProtection}.
 */
package org.qinglang.app.protection;
