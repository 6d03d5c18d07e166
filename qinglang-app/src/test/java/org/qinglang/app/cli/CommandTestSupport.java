package org.qinglang.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.qinglang.app.Qinglang;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/**
 * Runs {@code qinglang} command lines in-process and keeps what they wrote to stdout and stderr. {@link #run}
 * runs them with English messages, whatever the machine's locale, so that tests can check the English text.
 */
abstract class CommandTestSupport {

    /** An environment that chooses English messages. */
    static final Map<String, String> ENGLISH = Map.of("QINGLANG_LANG", "en");

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final ObjectMapper json = new ObjectMapper();

    /** Runs the command line with English messages and returns its exit code. */
    int run(String... args) {
        return runIn(ENGLISH, args);
    }

    /** Runs the command line as if in the environment {@code env} and returns its exit code. */
    int runIn(Map<String, String> env, String... args) {
        return Qinglang.execute(new PrintWriter(out, true), new PrintWriter(err, true), env, args);
    }
}
