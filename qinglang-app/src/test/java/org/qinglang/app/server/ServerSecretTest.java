package org.qinglang.app.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/** The server secret: made once, owner-only, kept across starts; the same id hashes alike, keyed. */
class ServerSecretTest {

    @Test
    void madeOnceKeptAcrossStartsAndKeyed(@TempDir Path dir) throws Exception {
        ServerSecret first = new ServerSecret(dir);
        Path file = dir.resolve(ServerSecret.FILE);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String h = first.hashPersonalId("203.0.113.7");
        assertThat(h).hasSize(64).matches("[0-9a-f]+").isEqualTo(first.hashPersonalId("203.0.113.7"));
        assertThat(new ServerSecret(dir).hashPersonalId("203.0.113.7")).isEqualTo(h);
        assertThat(first.hashPersonalId("203.0.113.8")).isNotEqualTo(h);
        Path other = Files.createDirectory(dir.resolve("other"));
        assertThat(new ServerSecret(other).hashPersonalId("203.0.113.7")).isNotEqualTo(h);
    }
}
