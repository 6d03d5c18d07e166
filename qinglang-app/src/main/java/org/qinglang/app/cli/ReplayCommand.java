package org.qinglang.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.qinglang.app.Qinglang;
import org.qinglang.core.classify.ModelFileException;
import org.qinglang.core.classify.ShippedModel;
import org.qinglang.core.lexicon.FeatureLibrary;
import org.qinglang.core.coord.CoordinationDetector;
import org.qinglang.core.stream.Alert;
import org.qinglang.core.stream.Event;
import org.qinglang.core.stream.EventCodec;
import org.qinglang.core.stream.PileOnMonitor;
import org.qinglang.core.stream.PileOnThresholds;
import org.qinglang.core.stream.StreamRuntime;
import org.qinglang.core.verdict.Context;
import org.qinglang.core.verdict.Moderator;
import org.qinglang.core.verdict.Thresholds;
import org.qinglang.core.verdict.Verdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * {@code qinglang replay}: runs a file of events through the pile-on monitor (网暴预警) and the coordination
 * detector (水军检测; {@code --detectors} chooses) in the in-process runtime, in event time, and writes every alert as a JSON line {@code {"ts", "kind", "target", "level",
 * "evidence", "participants"}}. Input lines are events in the format of ARCHITECTURE.md, or bare comment
 * lines {@code {"ts", "text"}} (the CHNCI format: one target per file, no actors). A bad line is reported by
 * number on stderr and skipped.
 */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Replay events through the pile-on monitor and the coordination detector and write every "
                + "alert (watch, warning, severe, closed) as a JSON line.",
                "网暴预警与水军检测回放：按事件时间回放事件流，输出每条告警（关注、预警、严重、解除）。"},
        footer = {"%nEvents are judged by the Moderator with the shipped feature library and the fast model. Lines "
                + "should be in time order; a line earlier than the one before is still counted, at the current time.",
                "A thresholds file has one setting a line: NAME VALUE (warningScore 80, window 2h); # starts a comment. "
                        + "See docs/pile-on.md.",
                "Exit codes: 0 done, 1 failed, 2 bad usage, 3 file not readable or writable, 4 some lines skipped."})
public final class ReplayCommand implements Callable<Integer> {

    /** How long a target may go without events before its state is dropped. */
    static final Duration IDLE = Duration.ofDays(2);

    @Spec
    CommandSpec spec;

    @Option(names = "--in", required = true, paramLabel = "FILE.jsonl",
            description = "events, one JSON object a line (or bare {\"ts\",\"text\"} comment lines); - for stdin")
    String in;

