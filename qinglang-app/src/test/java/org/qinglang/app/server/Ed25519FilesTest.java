package org.qinglang.app.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Ed25519FilesTest {

    @Test
    void makesAPairOnceReadsItBackAndNamesTheFileThatIsBroken(@TempDir Path dir) throws Exception {
        Path priv = dir.resolve("k.pem");
        Path pub = dir.resolve("k.pub.pem");
        Ed25519Files.Loaded first = Ed25519Files.loadOrCreate(priv, pub, "test key");
        assertThat(first.madeNow()).isTrue();
        Ed25519Files.Loaded again = Ed25519Files.loadOrCreate(priv, pub, "test key");
        assertThat(again.madeNow()).isFalse();
        assertThat(again.pair().getPublic()).isEqualTo(first.pair().getPublic());
        byte[] data = "签名".getBytes(StandardCharsets.UTF_8);
        assertThat(Ed25519Files.verify(again.pair().getPublic(), data, Ed25519Files.sign(first.pair().getPrivate(), data)))
                .isTrue();

        Files.writeString(pub, "-----BEGIN PUBLIC KEY-----\nbm90IGEga2V5\n-----END PUBLIC KEY-----\n");
        assertThatThrownBy(() -> Ed25519Files.loadOrCreate(priv, pub, "test key"))
                .hasMessageStartingWith(pub.toString());
    }
}
