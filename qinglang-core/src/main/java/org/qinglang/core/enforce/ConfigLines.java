package org.qinglang.core.enforce;

/** The line syntax shared by this package's plain-text configuration files. */
final class ConfigLines {

    private static final String[] NONE = new String[0];

    private ConfigLines() {
    }

    /** The whitespace-separated fields of {@code line} before any {@code #}; none for a blank line. */
    static String[] fields(String line) {
        int hash = line.indexOf('#');
        String content = (hash >= 0 ? line.substring(0, hash) : line).strip();
        return content.isEmpty() ? NONE : content.split("\\s+");
    }
}
