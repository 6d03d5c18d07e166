package org.qinglang.core.lexicon;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LiveLibraryTest {

    @Test
    void reloadSwapsTheLibraryWhileScansGoOn(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("lib.txt"), "傻逼\n");
        LiveLibrary live = LiveLibrary.load(List.of(file.toString()));
        assertThat(live.scan("废物")).isEmpty();

        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> scanner = pool.submit(() -> {
                int scans = 0;
                while (!stop.get() || scans < 1_000) {
                    // every scan sees one whole library: the old one or the new one, never a mix
                    int hits = live.scan("傻逼和废物").size();
                    assertThat(hits).isBetween(1, 2);
                    scans++;
                }
                return scans;
            });
            Files.writeString(file, "傻逼\n废物\n");
            Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
            assertThat(live.reloadIfChanged()).isTrue();
            assertThat(live.reloadIfChanged()).isFalse();
            stop.set(true);
            assertThat(scanner.get(30, TimeUnit.SECONDS)).isPositive();
        } finally {
            pool.shutdownNow();
        }
        assertThat(live.scan("废物")).hasSize(1);
    }

    @Test
    void aFailedReloadKeepsTheLibraryInUse(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("lib.txt"), "傻逼\n");
        LiveLibrary live = LiveLibrary.load(List.of(file.toString()));
        Files.delete(file);
        assertThatThrownBy(live::reload).isInstanceOf(java.io.IOException.class);
        assertThat(live.scan("傻逼")).hasSize(1);
    }

    @Test
    void needsAtLeastOneSource() {
        assertThatThrownBy(() -> LiveLibrary.load(List.of())).hasMessageContaining("at least one");
    }
}
