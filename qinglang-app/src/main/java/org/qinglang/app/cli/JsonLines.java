package org.qinglang.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.qinglang.app.Qinglang;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The JSON-lines input and output of the commands that read texts: input lines {@code {"id":…, "text":…}}
 * in UTF-8 ({@code -} for stdin), a bad line reported on stderr by its number and skipped, the rest handed
 * on; output to a file or to stdout.
 *
 * <p>The input is read as bytes, a line at a time and never more than {@link #MAX_LINE_BYTES} of one, so
 * that a file without line breaks cannot exhaust the heap; each line is decoded strictly, so that a file in
 * another encoding (GBK, GB18030) is reported line by line instead of being read as replacement characters
 * that find nothing. A byte-order mark before the first line is skipped, and so is the {@code \r} of CRLF.
 */
final class JsonLines {

    /** Longest line accepted, in bytes; longer lines are reported and skipped. */
    static final int MAX_LINE_BYTES = 4 << 20;

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

    /** Why a command will not run on its files: the message and the exit code. */
    record Refusal(String message, int exitCode) {
    }

    private JsonLines() {
    }

    /**
     * Why {@code in} cannot be read into {@code out}, or null: an input that is missing or not a file, an
     * output whose directory is missing or that is a directory, or an output that is the input itself
     * (opening it for writing would empty it before a line is read). Checked before the output is opened,
     * so that a wrong {@code --in} leaves an existing {@code --out} as it was. {@code in} may be null (no
     * input file) or {@code -} (stdin). The message is in {@code m}'s language.
     */
    static Refusal refusal(String in, Path out, Messages m) {
        try {
            if (in != null && !"-".equals(in)) {
                Path p = Path.of(in);
                if (!Files.exists(p)) {
                    return new Refusal(m.get("file.noSuchFile", in), Qinglang.IO);
                }
                if (!Files.isRegularFile(p)) {
                    return new Refusal(m.get("file.notAFile", in), Qinglang.IO);
                }
                if (out != null && Files.exists(out) && Files.isSameFile(p, out)) {
                    return new Refusal(m.get("file.outIsIn", out), Qinglang.USAGE);
                }
            }
            if (out != null) {
                if (Files.isDirectory(out)) {
                    return new Refusal(m.get("file.outIsDirectory", out), Qinglang.IO);
                }
                Path dir = out.toAbsolutePath().getParent();
                if (dir != null && !Files.isDirectory(dir)) {
                    return new Refusal(m.get("file.noDirectory", out, dir), Qinglang.IO);
                }
            }
            return null;
        } catch (InvalidPathException e) {
            return new Refusal(m.get("file.badName", e.getInput()), Qinglang.USAGE);
        } catch (IOException e) {
            return new Refusal(m.get("file.cannotRead", in, e.getMessage()), Qinglang.IO);
        }
    }

    /**
     * Reads {@code in} line by line; returns how many lines were bad. {@code command} names the command in
     * the messages, which are in {@code m}'s language ("scan: line 7: not valid JSON (…); skipped").
     */
    static int read(String in, ObjectMapper json, PrintWriter err, Messages m, String command, Progress progress,
                    Handler handler) throws IOException {
        return read(in, json, err, m, command, progress, true, handler);
    }

    /**
     * As {@link #read(String, ObjectMapper, PrintWriter, Messages, String, Progress, Handler)}; with
     * {@code needsText} false, a line without a {@code "text"} string is handed on too (events such as likes
     * have none).
     */
    static int read(String in, ObjectMapper json, PrintWriter err, Messages m, String command, Progress progress,
                    boolean needsText, Handler handler) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        int bad = 0;
        try (InputStream stream = "-".equals(in) ? System.in : Files.newInputStream(Path.of(in))) {
            ByteLines lines = new ByteLines(stream, MAX_LINE_BYTES);
            long lineNo = 0;
            while (lines.next()) {
                lineNo++;
                progress.update(lineNo, lines.consumed());
                String problem = null;
                JsonNode node = null;
                if (lines.tooLong()) {
                    problem = m.get("line.tooLong", MAX_LINE_BYTES >> 20);
                } else {
                    int from = lineNo == 1 ? lines.bomLength() : 0;
                    String line;
                    try {
                        line = decoder.decode(ByteBuffer.wrap(lines.bytes(), from, lines.length() - from)).toString();
                    } catch (CharacterCodingException e) {
                        line = null;
                        problem = m.get("line.notUtf8");
                    }
                    if (line != null && line.isBlank()) {
                        continue;
                    }
                    if (line != null) {
                        try {
                            node = json.readTree(line);
                            if (node == null || !node.isObject()) {
                                problem = m.get("line.notObject");
                            } else if (needsText && !node.path("text").isTextual()) {
                                problem = m.get("line.noText");
                            }
                        } catch (JsonProcessingException e) {
                            problem = m.get("line.notJson", e.getOriginalMessage());
                        }
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
                    err.println(m.get("line.skipped", command, lineNo, problem));
                    bad++;
                }
            }
        }
        return bad;
    }

    /**
     * A writer to {@code out}, or to {@code stdout} when it is null (closing it then only flushes). Either
     * way a lone surrogate (a JSON input may carry {@code "\ud800"}, and commands copy ids and texts out) is
     * written as its JSON escape, since UTF-8 cannot encode it; the commands write JSON only, where a lone
     * surrogate can stand only inside a string.
     */
    static Writer output(Path out, PrintWriter stdout) throws IOException {
        if (out != null) {
            return new SurrogateEscaping(Files.newBufferedWriter(out, StandardCharsets.UTF_8));
        }
        return new SurrogateEscaping(new PrintWriter(stdout) {
            @Override
            public void close() {
                flush();
            }
        });
    }

    /** Lines of a byte stream, without their {@code \n} or {@code \r\n}; a line over the limit is skipped whole. */
    static final class ByteLines {
        private final InputStream in;
        private final int limit;
        private final byte[] buffer = new byte[64 * 1024];
        private int pos;
        private int end;
        private byte[] line = new byte[256];
        private int length;
        private boolean tooLong;
        private long consumed;

        ByteLines(InputStream in, int limit) {
            this.in = in;
            this.limit = limit;
        }

        /** Reads the next line; false at the end of the stream. */
        boolean next() throws IOException {
            length = 0;
            tooLong = false;
            boolean any = false;
            while (true) {
                if (pos == end) {
                    int n = in.read(buffer, 0, buffer.length);
                    if (n <= 0) {
                        pos = end = 0;
                        return any;
                    }
                    pos = 0;
                    end = n;
                }
                any = true;
                int i = pos;
                while (i < end && buffer[i] != '\n') {
                    i++;
                }
                append(pos, i - pos);
                consumed += i - pos;
                pos = i;
                if (i < end) {
                    pos++;
                    consumed++;
                    if (!tooLong && length > 0 && line[length - 1] == '\r') {
                        length--;
                    }
                    return true;
                }
            }
        }

        private void append(int from, int n) {
            if (tooLong || n == 0) {
                return;
            }
            if ((long) length + n > limit) {
                tooLong = true;
                length = 0;
                return;
            }
            if (length + n > line.length) {
                line = Arrays.copyOf(line, Math.min(limit, Math.max(length + n, 2 * line.length)));
            }
            System.arraycopy(buffer, from, line, length, n);
            length += n;
        }

        byte[] bytes() {
            return line;
        }

        int length() {
            return length;
        }

        boolean tooLong() {
            return tooLong;
        }

        /** Bytes read so far, line breaks included. */
        long consumed() {
            return consumed;
        }

        /** 3 if the line starts with the UTF-8 byte-order mark, else 0. */
        int bomLength() {
            return length >= 3 && line[0] == (byte) 0xEF && line[1] == (byte) 0xBB && line[2] == (byte) 0xBF ? 3 : 0;
        }
    }

    /** Writes a lone surrogate as its JSON escape ({@code \ud800}) and everything else as it is. */
    static final class SurrogateEscaping extends Writer {
        private final Writer out;
        /** A high surrogate written last, waiting for the character after it; 0 if none. */
        private char pendingHigh;

        SurrogateEscaping(Writer out) {
            this.out = out;
        }

        @Override
        public void write(char[] chars, int off, int len) throws IOException {
            int run = off;
            for (int i = off; i < off + len; i++) {
                char c = chars[i];
                if (pendingHigh != 0) {
                    char high = pendingHigh;
                    pendingHigh = 0;
                    if (Character.isLowSurrogate(c)) {
                        out.write(high);
                        continue; // c is written with the run that starts at it
                    }
                    escape(high);
                }
                if (Character.isHighSurrogate(c)) {
                    out.write(chars, run, i - run);
                    if (i + 1 < off + len) {
                        if (Character.isLowSurrogate(chars[i + 1])) {
                            out.write(chars, i, 2);
                            i++;
                        } else {
                            escape(c);
                        }
                    } else {
                        pendingHigh = c;
                    }
                    run = i + 1;
                } else if (Character.isLowSurrogate(c)) {
                    out.write(chars, run, i - run);
                    escape(c);
                    run = i + 1;
                }
            }
            out.write(chars, run, off + len - run);
        }

        private void escape(char c) throws IOException {
            out.write(String.format("\\u%04x", (int) c));
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            if (pendingHigh != 0) {
                escape(pendingHigh);
                pendingHigh = 0;
            }
            out.close();
        }
    }
}
