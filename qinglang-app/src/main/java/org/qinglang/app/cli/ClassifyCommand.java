package org.qinglang.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.qinglang.app.Qinglang;
import org.qinglang.core.classify.AbuseClassifier;
import org.qinglang.core.classify.AbuseScore;
import org.qinglang.core.classify.AccurateModel;
import org.qinglang.core.classify.Evaluation;
import org.qinglang.core.classify.LabelledCsv;
import org.qinglang.core.classify.LabelledText;
import org.qinglang.core.classify.Mode;
import org.qinglang.core.classify.ModelFile;
import org.qinglang.core.classify.ModelFileException;
import org.qinglang.core.classify.ShippedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code qinglang classify}: scores texts with the abusive-language model. Reads JSON lines
 * {@code {"id":…, "text":…}} and writes {@code {"id":…, "score":…, "label":…}} per line; a bad line is
 * reported by number on stderr and skipped. With {@code --eval} it instead scores a labelled CSV (COLD or
 * SWSR) and prints accuracy and macro-F1.
 */
@Command(name = "classify", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Score texts with the abusive-language model: a score in [0, 1] and a label (1 = abusive).",
                "用辱骂识别模型给文本打分：分数 [0, 1]，标签 1 = 辱骂。"},
        footer = {"%nWith no --model, the model shipped in Qinglang for --mode (trained on COLD) is used.",
                "Exit codes: 0 done, 1 failed, 2 bad usage, 3 file not readable or writable (model included),",
                "4 some lines skipped."})
public final class ClassifyCommand implements Callable<Integer> {


    @Spec
    CommandSpec spec;

    @Option(names = "--in", paramLabel = "FILE.jsonl", description = "JSON lines {\"id\":…, \"text\":…}; - for stdin")
    String in;

    @Option(names = "--eval", paramLabel = "FILE.csv",
            description = "instead of --in: a labelled CSV (COLD or SWSR); prints accuracy and macro-F1")
    Path eval;

    @Option(names = "--model", paramLabel = "FILE",
            description = "model file, of either mode (default: the shipped model of --mode)")
    Path model;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "fast",
            description = "fast or accurate (the shipped model of that mode when no --model is given);"
                    + " default: ${DEFAULT-VALUE}")
    String mode;

    @Option(names = "--out", paramLabel = "FILE", description = "where to write results (default: stdout)")
    Path out;

    @Option(names = "--no-shortcut",
            description = "accurate: run the sentence encoder on every text, also where the fast margin alone"
                    + " settles the label")
    boolean noShortcut;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Messages say = Messages.of(spec);
        String m = mode.toLowerCase(Locale.ROOT);
        if (!m.equals("fast") && !m.equals("accurate")) {
            err.println("classify: " + say.get("usage.unknownMode", mode));
            return Qinglang.USAGE;
        }
        boolean accurate = m.equals("accurate");
        // the sentence encoder's wrapper logs through SLF4J, which has no binding outside `serve`: keep it quiet
        System.setProperty("slf4j.internal.verbosity", System.getProperty("slf4j.internal.verbosity", "ERROR"));
        if ((in == null) == (eval == null)) {
            err.println("classify: " + say.get("classify.inOrEval"));
            return Qinglang.USAGE;
        }
        JsonLines.Refusal refused = JsonLines.refusal(in != null ? in : eval.toString(), out, say);
        if (refused != null) {
            err.println("classify: " + refused.message());
            return refused.exitCode();
        }
        long loadStart = System.nanoTime();
        AbuseClassifier classifier;
        try {
            classifier = model != null ? ModelFile.load(model)
                    : accurate ? ShippedModel.loadAccurate() : ShippedModel.loadFast();
        } catch (ModelFileException e) {
            err.println("classify: " + e.getMessage());
            return Qinglang.IO;
        }
        if (model != null && classifier.mode() != Mode.fromId(m) && spec.commandLine().getParseResult()
                .hasMatchedOption("--mode")) {
            err.println("classify: " + say.get("classify.modeMismatch", model, classifier.mode().id(), m));
            return Qinglang.USAGE;
        }
        if (noShortcut) {
            classifier = classifier.inFull();
        }
        long loadNanos = System.nanoTime() - loadStart;
        ObjectMapper json = new ObjectMapper();
        try (Writer w = JsonLines.output(out, spec.commandLine().getOut())) {
            if (eval != null) {
                return evaluate(classifier, loadNanos, json, w, err, say);
            }
            return classifyLines(classifier, json, w, err, say);
        } catch (NoSuchFileException e) {
            err.println("classify: " + say.get("file.noSuchFile", e.getFile()));
            return Qinglang.IO;
        } catch (IOException e) {
            err.println("classify: " + e.getMessage());
            return Qinglang.IO;
        }
    }

    private int classifyLines(AbuseClassifier classifier, ObjectMapper json, Writer w, PrintWriter err,
                              Messages say) throws IOException {
        int bad = JsonLines.read(in, json, err, say, "classify", JsonLines.Progress.NONE, line -> {
            AbuseScore s = classifier.score(line.get("text").asText());
            ObjectNode o = json.createObjectNode();
            o.set("id", line.get("id"));
            o.put("score", round4(s.score()));
            o.put("label", s.label());
            w.write(json.writeValueAsString(o));
            w.write('\n');
        });
        return bad == 0 ? Qinglang.OK : Qinglang.PARTIAL;
    }

    private int evaluate(AbuseClassifier classifier, long loadNanos, ObjectMapper json, Writer w, PrintWriter err,
                         Messages say) throws IOException {
        List<LabelledText> data = LabelledCsv.read(eval);
        // one untimed pass to warm the JIT (for accurate, whose texts cost 3–5 ms each, the first 500 texts),
        // then the timed pass that gives the figures
        Evaluation.of(classifier, classifier.mode() == Mode.ACCURATE ? data.subList(0, Math.min(500, data.size()))
                : data);
        long start = System.nanoTime();
        Evaluation e = Evaluation.of(classifier, data);
        long nanos = System.nanoTime() - start;
        ObjectNode o = json.createObjectNode();
        o.put("file", eval.toString());
        o.put("texts", e.size());
        o.put("accuracy", round4(e.accuracy()));
        o.put("macroF1", round4(e.macroF1()));
        o.put("truePositives", e.truePositives());
        o.put("falsePositives", e.falsePositives());
        o.put("trueNegatives", e.trueNegatives());
        o.put("falseNegatives", e.falseNegatives());
        if (classifier instanceof AccurateModel a) {
            o.put("encoderSkipped", data.stream().filter(t -> a.skipsEncoder(t.text())).count());
        }
        w.write(json.writeValueAsString(o));
        w.write('\n');
        err.println("classify: " + say.get("classify.timing", whole(loadNanos / 1e6), e.size(), whole(nanos / 1e6),
                whole(e.size() / (nanos / 1e9))));
        return Qinglang.OK;
    }

    /** {@code v} rounded to a whole number, written without grouping. */
    private static String whole(double v) {
        return String.format(Locale.ROOT, "%.0f", v);
    }

    private static double round4(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
