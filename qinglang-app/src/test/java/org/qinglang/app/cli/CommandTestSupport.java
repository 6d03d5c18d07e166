package org.qinglang.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.qinglang.app.Qinglang;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs {@code qinglang} command lines in-process and keeps what they wrote to stdout and stderr. */
abstract class CommandTestSupport {

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final ObjectMapper json = new ObjectMapper();

    /** Runs the command line and returns its exit code. */
    int run(String... args) {
        return Qinglang.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }
}
