package org.qinglang.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.qinglang.app.Qinglang;
import org.qinglang.core.lexicon.FeatureLibrary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code qinglang scan}: finds the feature library's entries in texts. Reads JSON lines
 * {@code {"id":…, "text":…}} and writes {@code {"id":…, "hits":[…]}} per line; or scans one
 * {@code --text}. A bad line is reported by number on stderr and skipped.
 */
@Command(name = "scan", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Find feature-library entries in texts, on every evasion channel.",
                "用特征库扫描文本（精确、归一、拼音、首字母、拆字、暗语各通道）。"},
        footer = {"%nOffsets (start, end) count UTF-16 units of the raw text.",
                "Exit codes: 0 done, 2 bad usage, 3 file not readable or writable, 4 some lines skipped."})
public final class ScanCommand implements Callable<Integer> {

    /** Longest line accepted in --in, in characters; longer lines are reported and skipped. */
    static final int MAX_LINE = 1 << 20;

    @Spec
    CommandSpec spec;

    @Option(names = "--library", paramLabel = "FILE",
            description = "library file; repeat to layer files (a later one overrides). 'default' is the shipped one.")
    List<String> libraries = new ArrayList<>();

    @Option(names = "--in", paramLabel = "FILE.jsonl", description = "JSON lines {\"id\":…, \"text\":…}; - for stdin")
    String in;

    @Option(names = "--out", paramLabel = "FILE", description = "where to write results (default: stdout)")
    Path out;

    @Option(names = "--text", paramLabel = "TEXT", description = "scan this one text instead of --in")
    String text;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if ((in == null) == (text == null)) {
            err.println("scan: give either --in FILE.jsonl or --text TEXT (one of them)");
            return Qinglang.USAGE;
        }
        FeatureLibrary lib;
        try {
            lib = Libraries.compile(Libraries.read(libraries, err), err);
        } catch (IOException e) {
            err.println("scan: cannot read library: " + e.getMessage());
            return Qinglang.IO;
        }
        ObjectMapper json = new ObjectMapper();
        try (Writer w = out == null ? new PrintWriter(spec.commandLine().getOut()) {
            @Override
            public void close() {
                flush();
            }
        } : Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            if (text != null) {
                ObjectNode o = json.createObjectNode();
                o.set("hits", HitJson.toJson(json, lib.scan(text)));
                w.write(json.writeValueAsString(o));
                w.write('\n');
                return Qinglang.OK;
            }
            return scanLines(lib, json, w, err);
        } catch (IOException e) {
            err.println("scan: " + e.getMessage());
            return Qinglang.IO;
        }
    }

    private int scanLines(FeatureLibrary lib, ObjectMapper json, Writer w, PrintWriter err) throws IOException {
        long total = "-".equals(in) ? -1 : Files.size(Path.of(in));
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        Progress progress = new Progress(err, total, out != null && System.console() != null);
        int bad = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                "-".equals(in) ? System.in : Files.newInputStream(Path.of(in)), decoder))) {
            long lineNo = 0;
            long bytes = 0;
            for (String line; (line = r.readLine()) != null; ) {
                lineNo++;
                bytes += line.length() * 2L + 1;
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
                        } else if (!node.path("text").isTextual()) {
                            problem = "no \"text\" string";
                        }
                    } catch (JsonProcessingException e) {
                        problem = "not valid JSON (" + e.getOriginalMessage() + ")";
                    }
                }
                if (problem != null) {
                    err.println("scan: line " + lineNo + ": " + problem + "; skipped");
                    bad++;
                    continue;
                }
                ObjectNode o = json.createObjectNode();
                o.set("id", node.get("id"));
                o.set("hits", HitJson.toJson(json, lib.scan(node.get("text").asText())));
                w.write(json.writeValueAsString(o));
                w.write('\n');
            }
        }
        progress.done();
        return bad == 0 ? Qinglang.OK : Qinglang.PARTIAL;
    }

    /** A one-line progress bar on stderr, drawn only when a person watches a terminal. */
    private static final class Progress {
        private final PrintWriter err;
        private final long total;
        private final boolean on;
        private long lastDraw;

        Progress(PrintWriter err, long total, boolean on) {
            this.err = err;
            this.total = total;
            this.on = on;
        }

        void update(long lines, long bytes) {
            long now = System.nanoTime();
            if (!on || now - lastDraw < 200_000_000L) {
                return;
            }
            lastDraw = now;
            if (total > 0) {
                int pct = (int) Math.min(100, bytes * 100 / Math.max(1, total * 2));
                int filled = pct / 5;
                err.print("\r[" + "#".repeat(filled) + " ".repeat(20 - filled) + "] " + pct + "%  " + lines + " 行");
            } else {
                err.print("\r" + lines + " 行");
            }
            err.flush();
        }

        void done() {
            if (on) {
                err.println();
            }
        }
    }
}
