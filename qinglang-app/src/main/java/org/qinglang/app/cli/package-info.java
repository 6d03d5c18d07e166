/**
 * The subcommands of {@code bin/qinglang} that work on files and need no server. What they say to people is in
 * Chinese unless English is chosen ({@link org.qinglang.app.cli.Messages}); what they write as data is not
 * translated.
 */
package org.qinglang.app.cli;
