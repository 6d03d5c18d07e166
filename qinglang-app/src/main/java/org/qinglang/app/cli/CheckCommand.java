package org.qinglang.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.qinglang.app.Qinglang;
import org.qinglang.core.classify.AbuseClassifier;
import org.qinglang.core.classify.ModelFileException;
import org.qinglang.core.classify.ShippedModel;
import org.qinglang.core.lexicon.FeatureLibrary;
import org.qinglang.core.stream.EventCodec;
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
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code qinglang check}: the Moderator's verdict for texts. Reads JSON lines
 * {@code {"id":…, "text":…, "context":{"relation":…, "actorAgeDays":…, "scene":…}}} (context and each of
 * its fields optional) and writes {@code {"id":…, "suggestion":…, "riskLevel":…, "labels":[…],
 * "warnBeforePost":…}} per line; or checks one {@code --text}. A bad line, or a line with a bad context
 * field, is reported by number on stderr and skipped.
 */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Give the Moderator's verdict for texts: pass, review or block, with labels, hits and "
                + "whether to warn the person before posting.",
                "审核决策：通过、人审或拦截，附标签、命中与发文警示。"},
        footer = {"%nUses the feature library and the model shipped for --mode (trained on COLD), with the "
                + "thresholds of --thresholds or the defaults (review from " + Thresholds.DEFAULT_REVIEW
                + ", block from " + Thresholds.DEFAULT_BLOCK + ").",
                "A thresholds file has one setting a line: WHERE REVIEW BLOCK, where WHERE is * (every label and "
                        + "scene), a label (辱骂), @scene (@danmaku) or label@scene (辱骂@dm); # starts a comment.",
                "Exit codes: 0 done, 1 failed, 2 bad usage, 3 file not readable or writable, 4 some lines skipped."})
public final class CheckCommand implements Callable<Integer> {

    /** The engine's one verdict JSON. */
    private static final EventCodec CODEC = new EventCodec();

    @Spec
    CommandSpec spec;

    @Option(names = "--in", paramLabel = "FILE.jsonl",
            description = "JSON lines {\"id\":…, \"text\":…, \"context\":{\"relation\":…, \"actorAgeDays\":…,"
                    + " \"scene\":…}}; - for stdin")
    String in;

    @Option(names = "--text", paramLabel = "TEXT", description = "check this one text (no context) instead of --in")
    String text;

    @Option(names = "--out", paramLabel = "FILE", description = "where to write results (default: stdout)")
    Path out;

