/** The Qinglang executable: the command line ({@code bin/qinglang}) and its subcommands. */
package org.qinglang.app;