    @Option(names = "--out", paramLabel = "FILE", description = "where to write the alerts (default: stdout)")
    Path out;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "auto",
            description = "events, bare (CHNCI-style {\"ts\",\"text\"} lines about one target) or auto "
                    + "(per line: bare if it has no \"type\"); default: ${DEFAULT-VALUE}")
    String format;

    @Option(names = "--target", paramLabel = "NAME",
            description = "the target of bare comment lines; default: the input file's name without .jsonl")
    String target;

    @Option(names = "--thresholds", paramLabel = "FILE",
            description = "the monitor's settings (format below); default: built in")
    Path thresholds;

    @Option(names = "--detectors", paramLabel = "LIST", defaultValue = "pileon,coordination",
            description = "which detectors to run, comma-separated: pileon, coordination; default: ${DEFAULT-VALUE}")
    String detectors;

    /** The detectors {@code --detectors} may name. */
    static final List<String> DETECTORS = List.of("pileon", "coordination");

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Messages say = Messages.of(spec);
        String f = format.toLowerCase(Locale.ROOT);
        if (!List.of("auto", "events", "bare").contains(f)) {
            err.println("replay: " + say.get("replay.unknownFormat", format));
            return Qinglang.USAGE;
        }
        Set<String> chosen = new LinkedHashSet<>();
        for (String d : detectors.split(",")) {
            String name = d.strip().toLowerCase(Locale.ROOT);
            if (!DETECTORS.contains(name)) {
                err.println("replay: " + say.get("replay.unknownDetector", d.strip()));
                return Qinglang.USAGE;
            }
            chosen.add(name);
        }
        PileOnThresholds settings = PileOnThresholds.defaults();
        if (thresholds != null) {
            try (Reader r = Files.newBufferedReader(thresholds, StandardCharsets.UTF_8)) {
                settings = PileOnThresholds.parse(r, thresholds.toString());
            } catch (IllegalArgumentException e) {
                err.println("replay: " + e.getMessage());
                return Qinglang.USAGE;
            } catch (IOException e) {
                err.println("replay: " + say.get("thresholds.cannotRead", thresholds, e.getMessage()));
                return Qinglang.IO;
            }
        }
        JsonLines.Refusal refused = JsonLines.refusal(in, out, say);
        if (refused != null) {
            err.println("replay: " + refused.message());
            return refused.exitCode();
        }
        String bareTarget = target != null ? target : "-".equals(in) ? "stdin"
                : Path.of(in).getFileName().toString().replaceFirst("\\.jsonl?$", "");
        if (bareTarget.isBlank()) {
            err.println("replay: " + say.get("replay.emptyTarget"));
            return Qinglang.USAGE;
        }
        List<StreamRuntime<?>> runtimes = new ArrayList<>();
        if (chosen.contains("coordination")) {
            runtimes.add(new StreamRuntime<>(CoordinationDetector.DEFAULTS, IDLE));
        }
        if (!chosen.contains("pileon")) {
            return run(runtimes, f, bareTarget, err, say);
        }
        Moderator moderator;
        try {
            FeatureLibrary lib = Libraries.compile(Libraries.read(List.of(), err, say), err, say);
            moderator = new Moderator(lib, ShippedModel.loadFast(), Thresholds.defaults());
        } catch (ModelFileException e) {
            err.println("replay: " + e.getMessage());
            return Qinglang.IO;
        } catch (IOException e) {
            err.println("replay: " + say.get("library.cannotRead", e.getMessage()));
            return Qinglang.IO;
        }
        Function<Event, Verdict> verdicts = e -> moderator.check(e.text(), sceneOf(e));
        runtimes.add(0, new StreamRuntime<>(new PileOnMonitor(settings, verdicts), IDLE));
        return run(runtimes, f, bareTarget, err, say);
    }

    private int run(List<StreamRuntime<?>> runtimes, String f, String bareTarget, PrintWriter err, Messages say) {
        try (Writer w = JsonLines.output(out, spec.commandLine().getOut())) {
            return replay(runtimes, f, bareTarget, w, err, say);
        } catch (NoSuchFileException e) {
            err.println("replay: " + say.get("file.noSuchFile", e.getFile()));
            return Qinglang.IO;
        } catch (IOException e) {
            err.println("replay: " + e.getMessage());
            return Qinglang.IO;
        }
    }

    private int replay(List<StreamRuntime<?>> runtimes, String f, String bareTarget, Writer w,
                       PrintWriter err, Messages say) throws IOException {
        ObjectMapper json = new ObjectMapper();
        EventCodec codec = new EventCodec();
        Map<Alert.Level, Integer> counts = new EnumMap<>(Alert.Level.class);
        long[] seen = new long[2]; // events, out of order
        Instant[] last = {Instant.MIN};
        long total = "-".equals(in) ? -1 : Files.size(Path.of(in));
        ScanCommand.ProgressBar progress = new ScanCommand.ProgressBar(err, say, total,
                out != null && System.console() != null);
        int bad = JsonLines.read(in, json, err, say, "replay", progress, false, line -> {
            boolean bare = f.equals("bare") || f.equals("auto") && !line.has("type");
            Event e = bare ? codec.readBareComment(line, "c-" + (seen[0] + 1), bareTarget) : codec.read(line);
            seen[0]++;
            if (e.ts().isBefore(last[0])) {
                seen[1]++;
            } else {
                last[0] = e.ts();
            }
            for (StreamRuntime<?> runtime : runtimes) {
                write(w, codec, runtime.accept(e), counts);
            }
        });
        for (StreamRuntime<?> runtime : runtimes) {
            write(w, codec, runtime.advanceTo(Instant.MAX), counts);
        }
        progress.done();
        err.println("replay: " + say.get(seen[1] > 0 ? "replay.summaryOutOfOrder" : "replay.summary", seen[0],
                counts.getOrDefault(Alert.Level.WATCH, 0), counts.getOrDefault(Alert.Level.WARNING, 0),
                counts.getOrDefault(Alert.Level.SEVERE, 0), counts.getOrDefault(Alert.Level.CLOSED, 0), seen[1]));
        return bad == 0 ? Qinglang.OK : Qinglang.PARTIAL;
    }

    /** The event's context, with its type as the scene when it names none. */
    static Context sceneOf(Event e) {
        Context c = e.context();
        if (c.scene().isEmpty() && Context.SCENES.contains(e.type().id())) {
            return new Context(c.relation(), c.actorAgeDays(), e.type().id());
        }
        return c;
    }

    private static void write(Writer w, EventCodec codec, List<Alert> alerts, Map<Alert.Level, Integer> counts)
            throws IOException {
        for (Alert a : alerts) {
            counts.merge(a.level(), 1, Integer::sum);
            w.write(codec.writeAlert(a));
            w.write('\n');
        }
    }
}
