package org.qinglang.core.config;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.function.Consumer;

/**
 * The line syntax shared by every plain-text settings file of the engine (thresholds, pile-on settings, the
 * sanction ladder, deadlines, holidays): whitespace-separated fields, {@code #} to the end of the line is a
 * comment, blank lines are skipped, and an error names the file and the line.
 */
public final class ConfigLines {

    private static final String[] NONE = new String[0];

    private ConfigLines() {
    }

    /** The whitespace-separated fields of {@code line} before any {@code #}; none for a blank line. */
    public static String[] fields(String line) {
        int hash = line.indexOf('#');
        String content = (hash >= 0 ? line.substring(0, hash) : line).strip();
        return content.isEmpty() ? NONE : content.split("\\s+");
    }

    /**
     * Hands the fields of every line that has any to {@code handler}; an {@link IllegalArgumentException}
     * it throws comes back prefixed with {@code source:line: }.
     */
    public static void read(Reader reader, String source, Consumer<String[]> handler) throws IOException {
        BufferedReader r = new BufferedReader(reader);
        int lineNo = 0;
        for (String line; (line = r.readLine()) != null; ) {
            lineNo++;
            String[] f = fields(line);
            if (f.length == 0) {
                continue;
            }
            try {
                handler.accept(f);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + ":" + lineNo + ": " + e.getMessage(), e);
            }
        }
    }
}
