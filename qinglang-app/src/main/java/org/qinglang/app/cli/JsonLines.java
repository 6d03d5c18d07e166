package org.qinglang.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The JSON-lines input and output of the commands that read texts: input lines {@code {"id":…, "text":…}}
 * ({@code -} for stdin), a bad line reported on stderr by its number and skipped, the rest handed on;
 * output to a file or to stdout.
 */
final class JsonLines {

    /** Longest line accepted, in characters; longer lines are reported and skipped. */
    static final int MAX_LINE = 1 << 20;

    /**
     * What is done with each good line: a JSON object with a {@code "text"} string. A handler that finds
     * another field bad throws {@link IllegalArgumentException} with a message naming it; the line is then
     * reported like any bad line and skipped.
     */
    interface Handler {
        void accept(JsonNode line) throws IOException;
    }

    /** Told after each line read, with the line number and how many bytes of the file were read so far. */
    interface Progress {
        Progress NONE = (lines, bytes) -> { };

        void update(long lines, long bytes);
    }

    private JsonLines() {
    }

    /**
     * Reads {@code in} line by line; returns how many lines were bad. {@code command} names the command in
     * the messages ("scan: line 7: not valid JSON (…); skipped").
     */
    static int read(String in, ObjectMapper json, PrintWriter err, String command, Progress progress,
                    Handler handler) throws IOException {
        return read(in, json, err, command, progress, true, handler);
    }

    /**
     * As {@link #read(String, ObjectMapper, PrintWriter, String, Progress, Handler)}; with {@code needsText}
     * false, a line without a {@code "text"} string is handed on too (events such as likes have none).
     */
    static int read(String in, ObjectMapper json, PrintWriter err, String command, Progress progress,
                    boolean needsText, Handler handler) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        int bad = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                "-".equals(in) ? System.in : Files.newInputStream(Path.of(in)), decoder))) {
            long lineNo = 0;
            long bytes = 0;
            for (String line; (line = r.readLine()) != null; ) {
                lineNo++;
                bytes += utf8Length(line) + 1;
                progress.update(lineNo, bytes);
                if (line.isBlank()) {
                    continue;
                }
                String problem = null;
                JsonNode node = null;
                if (line.length() > MAX_LINE) {
                    problem = "line is longer than " + MAX_LINE + " characters";
                } else {
                    try {
                        node = json.readTree(line);
                        if (node == null || !node.isObject()) {
                            problem = "not a JSON object";
                        } else if (needsText && !node.path("text").isTextual()) {
                            problem = "no \"text\" string";
                        }
                    } catch (JsonProcessingException e) {
                        problem = "not valid JSON (" + e.getOriginalMessage() + ")";
                    }
                }
                if (problem == null) {
                    try {
                        handler.accept(node);
                    } catch (IllegalArgumentException e) {
                        problem = e.getMessage();
                    }
                }
                if (problem != null) {
                    err.println(command + ": line " + lineNo + ": " + problem + "; skipped");
                    bad++;
                }
            }
        }
        return bad;
    }

    /** How many bytes {@code s} takes in UTF-8 (the input's encoding), for progress against the file size. */
    static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            n += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return n;
    }

    /** A writer to {@code out}, or to {@code stdout} when it is null (closing it then only flushes). */
    static Writer output(Path out, PrintWriter stdout) throws IOException {
        if (out != null) {
            return Files.newBufferedWriter(out, StandardCharsets.UTF_8);
        }
        return new PrintWriter(stdout) {
            @Override
            public void close() {
                flush();
            }
        };
    }
}
