package org.qinglang.bench;

import org.qinglang.core.classify.AccurateModel;
import org.qinglang.core.classify.AccurateTrainer;
import org.qinglang.core.classify.ModelFile;
import org.qinglang.core.classify.ModelFileException;
import org.qinglang.core.classify.SentenceEncoder;
import org.qinglang.core.classify.TrainingData;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Gives an accurate model trained before the shortcut existed (format version 2) its shortcut
 * ({@link AccurateModel.Shortcut}), fitted as {@code bin/qinglang train --mode accurate} fits it, from the
 * train and dev texts of the model's data folder; the weights and threshold are kept. It is how the shipped
 * {@code accurate-cold.qlm} got its shortcut without being retrained: on another processor ONNX Runtime's int8
 * kernels round the sentence vectors differently, and retraining there chooses another grid point.
 *
 * <p>Run from the repository root: {@code java -cp qinglang-bench/target/benchmarks.jar
 * org.qinglang.bench.AddShortcut MODEL.qlm ../shared/data/cold OUT.qlm [TOLERANCE]}: with a tolerance (a share
 * of dev, such as 0.001) the band may change that many dev labels, for a model that skips the encoder more
 * often. Sentence vectors come from training's cache ({@code $TMPDIR/qinglang-embedding-cache}) when it holds
 * them.
 */
public final class AddShortcut {

    private AddShortcut() {
    }

    public static void main(String[] args) throws IOException, ModelFileException {
        if (args.length != 3 && args.length != 4) {
            System.err.println("usage: AddShortcut MODEL.qlm DATA_DIR OUT.qlm [TOLERANCE]");
            System.exit(2);
        }
        if (!(ModelFile.load(Path.of(args[0])) instanceof AccurateModel model)) {
            System.err.println(args[0] + " holds a fast model; only accurate models have a shortcut");
            System.exit(2);
            return;
        }
        TrainingData data = TrainingData.read(Path.of(args[1]));
        if (!data.sha256().equals(model.about().trainingSha256())) {
            System.err.println(args[0] + " was trained on other data than " + args[1]);
            System.exit(2);
        }
        Path cache = Path.of(System.getProperty("java.io.tmpdir"), "qinglang-embedding-cache");
        AccurateModel withShortcut = AccurateTrainer.withShortcut(model, data.train(), data.dev(),
                SentenceEncoder.shared(), Optional.of(cache), args.length == 4 ? Double.parseDouble(args[3]) : 0,
                (stage, done, total, t) -> { });
        try (OutputStream out = Files.newOutputStream(Path.of(args[2]))) {
            ModelFile.write(withShortcut, out);
        }
        System.out.println(withShortcut.shortcut());
        System.out.printf("wrote %s (%,d bytes)%n", args[2], Files.size(Path.of(args[2])));
    }
}
