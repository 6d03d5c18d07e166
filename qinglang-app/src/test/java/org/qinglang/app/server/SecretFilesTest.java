package org.qinglang.app.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A secret file is created owner-only with its content, and never over an existing one. */
class SecretFilesTest {

    @Test
    void createsOwnerOnlyAndNeverOverwrites(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("secret");
        SecretFiles.createOwnerOnly(file, "s3cret".getBytes(StandardCharsets.US_ASCII));
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(file)).isEqualTo("s3cret");
        assertThatThrownBy(() -> SecretFiles.createOwnerOnly(file, "other".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.readString(file)).isEqualTo("s3cret");
    }
}
