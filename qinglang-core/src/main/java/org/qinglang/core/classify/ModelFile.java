package org.qinglang.core.classify;

import org.qinglang.core.lexicon.Channel;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * The model file (模型文件, {@code .qlm}): a model and where it came from, in a few megabytes.
 *
 * <pre>
 * "QLMODEL" 0x0A, format version (1 byte: 1 for fast, 3 for accurate)  -- plain
 * then gzip (mtime 0, so the same model gives the same bytes):
 *   mode            UTF   "fast"
 *   createdBy       UTF   "qinglang 0.1.0, liblinear 2.44"
 *   trainingSha256  UTF   64 hex digits
 *   c               double
 *   hashBits, maxN  int, int
 *   categories      int n, then n UTF (library features; 0 when off)
 *   channels        int n, then n UTF (the channel ids in feature order; 0 when library features are off)
 *   threshold       double
 *   bias            float
 *   weights         int n, then n little-endian float32
 *   end             int 0x454E4421 ("END!")
 * </pre>
 *
 * An accurate model ({@link AccurateModel}) has the same first four fields, with mode {@code "accurate"}
 * and its own C, then its own section, then its fast part in the fast layout:
 *
 * <pre>
 *   encoder         UTF   "bge-small-zh-v1.5-q, cls+max, 64 tokens" (must be this Qinglang's {@link SentenceEncoder#ID})
 *   combination     UTF   "score", "features" or "fm"
 *   threshold       double
 *   bias            float
 *   fastWeight      float
 *   embedding       int n (1024), then n little-endian float32
 *   factors         int p, int q (0 and 0 unless fm), then p + q rows of n + 1 little-endian float32 each
 *                   (the offensive class's p rows, then the other class's q rows)
 *   shortcut        double low, double high, double intercept, double slope (version 3; low is -Infinity
 *                   and high +Infinity when the encoder runs on every text)
 *   fast part:      c double, then hashBits … weights as above from hashBits on, with the fast bias
 *                   in place of threshold and bias (threshold not stored)
 *   end             int 0x454E4421
 * </pre>
 *
 * Version 2 added the factors (and the fm combination) to accurate files, version 3 the shortcut; fast files
 * are unchanged and still written as version 1. A version-1 accurate file is refused (its encoder, [CLS]
 * only, is not this one's); a version-2 file is read as a model without a shortcut; an older Qinglang
 * refuses a newer file by its version.
 *
 * <p>Numbers are big-endian except the weights; strings are Java's modified UTF-8. Reading checks every
 * field and the gzip checksum, and fails with a {@link ModelFileException} that names the file and the
 * problem.
 */
public final class ModelFile {

    /** The first eight bytes of every model file. */
    static final byte[] MAGIC = {'Q', 'L', 'M', 'O', 'D', 'E', 'L', '\n'};
    /** The newest format version this code writes and reads (accurate files; fast files are version 1). */
    public static final int FORMAT_VERSION = 3;
    /** The oldest accurate format this code reads: version 2, which has no shortcut. */
    static final int OLDEST_ACCURATE_VERSION = 2;
    /** The format version of fast files, unchanged since version 1. */
    public static final int FAST_FORMAT_VERSION = 1;
    /** The most factor rows per class a file may hold. */
    private static final int MAX_FACTORS = 256;
    private static final int END = 0x454E4421;

    private ModelFile() {
    }

    /** Writes {@code model} to {@code file} (through a temporary file, so a reader never sees half of it). */
    public static void write(FastModel model, Path file) throws IOException {
        writeAtomically(file, out -> write(model, out));
    }

    /** The bytes of {@code model}'s file. */
    public static byte[] toBytes(FastModel model) {
        return bytesOf(out -> write(model, out));
    }

    /** Something that writes a whole model file to a stream. */
    private interface Writing {
        void to(OutputStream out) throws IOException;
    }

    private static void writeAtomically(Path file, Writing writing) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
                writing.to(out);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static byte[] bytesOf(Writing writing) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try {
            writing.to(b);
        } catch (IOException e) {
            throw new AssertionError("writing to memory failed", e);
        }
        return b.toByteArray();
    }

    /** Writes {@code model} to {@code out}, which is not closed. */
    public static void write(FastModel model, OutputStream out) throws IOException {
        Body d = openBody(out, FAST_FORMAT_VERSION, model.mode(), model.about());
        writeFeatures(d, model.features());
        d.writeDouble(model.threshold());
        d.writeFloat(model.bias());
        writeFloats(d, model.weights());
        closeBody(d, out);
    }

    /** Writes the magic, the version and, gzipped, the fields every model file starts with. */
    private static Body openBody(OutputStream out, int version, Mode mode, FastModel.Provenance about)
            throws IOException {
        out.write(MAGIC);
        out.write(version);
        Body d = new Body(new GZIPOutputStream(out, 1 << 16));
        d.writeUTF(mode.id());
        d.writeUTF(about.createdBy());
        d.writeUTF(about.trainingSha256());
        d.writeDouble(about.c());
        return d;
    }

    /** Writes the end marker and finishes the gzip stream, leaving {@code out} open. */
    private static void closeBody(Body d, OutputStream out) throws IOException {
        d.writeInt(END);
        d.flush();
        d.gzip.finish();
        out.flush();
    }

    /** The gzipped part of a model file being written. */
    private static final class Body extends DataOutputStream {
        final GZIPOutputStream gzip;

        Body(GZIPOutputStream gzip) {
            super(gzip);
            this.gzip = gzip;
        }
    }

    /** Writes an accurate {@code model} to {@code file} (through a temporary file). */
    public static void write(AccurateModel model, Path file) throws IOException {
        writeAtomically(file, out -> write(model, out));
    }

    /** The bytes of an accurate {@code model}'s file. */
    public static byte[] toBytes(AccurateModel model) {
        return bytesOf(out -> write(model, out));
    }

    /** Writes an accurate {@code model} to {@code out}, which is not closed. */
    public static void write(AccurateModel model, OutputStream out) throws IOException {
        write(model, out, FORMAT_VERSION);
    }

    /**
     * Writes an accurate {@code model} in format {@code version} (2 or 3); version 2 holds no shortcut, so
     * {@code model} must have none.
     */
    static void write(AccurateModel model, OutputStream out, int version) throws IOException {
        if (version < OLDEST_ACCURATE_VERSION || version > FORMAT_VERSION) {
            throw new IllegalArgumentException("cannot write accurate format version " + version);
        }
        if (version < 3 && !model.shortcut().isNone()) {
            throw new IllegalArgumentException("format version " + version + " has no shortcut");
        }
        Body d = openBody(out, version, model.mode(), model.about());
        d.writeUTF(SentenceEncoder.ID);
        d.writeUTF(model.combination().id());
        d.writeDouble(model.threshold());
        d.writeFloat(model.bias());
        d.writeFloat(model.fastWeight());
        writeFloats(d, model.embeddingWeights());
        AccurateModel.Interactions q = model.interactions();
        d.writeInt(q.plus().length);
        d.writeInt(q.minus().length);
        for (float[][] rows : List.of(q.plus(), q.minus())) {
            for (float[] row : rows) {
                writeFloats(d, row);
            }
        }
        if (version >= 3) {
            AccurateModel.Shortcut s = model.shortcut();
            d.writeDouble(s.low());
            d.writeDouble(s.high());
            d.writeDouble(s.intercept());
            d.writeDouble(s.slope());
        }
        FastModel fast = model.fast();
        d.writeDouble(fast.about().c());
        writeFeatures(d, fast.features());
        d.writeFloat(fast.bias());
        writeFloats(d, fast.weights());
        closeBody(d, out);
    }

    private static void writeFeatures(DataOutputStream d, FastFeatures f) throws IOException {
        d.writeInt(f.hashBits());
        d.writeInt(f.maxN());
        d.writeInt(f.categories().size());
        for (String c : f.categories()) {
            d.writeUTF(c);
        }
        Channel[] channels = f.usesLibrary() ? Channel.values() : new Channel[0];
        d.writeInt(channels.length);
        for (Channel c : channels) {
            d.writeUTF(c.id());
        }
    }

    private static void writeFloats(DataOutputStream d, float[] w) throws IOException {
        d.writeInt(w.length);
        ByteBuffer buf = ByteBuffer.allocate(4 * 4096).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < w.length; i += 4096) {
            buf.clear();
            int n = Math.min(4096, w.length - i);
            buf.asFloatBuffer().put(w, i, n);
            d.write(buf.array(), 0, 4 * n);
        }
    }

    /** Reads the fast model in {@code file}; an accurate model there is refused (use {@link #load(Path)}). */
    public static FastModel read(Path file) throws ModelFileException {
        AbuseClassifier m = load(file);
        if (m instanceof FastModel fast) {
            return fast;
        }
        throw new ModelFileException(file.toString(), "holds a model of mode '" + m.mode().id() + "', not fast");
    }

    /** Reads a fast model from {@code in} (not closed); {@code source} names it in messages. */
    public static FastModel read(InputStream in, String source) throws ModelFileException {
        AbuseClassifier m = load(in, source);
        if (m instanceof FastModel fast) {
            return fast;
        }
        throw new ModelFileException(source, "holds a model of mode '" + m.mode().id() + "', not fast");
    }

    /**
     * Reads the model in {@code file}, of either mode. An accurate model is given the shared
     * {@link SentenceEncoder}, loaded on first use.
     */
    public static AbuseClassifier load(Path file) throws ModelFileException {
        String source = file.toString();
        if (Files.isDirectory(file)) {
            throw new ModelFileException(source, "is a directory, not a file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return load(in, source);
        } catch (NoSuchFileException e) {
            throw new ModelFileException(source, "not found");
        } catch (AccessDeniedException e) {
            throw new ModelFileException(source, "not readable (permission denied)");
        } catch (ModelFileException e) {
            throw e;
        } catch (IOException e) {
            throw new ModelFileException(source, "cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /** Reads a model of either mode from {@code in} (not closed); {@code source} names it in messages. */
    public static AbuseClassifier load(InputStream in, String source) throws ModelFileException {
        try {
            byte[] head = in.readNBytes(MAGIC.length + 1);
            if (head.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(head, MAGIC.length), MAGIC)) {
                throw new ModelFileException(source, head.length == 0 ? "is empty"
                        : "is not a Qinglang model file (it does not start with QLMODEL)");
            }
            if (head.length == MAGIC.length) {
                throw new ModelFileException(source, "is truncated (it ends after its first 8 bytes)");
            }
            int version = head[MAGIC.length] & 0xFF;
            if (version < FAST_FORMAT_VERSION || version > FORMAT_VERSION) {
                throw new ModelFileException(source, "has format version " + version + "; this Qinglang reads version "
                        + FORMAT_VERSION + (version > FORMAT_VERSION ? " (upgrade Qinglang or retrain the model)"
                        : " (retrain the model)"));
            }
            Tail tail = new Tail(in);
            Inflated inflated = new Inflated(new GZIPInputStream(tail, 1 << 16));
            DataInputStream d = new DataInputStream(new BufferedInputStream(inflated, 1 << 16));
            AbuseClassifier model = readBody(d, source, version);
            tail.drain();
            if (!tail.isGzipTrailerOf(inflated.crc.getValue(), inflated.size)) {
                // gzip itself skips what follows its one member without a word
                throw new ModelFileException(source, "is damaged (data after the compressed model)");
            }
            return model;
        } catch (ModelFileException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(source, "is damaged (" + e.getMessage() + ")", e);
        } catch (EOFException e) {
            throw new ModelFileException(source, "is truncated (it ends before the model does)", e);
        } catch (ZipException e) {
            throw new ModelFileException(source, "is damaged (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            String m = String.valueOf(e.getMessage());
            throw new ModelFileException(source, m.contains("end of ZLIB") || m.contains("Unexpected end")
                    ? "is truncated (it ends before the model does)" : "cannot be read (" + m + ")", e);
        }
    }

    /** The raw file as read, keeping its last 8 bytes: a single gzip member ends in its CRC-32 and size. */
    private static final class Tail extends FilterInputStream {
        private final byte[] last = new byte[8];
        private long count;

        Tail(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                keep((byte) b);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            for (int i = 0; i < n; i++) {
                keep(b[off + i]);
            }
            return n;
        }

        private void keep(byte b) {
            last[(int) (count++ & 7)] = b;
        }

        /** Reads what is left of the file (gzip may stop before it). */
        void drain() throws IOException {
            byte[] skip = new byte[8192];
            while (read(skip, 0, skip.length) >= 0) {
                // only the tail is kept
            }
        }

        /** True if the file ends with the trailer of {@code crc} and {@code size}, i.e. nothing follows the member. */
        boolean isGzipTrailerOf(long crc, long size) {
            long trailerCrc = 0;
            long trailerSize = 0;
            for (int i = 0; i < 4; i++) {
                trailerCrc |= (last[(int) ((count - 8 + i) & 7)] & 0xFFL) << (8 * i);
                trailerSize |= (last[(int) ((count - 4 + i) & 7)] & 0xFFL) << (8 * i);
            }
            return count >= 8 && trailerCrc == crc && trailerSize == (size & 0xFFFFFFFFL);
        }
    }

    /** The inflated model as read: its CRC-32 and length, to hold against the file's trailer. */
    private static final class Inflated extends FilterInputStream {
        final CRC32 crc = new CRC32();
        long size;

        Inflated(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                crc.update(b);
                size++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                crc.update(b, off, n);
                size += n;
            }
            return n;
        }
    }

    private static AbuseClassifier readBody(DataInputStream d, String source, int version) throws IOException {
        String mode = d.readUTF();
        if (!mode.equals(Mode.FAST.id()) && !mode.equals(Mode.ACCURATE.id())) {
            throw new ModelFileException(source, "holds a model of mode '" + mode + "'; this Qinglang reads "
                    + Mode.FAST.id() + " and " + Mode.ACCURATE.id());
        }
        String createdBy = d.readUTF();
        String sha = d.readUTF();
        double c = d.readDouble();
        if (mode.equals(Mode.FAST.id())) {
            FastFeatures features = readFeatures(d, source);
            double threshold = d.readDouble();
            float bias = d.readFloat();
            float[] w = readFloats(d, source, features.dimension(), "weights");
            readEnd(d, source);
            if (!(threshold > 0 && threshold < 1) || !Float.isFinite(bias)) {
                throw new ModelFileException(source, "is damaged (threshold " + threshold + ", bias " + bias + ")");
            }
            return new FastModel(features, w, bias, threshold, new FastModel.Provenance(sha, c, createdBy));
        }
        String encoder = d.readUTF();
        if (version < OLDEST_ACCURATE_VERSION) {
            throw new ModelFileException(source, "holds an accurate model of format version " + version
                    + " (sentence encoder '" + encoder + "'); this Qinglang reads accurate models of version "
                    + OLDEST_ACCURATE_VERSION + " to " + FORMAT_VERSION + " (" + SentenceEncoder.ID
                    + "); retrain the model");
        }
        if (!encoder.equals(SentenceEncoder.ID)) {
            throw new ModelFileException(source, "was trained on sentence encoder '" + encoder
                    + "' but this Qinglang has " + SentenceEncoder.ID + "; retrain the model");
        }
        AccurateModel.Combination combination;
        try {
            combination = AccurateModel.Combination.fromId(d.readUTF());
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(source, "is damaged (" + e.getMessage() + ")");
        }
        double threshold = d.readDouble();
        float bias = d.readFloat();
        float fastWeight = d.readFloat();
        float[] embedding = readFloats(d, source, SentenceEncoder.DIMENSION, "embedding weights");
        int plus = d.readInt();
        int minus = d.readInt();
        if (plus < 0 || minus < 0 || plus > MAX_FACTORS || minus > MAX_FACTORS
                || (plus + minus > 0) != (combination == AccurateModel.Combination.FM)) {
            throw new ModelFileException(source, "is damaged (" + plus + " + " + minus + " factor rows for combination "
                    + combination.id() + ")");
        }
        float[][] plusRows = new float[plus][];
        float[][] minusRows = new float[minus][];
        for (float[][] rows : List.of(plusRows, minusRows)) {
            for (int f = 0; f < rows.length; f++) {
                rows[f] = readFloats(d, source, SentenceEncoder.DIMENSION + 1, "factors");
            }
        }
        AccurateModel.Shortcut shortcut = AccurateModel.Shortcut.NONE;
        if (version >= 3) {
            double low = d.readDouble();
            double high = d.readDouble();
            double intercept = d.readDouble();
            double slope = d.readDouble();
            try {
                shortcut = new AccurateModel.Shortcut(low, high, intercept, slope);
            } catch (IllegalArgumentException e) {
                throw new ModelFileException(source, "is damaged (" + e.getMessage() + ")");
            }
        }
        double fastC = d.readDouble();
        FastFeatures features = readFeatures(d, source);
        float fastBias = d.readFloat();
        float[] w = readFloats(d, source, features.dimension(), "weights");
        readEnd(d, source);
        if (!(threshold > 0 && threshold < 1) || !Float.isFinite(bias) || !Float.isFinite(fastWeight)
                || !Float.isFinite(fastBias)) {
            throw new ModelFileException(source, "is damaged (threshold " + threshold + ", bias " + bias
                    + ", fast weight " + fastWeight + ", fast bias " + fastBias + ")");
        }
        FastModel fast = new FastModel(features, w, fastBias, 0.5, new FastModel.Provenance(sha, fastC, createdBy));
        return new AccurateModel(combination, fast, embedding, fastWeight,
                new AccurateModel.Interactions(plusRows, minusRows), bias, threshold,
                new FastModel.Provenance(sha, c, createdBy), SentenceEncoder.shared(), shortcut);
    }

    private static FastFeatures readFeatures(DataInputStream d, String source) throws IOException {
        int hashBits = d.readInt();
        int maxN = d.readInt();
        if (hashBits < FastFeatures.MIN_BITS || hashBits > FastFeatures.MAX_BITS || maxN < 1
                || maxN > FastFeatures.MAX_N) {
            throw new ModelFileException(source, "is damaged (hash bits " + hashBits + ", n-gram length " + maxN
                    + " out of range)");
        }
        List<String> categories = readStrings(d, source, "categories");
        List<String> channels = readStrings(d, source, "channels");
        List<String> ours = Arrays.stream(Channel.values()).map(Channel::id).toList();
        if (!categories.isEmpty() && !channels.equals(ours)) {
            throw new ModelFileException(source, "was trained with feature-library channels " + channels
                    + " but this Qinglang has " + ours + "; retrain the model");
        }
        return new FastFeatures(hashBits, maxN, categories);
    }

    private static float[] readFloats(DataInputStream d, String source, int expected, String what)
            throws IOException {
        int n = d.readInt();
        if (n != expected) {
            throw new ModelFileException(source, "is damaged (" + n + " " + what + " where " + expected
                    + " are expected)");
        }
        float[] w = new float[n];
        byte[] raw = new byte[4 * 4096];
        ByteBuffer buf = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i += 4096) {
            int k = Math.min(4096, n - i);
            d.readFully(raw, 0, 4 * k);
            buf.clear();
            buf.asFloatBuffer().get(w, i, k);
        }
        for (int i = 0; i < n; i++) {
            if (!Float.isFinite(w[i])) {
                throw new ModelFileException(source, "is damaged (" + what.replaceAll("s$", "") + " " + i + " is "
                        + w[i] + ")");
            }
        }
        return w;
    }

    private static void readEnd(DataInputStream d, String source) throws IOException {
        if (d.readInt() != END) {
            throw new ModelFileException(source, "is damaged (no end marker after the weights)");
        }
        if (d.read() != -1) {
            throw new ModelFileException(source, "is damaged (data after the end marker)");
        }
    }

    private static List<String> readStrings(DataInputStream d, String source, String what) throws IOException {
        int n = d.readInt();
        if (n < 0 || n > 1000) {
            throw new ModelFileException(source, "is damaged (" + n + " " + what + ")");
        }
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(d.readUTF());
        }
        return List.copyOf(out);
    }
}