    @Option(names = "--thresholds", paramLabel = "FILE",
            description = "review and block thresholds per label and scene (format below); default: built in")
    Path thresholds;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "fast",
            description = "the shipped model to use: fast or accurate; default: ${DEFAULT-VALUE}")
    String mode;

    @Option(names = "--no-shortcut",
            description = "accurate: run the sentence encoder on every text, also where the fast margin alone"
                    + " settles the label (the score then is the full model's against every threshold)")
    boolean noShortcut;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Messages say = Messages.of(spec);
        String m = mode.toLowerCase(Locale.ROOT);
        if (!m.equals("fast") && !m.equals("accurate")) {
            err.println("check: " + say.get("usage.unknownMode", mode));
            return Qinglang.USAGE;
        }
        if ((in == null) == (text == null)) {
            err.println("check: " + say.get("usage.inOrText"));
            return Qinglang.USAGE;
        }
        JsonLines.Refusal refused = JsonLines.refusal(in, out, say);
        if (refused != null) {
            err.println("check: " + refused.message());
            return refused.exitCode();
        }
        // the sentence encoder's wrapper logs through SLF4J, which has no binding outside `serve`: keep it quiet
        System.setProperty("slf4j.internal.verbosity", System.getProperty("slf4j.internal.verbosity", "ERROR"));
        FeatureLibrary lib;
        AbuseClassifier classifier;
        try {
            lib = Libraries.compile(Libraries.read(List.of(), err, say), err, say);
            classifier = m.equals("accurate") ? ShippedModel.loadAccurate() : ShippedModel.loadFast();
        } catch (ModelFileException e) {
            err.println("check: " + e.getMessage());
            return Qinglang.IO;
        } catch (IOException e) {
            err.println("check: " + say.get("library.cannotRead", e.getMessage()));
            return Qinglang.IO;
        }
        if (noShortcut) {
            classifier = classifier.inFull();
        }
        Thresholds limits = Thresholds.defaults();
        if (thresholds != null) {
            try (Reader r = Files.newBufferedReader(thresholds, StandardCharsets.UTF_8)) {
                limits = Thresholds.parse(r, thresholds.toString());
            } catch (IllegalArgumentException e) {
                err.println("check: " + e.getMessage());
                return Qinglang.USAGE;
            } catch (IOException e) {
                err.println("check: " + say.get("thresholds.cannotRead", thresholds, e.getMessage()));
                return Qinglang.IO;
            }
        }
        Moderator moderator = new Moderator(lib, classifier, limits);
        ObjectMapper json = new ObjectMapper();
        try (Writer w = JsonLines.output(out, spec.commandLine().getOut())) {
            if (text != null) {
                write(w, json, toJson(json, null, moderator.check(text, Context.none())));
                return Qinglang.OK;
            }
            return checkLines(moderator, json, w, err, say);
        } catch (NoSuchFileException e) {
            err.println("check: " + say.get("file.noSuchFile", e.getFile()));
            return Qinglang.IO;
        } catch (IOException e) {
            err.println("check: " + e.getMessage());
            return Qinglang.IO;
        }
    }

    private int checkLines(Moderator moderator, ObjectMapper json, Writer w, PrintWriter err, Messages say)
            throws IOException {
        int bad = JsonLines.read(in, json, err, say, "check", JsonLines.Progress.NONE, line -> {
            Context ctx;
            try {
                ctx = context(line.get("context"), say);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(say.get("context.bad", e.getMessage()), e);
            }
            write(w, json, toJson(json, line.get("id"), moderator.check(line.get("text").asText(), ctx)));
        });
        return bad == 0 ? Qinglang.OK : Qinglang.PARTIAL;
    }

    /** The context of a line; absent or null fields are unknown. What is wrong is said in {@code say}'s language. */
    static Context context(JsonNode c, Messages say) {
        if (c == null || c.isNull()) {
            return Context.none();
        }
        if (!c.isObject()) {
            throw new IllegalArgumentException(say.get("context.notObject"));
        }
        Context.Relation relation = Context.Relation.UNKNOWN;
        JsonNode rel = c.get("relation");
        if (rel != null && !rel.isNull()) {
            if (!rel.isTextual()) {
                throw new IllegalArgumentException(say.get("context.relationNotText"));
            }
            relation = Context.Relation.fromId(rel.asText());
        }
        int age = Context.UNKNOWN_AGE;
        JsonNode a = c.get("actorAgeDays");
        if (a != null && !a.isNull()) {
            if (!a.isIntegralNumber() || !a.canConvertToInt() || a.asInt() < 0) {
                throw new IllegalArgumentException(say.get("context.badAge", a.toString()));
            }
            age = a.asInt();
        }
        String scene = "";
        JsonNode s = c.get("scene");
        if (s != null && !s.isNull()) {
            if (!s.isTextual()) {
                throw new IllegalArgumentException(say.get("context.sceneNotText"));
            }
            scene = s.asText();
        }
        return new Context(relation, age, scene);
    }

    /** A verdict as JSON, with the field names of ARCHITECTURE.md; {@code id} first when there is one. */
    static ObjectNode toJson(ObjectMapper json, JsonNode id, Verdict v) {
        ObjectNode o = json.createObjectNode();
        if (id != null) {
            o.set("id", id);
        }
        o.setAll(CODEC.verdictToJson(v));
        return o;
    }

    private static void write(Writer w, ObjectMapper json, ObjectNode o) throws IOException {
        w.write(json.writeValueAsString(o));
        w.write('\n');
    }
}
