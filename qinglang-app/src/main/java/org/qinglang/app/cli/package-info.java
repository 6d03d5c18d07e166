/** The subcommands of {@code bin/qinglang} that work on files and need no server. */
package org.qinglang.app.cli;
