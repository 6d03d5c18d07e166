package org.qinglang.app.server;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The server secret (服务端密钥): 32 random bytes in {@code <data dir>/server-secret}, made on the first start
 * and readable by the owner only. It keys the hashes of personal identifiers, so the database alone cannot
 * be searched for a known IP address or device id. Thread-safe.
 */
@Component
public final class ServerSecret {

    /** The file name inside the data directory. */
    public static final String FILE = "server-secret";

    private final byte[] key;
    /** One keyed Mac per thread: making one costs more than hashing a short identifier with it. */
    private final ThreadLocal<Mac> macs;

    public ServerSecret(@Value("${qinglang.data-dir}") Path dataDir) {
        this.key = loadOrCreate(dataDir.resolve(FILE));
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /**
     * The keyed hash (HMAC-SHA256, hex) of a personal identifier such as an IP address or a device id:
     * the same input gives the same hash on this server, and nothing else can be learnt from it.
     */
    public String hashPersonalId(String raw) {
        return HexFormat.of().formatHex(macs.get().doFinal(raw.getBytes(StandardCharsets.UTF_8)));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java 17 runtime", e);
        }
    }

    static byte[] loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                try {
                    SecretFiles.createOwnerOnly(file, HexFormat.of().formatHex(fresh).getBytes(StandardCharsets.US_ASCII));
                } catch (FileAlreadyExistsException raced) {
                    // another start made it first: read theirs
                }
            }
            String hex = Files.readString(file, StandardCharsets.US_ASCII).strip();
            byte[] k = HexFormat.of().parseHex(hex);
            if (k.length < 32) {
                throw new IllegalStateException(file + " must hold at least 32 bytes as hex, holds " + k.length);
            }
            return k;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the server secret " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(file + " is not hex: " + e.getMessage(), e);
        }
    }
}
