package org.qinglang.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.qinglang.app.Qinglang;
import org.qinglang.core.lexicon.FeatureLibrary;
import org.qinglang.core.lexicon.LibraryFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
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
                "Exit codes: 0 done, 1 failed, 2 bad usage, 3 file not readable or writable, 4 some lines skipped (of the input or of a library file)."})
public final class ScanCommand implements Callable<Integer> {

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
        Messages say = Messages.of(spec);
        if ((in == null) == (text == null)) {
            err.println("scan: " + say.get("usage.inOrText"));
            return Qinglang.USAGE;
        }
        JsonLines.Refusal refused = JsonLines.refusal(in, out, say);
        if (refused != null) {
            err.println("scan: " + refused.message());
            return refused.exitCode();
        }
        FeatureLibrary lib;
        boolean libraryLinesSkipped;
        try {
            LibraryFile.Result read = Libraries.read(libraries, err, say);
            libraryLinesSkipped = !read.problems().isEmpty();
            lib = Libraries.compile(read, err, say);
        } catch (IOException e) {
            err.println("scan: " + say.get("library.cannotRead", e.getMessage()));
            return Qinglang.IO;
        }
        ObjectMapper json = new ObjectMapper();
        try (Writer w = JsonLines.output(out, spec.commandLine().getOut())) {
            if (text != null) {
                ObjectNode o = json.createObjectNode();
                o.set("hits", HitJson.toJson(json, lib.scan(text)));
                w.write(json.writeValueAsString(o));
                w.write('\n');
                return libraryLinesSkipped ? Qinglang.PARTIAL : Qinglang.OK;
            }
            int code = scanLines(lib, json, w, err, say);
            return libraryLinesSkipped ? Qinglang.PARTIAL : code;
        } catch (IOException e) {
            err.println("scan: " + e.getMessage());
            return Qinglang.IO;
        }
    }

    private int scanLines(FeatureLibrary lib, ObjectMapper json, Writer w, PrintWriter err, Messages say)
            throws IOException {
        long total = "-".equals(in) ? -1 : Files.size(Path.of(in));
        ProgressBar progress = new ProgressBar(err, say, total, out != null && System.console() != null);
        int bad = JsonLines.read(in, json, err, say, "scan", progress, line -> {
            ObjectNode o = json.createObjectNode();
            o.set("id", line.get("id"));
            o.set("hits", HitJson.toJson(json, lib.scan(line.get("text").asText())));
            w.write(json.writeValueAsString(o));
            w.write('\n');
        });
        progress.done();
        return bad == 0 ? Qinglang.OK : Qinglang.PARTIAL;
    }

    /** A one-line progress bar on stderr, drawn only when a person watches a terminal. */
    static final class ProgressBar implements JsonLines.Progress {
        private final PrintWriter err;
        private final Messages say;
        private final long total;
        private final boolean on;
        private long lastDraw;

        ProgressBar(PrintWriter err, Messages say, long total, boolean on) {
            this.err = err;
            this.say = say;
            this.total = total;
            this.on = on;
        }

        @Override
        public void update(long lines, long bytes) {
            long now = System.nanoTime();
            if (!on || now - lastDraw < 200_000_000L) {
                return;
            }
            lastDraw = now;
            if (total > 0) {
                int pct = (int) Math.min(100, bytes * 100 / Math.max(1, total));
                int filled = pct / 5;
                err.print("\r[" + "#".repeat(filled) + " ".repeat(20 - filled) + "] " + pct + "%  "
                        + say.get("progress.lines", lines));
            } else {
                err.print("\r" + say.get("progress.lines", lines));
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
