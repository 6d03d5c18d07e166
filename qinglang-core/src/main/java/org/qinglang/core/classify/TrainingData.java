package org.qinglang.core.classify;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The data a model is trained from: a directory with COLD's layout, {@code train.csv} to fit on and
 * {@code dev.csv} to choose hyper-parameters on ({@code test.csv}, if there, is never read here).
 *
 * @param train  the training texts, in file order
 * @param dev    the dev texts, in file order
 * @param sha256 SHA-256 over the bytes of train.csv, then dev.csv (lower-case hex)
 */
public record TrainingData(List<LabelledText> train, List<LabelledText> dev, String sha256) {

    public TrainingData {
        train = List.copyOf(train);
        dev = List.copyOf(dev);
    }

    /** Reads {@code dir/train.csv} and {@code dir/dev.csv}. */
    public static TrainingData read(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "not a directory (expected one holding train.csv and dev.csv)");
        }
        Path train = dir.resolve("train.csv");
        Path dev = dir.resolve("dev.csv");
        for (Path p : List.of(train, dev)) {
            if (!Files.isRegularFile(p)) {
                throw new NoSuchFileException(p.toString(), null, "missing (the data directory needs train.csv and dev.csv)");
            }
        }
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JVM has SHA-256", e);
        }
        for (Path p : List.of(train, dev)) {
            try (InputStream in = new DigestInputStream(Files.newInputStream(p), sha)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
        }
        return new TrainingData(LabelledCsv.read(train), LabelledCsv.read(dev), HexFormat.of().formatHex(sha.digest()));
    }
}
