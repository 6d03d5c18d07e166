package org.qinglang.core.classify;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * Sentence vectors kept on disk between training runs (句向量缓存), so that a rerun does not encode the
 * same texts again. One file per list of texts, named by the SHA-256 of the encoder's id and the texts;
 * a damaged or foreign file is ignored and rewritten. Caches belong in a temporary or build folder, never
 * in the repository.
 */
final class EmbeddingCache {

    private static final int MAGIC = 0x514C4543; // "QLEC"

    private final Optional<Path> dir;

    /** A cache in {@code dir}, or none (always encode) when empty. */
    EmbeddingCache(Optional<Path> dir) {
        this.dir = dir;
    }

    /** The vectors of {@code texts}: from the cache if there, else encoded and stored. */
    float[][] vectors(SentenceEncoder encoder, List<String> texts, IntConsumer progress) throws IOException {
        if (dir.isEmpty()) {
            return encoder.encodeAll(texts, progress);
        }
        Path file = dir.get().resolve(key(encoder.id(), texts) + ".emb");
        if (Files.isRegularFile(file)) {
            float[][] cached = read(file, texts.size());
            if (cached != null) {
                progress.accept(texts.size());
                return cached;
            }
        }
        float[][] v = encoder.encodeAll(texts, progress);
        write(file, v);
        return v;
    }

    static String key(String encoderId, List<String> texts) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JVM has SHA-256", e);
        }
        sha.update(encoderId.getBytes(StandardCharsets.UTF_8));
        for (String t : texts) {
            sha.update((byte) 0);
            sha.update(t.getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static float[][] read(Path file, int n) {
        try (InputStream in = Files.newInputStream(file);
             DataInputStream d = new DataInputStream(new BufferedInputStream(in, 1 << 16))) {
            if (d.readInt() != MAGIC || d.readInt() != n || d.readInt() != SentenceEncoder.DIMENSION) {
                return null;
            }
            float[][] v = new float[n][SentenceEncoder.DIMENSION];
            byte[] raw = new byte[4 * SentenceEncoder.DIMENSION];
            ByteBuffer buf = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
            for (float[] row : v) {
                d.readFully(raw);
                buf.clear();
                buf.asFloatBuffer().get(row);
            }
            return d.read() == -1 ? v : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static void write(Path file, float[][] v) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp);
                 DataOutputStream d = new DataOutputStream(new BufferedOutputStream(out, 1 << 16))) {
                d.writeInt(MAGIC);
                d.writeInt(v.length);
                d.writeInt(SentenceEncoder.DIMENSION);
                ByteBuffer buf = ByteBuffer.allocate(4 * SentenceEncoder.DIMENSION).order(ByteOrder.LITTLE_ENDIAN);
                for (float[] row : v) {
                    buf.clear();
                    buf.asFloatBuffer().put(row);
                    d.write(buf.array());
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
