package org.qinglang.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qinglang.app.Qinglang;
import org.qinglang.core.classify.AccurateModel;
import org.qinglang.core.classify.FastModel;
import org.qinglang.core.classify.ModelFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TrainCommandTest extends CommandTestSupport {

    /** A tiny data directory in COLD's layout: insults labelled 1, ordinary sentences 0. */
    static Path coldLike(Path dir) throws IOException {
        String[] insults = {"你就是个傻逼", "真恶心，滚出去", "脑残吧你", "去死吧你们", "这种人是垃圾", "蠢得像猪"};
        String[] plain = {"今天去公园散步了", "说得很有道理", "这家店的面很好吃", "明天下雨记得带伞", "谢谢分享经验",
                "周末一起看电影吧"};
        for (String split : List.of("train", "dev")) {
            List<String> lines = new ArrayList<>();
            lines.add("\uFEFF,split,topic,label,TEXT");
            int rows = split.equals("train") ? 60 : 24;
            for (int i = 0; i < rows; i++) {
                String who = List.of("楼主", "他", "那些人", "你").get(i % 4);
                lines.add(i + "," + split + ",race," + (i % 2 == 0 ? "1," + who + insults[i / 2 % insults.length]
                        : "0," + who + plain[i / 2 % plain.length]));
            }
            Files.write(dir.resolve(split + ".csv"), lines, StandardCharsets.UTF_8);
        }
        return dir;
    }

    @Test
    void aShortcutToleranceGivesANarrowerBandAndIsOnlyForTheAccurateMode(@TempDir Path dir) throws IOException {
        Path data = coldLike(Files.createDirectory(dir.resolve("cold")));
        Path strict = dir.resolve("strict.qlm");
        Path tolerant = dir.resolve("tolerant.qlm");
        for (Path p : List.of(strict, tolerant)) {
            List<String> args = new ArrayList<>(List.of("train", "--data", data.toString(), "--mode", "accurate",
                    "--out", p.toString(), "--c", "1", "--combination", "score", "--cache", dir.resolve("c").toString()));
            if (p.equals(tolerant)) {
                args.addAll(List.of("--shortcut-tolerance", "0.2"));
            }
            assertThat(run(args.toArray(String[]::new))).isEqualTo(Qinglang.OK);
        }
        AccurateModel a = (AccurateModel) ModelFile.load(strict);
        AccurateModel b = (AccurateModel) ModelFile.load(tolerant);
        assertThat(b.withShortcut(AccurateModel.Shortcut.NONE)).isEqualTo(a.withShortcut(AccurateModel.Shortcut.NONE));
        assertThat(b.shortcut().low()).isGreaterThanOrEqualTo(a.shortcut().low());
        assertThat(b.shortcut().high()).isLessThanOrEqualTo(a.shortcut().high());

        assertThat(run("train", "--data", data.toString(), "--mode", "accurate", "--out", tolerant.toString(),
                "--shortcut-tolerance", "1")).isEqualTo(Qinglang.USAGE);
        assertThat(err.toString()).contains("train: --shortcut-tolerance must be at least 0 and below 1, was 1.0");
        assertThat(run("train", "--data", data.toString(), "--out", tolerant.toString(), "--shortcut-tolerance", "0.1"))
                .isEqualTo(Qinglang.USAGE);
        assertThat(err.toString()).contains("train: --shortcut-tolerance is for --mode accurate");
    }

    @Test
    void trainsTheSameModelFileTwice(@TempDir Path dir) throws IOException {
        Path data = coldLike(Files.createDirectory(dir.resolve("cold")));
        Path a = dir.resolve("a.qlm");
        Path b = dir.resolve("b.qlm");
        String[] grid = {"--c", "1,4", "--hash-bits", "12", "--library-features", "off"};
        assertThat(run(concat(new String[] {"train", "--data", data.toString(), "--out", a.toString()}, grid)))
                .isEqualTo(Qinglang.OK);
        assertThat(run(concat(new String[] {"train", "--data", data.toString(), "--mode", "fast", "--out",
                b.toString()}, grid))).isEqualTo(Qinglang.OK);
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
        FastModel m = ModelFile.read(a);
        assertThat(m.features().hashBits()).isEqualTo(12);
        assertThat(out.toString()).contains("trained on 60 texts, chose on 24 dev texts").contains("<- chosen")
                .contains("wrote " + a);
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void trainsTheSameAccurateModelFileTwice(@TempDir Path dir) throws IOException {
        Path data = coldLike(Files.createDirectory(dir.resolve("cold")));
        Path cache = dir.resolve("cache");
        Path a = dir.resolve("a.qlm");
        Path b = dir.resolve("b.qlm");
        for (Path p : List.of(a, b)) {
            assertThat(run("train", "--data", data.toString(), "--mode", "accurate", "--out", p.toString(), "--c", "1",
                    "--combination", "both", "--scale", "1", "--cache", cache.toString())).isEqualTo(Qinglang.OK);
        }
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
        assertThat(ModelFile.load(a)).isInstanceOf(AccurateModel.class);
        assertThat(out.toString()).contains("trained on 60 texts, chose on 24 dev texts").contains("<- chosen")
                .contains("score ").contains("features ").contains("wrote " + a)
                .containsPattern("shortcut: (the encoder runs for fast margins in \\[-?[0-9.]+, -?[0-9.]+\\] and is"
                        + " skipped outside \\([0-9]+ of 24 dev texts skip it\\))");
        assertThat(Files.list(cache).toList()).hasSize(2);
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void finalRetrainsOnTrainAndDevAndIsRefusedForFast(@TempDir Path dir) throws IOException {
        Path data = coldLike(Files.createDirectory(dir.resolve("cold")));
        Path cache = dir.resolve("cache");
        Path a = dir.resolve("a.qlm");
        Path b = dir.resolve("b.qlm");
        for (Path p : List.of(a, b)) {
            assertThat(run("train", "--data", data.toString(), "--mode", "accurate", "--out", p.toString(), "--c", "1",
                    "--final", "--cache", cache.toString())).isEqualTo(Qinglang.OK);
        }
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
        assertThat(((AccurateModel) ModelFile.load(a)).about().createdBy()).endsWith(", fit on train+dev");
        assertThat(out.toString()).contains("then trained the chosen model on train and dev together (84 texts)");
        assertThat(run("train", "--data", data.toString(), "--out", dir.resolve("m").toString(), "--final"))
                .isEqualTo(Qinglang.USAGE);
        assertThat(err.toString()).contains("train: --final is for --mode accurate");
        assertThat(Files.exists(dir.resolve("m"))).isFalse();
    }

    @Test
    void fastOnlyOptionsAreRefusedForAccurate(@TempDir Path dir) throws IOException {
        Path data = coldLike(dir);
        assertThat(run("train", "--data", data.toString(), "--mode", "accurate", "--hash-bits", "12", "--out",
                dir.resolve("m").toString())).isEqualTo(Qinglang.USAGE);
        assertThat(err.toString()).contains("--hash-bits and --library-features are for --mode fast");
        assertThat(run("train", "--data", data.toString(), "--mode", "accurate", "--combination", "all", "--out",
                dir.resolve("m").toString())).isEqualTo(Qinglang.USAGE);
        assertThat(Files.exists(dir.resolve("m"))).isFalse();
    }

    @Test
    void missingDataIsNamed(@TempDir Path dir) {
        assertThat(run("train", "--data", dir.toString(), "--out", dir.resolve("m").toString())).isEqualTo(Qinglang.IO);
        assertThat(err.toString().strip()).isEqualTo("train: cannot read the data: " + dir.resolve("train.csv")
                + ": missing (the data directory needs train.csv and dev.csv)");
    }

    @Test
    void badGridOptionsAreUsageErrors(@TempDir Path dir) throws IOException {
        Path data = coldLike(dir);
        assertThat(run("train", "--data", data.toString(), "--out", "m", "--c", "-1")).isEqualTo(Qinglang.USAGE);
        assertThat(err.toString()).contains("C must be positive and finite, was -1.0");
        assertThat(run("train", "--data", data.toString(), "--out", "m", "--hash-bits", "40")).isEqualTo(Qinglang.USAGE);
        assertThat(run("train", "--data", data.toString(), "--out", "m", "--library-features", "maybe"))
                .isEqualTo(Qinglang.USAGE);
    }

    private static String[] concat(String[] a, String[] b) {
        String[] c = new String[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
