package org.qinglang.core.classify;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelFileTest {

    private static FastModel model;
    private static FastModel withLibrary;

    @BeforeAll
    static void train() {
        model = Samples.model(false);
        withLibrary = Samples.model(true);
    }

    @Test
    void readsBackWhatItWrote(@TempDir Path dir) throws IOException {
        for (FastModel m : new FastModel[] {model, withLibrary}) {
            Path file = dir.resolve("m.qlm");
            ModelFile.write(m, file);
            FastModel back = ModelFile.read(file);
            assertThat(back).isEqualTo(m);
            assertThat(back.score("你就是个傻逼")).isEqualTo(m.score("你就是个傻逼"));
            assertThat(Files.readAllBytes(file)).isEqualTo(ModelFile.toBytes(m));
        }
        assertThat(withLibrary.features().categories()).contains("辱骂");
    }

    @Test
    void startsWithAReadableHeader() {
        byte[] b = ModelFile.toBytes(model);
        assertThat(new String(b, 0, 8, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("QLMODEL\n");
        assertThat(b[8]).isEqualTo((byte) ModelFile.FAST_FORMAT_VERSION).isEqualTo((byte) 1);
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) {
        Path file = dir.resolve("nope.qlm");
        assertThatThrownBy(() -> ModelFile.read(file)).isInstanceOf(ModelFileException.class)
                .hasMessage("model file " + file + ": not found");
    }

    @Test
    void aDirectoryIsNotAModel(@TempDir Path dir) {
        assertThatThrownBy(() -> ModelFile.read(dir)).isInstanceOf(ModelFileException.class)
                .hasMessage("model file " + dir + ": is a directory, not a file");
    }

    @Test
    void somethingElseIsNotAModel(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("x.qlm"), "{\"hello\": 1}");
        assertThatThrownBy(() -> ModelFile.read(file)).isInstanceOf(ModelFileException.class)
                .hasMessage("model file " + file + ": is not a Qinglang model file (it does not start with QLMODEL)");
        Path empty = Files.write(dir.resolve("empty.qlm"), new byte[0]);
        assertThatThrownBy(() -> ModelFile.read(empty)).hasMessage("model file " + empty + ": is empty");
    }

    @Test
    void aTruncatedModelIsCalledTruncated() {
        byte[] b = ModelFile.toBytes(model);
        for (int keep : new int[] {8, 30, b.length / 2, b.length - 3}) {
            assertThatThrownBy(() -> read(Arrays.copyOf(b, keep))).isInstanceOf(ModelFileException.class)
                    .hasMessageStartingWith("model file m.qlm: is truncated");
        }
    }

    @Test
    void aDamagedModelIsCalledDamaged() {
        byte[] b = ModelFile.toBytes(model);
        int damagedAt = 0;
        for (int at = 20; at < b.length - 8; at += 97) {
            byte[] c = b.clone();
            c[at] ^= 0x5A;
            try {
                read(c);
            } catch (ModelFileException e) {
                assertThat(e.getMessage()).startsWith("model file m.qlm: is ");
                assertThat(e.getMessage()).containsAnyOf("damaged", "truncated");
                damagedAt++;
            }
        }
        // gzip's checksum catches every flipped byte
        assertThat(damagedAt).isEqualTo((b.length - 8 - 20 + 96) / 97);
    }

    @Test
    void bytesAfterTheCompressedModelAreDamage() throws ModelFileException {
        byte[] b = ModelFile.toBytes(model);
        for (int extra : new int[] {1, 4, 8, 100}) {
            assertThatThrownBy(() -> read(Arrays.copyOf(b, b.length + extra))).isInstanceOf(ModelFileException.class)
                    .hasMessage("model file m.qlm: is damaged (data after the compressed model)");
        }
        assertThat(read(b).mode()).as("the file as written still reads").isEqualTo(model.mode());
    }

    @Test
    void anotherFormatVersionIsNamed() {
        byte[] b = ModelFile.toBytes(model);
        b[8] = 9;
        assertThatThrownBy(() -> read(b)).hasMessage(
                "model file m.qlm: has format version 9; this Qinglang reads version 3 (upgrade Qinglang or retrain the model)");
    }

    private static FastModel read(byte[] b) throws ModelFileException {
        return ModelFile.read(new ByteArrayInputStream(b), "m.qlm");
    }
}
