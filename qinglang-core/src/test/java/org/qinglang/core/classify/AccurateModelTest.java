package org.qinglang.core.classify;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The accurate mode on a tiny sample: training is reproducible, and its model file round-trips. */
class AccurateModelTest {

    private static final AccurateTrainer.Grid GRID = new AccurateTrainer.Grid(
            List.of(AccurateModel.Combination.SCORE, AccurateModel.Combination.FEATURES), List.of(1.0, 4.0),
            List.of(1.0));
    private static final AccurateTrainer.Grid FM = new AccurateTrainer.Grid(
            List.of(AccurateModel.Combination.FM), List.of(1.0), List.of(1.0), List.of(5));
    private static final FastFeatures FEATURES = FastFeatures.ngramsOnly(12, 3);

    private static AccurateTrainer.Result result;

    @BeforeAll
    static void train() throws IOException {
        result = train(Optional.empty());
    }

    private static AccurateTrainer.Result train(Optional<Path> cache) throws IOException {
        return AccurateTrainer.train(Samples.make(40, 0), Samples.make(16, 1000), FEATURES, 4.0, GRID,
                SentenceEncoder.shared(), cache, Samples.SHA, "test", (stage, done, total, trial) -> { });
    }

    @Test
    void trainingIsReproducibleWithAndWithoutTheCache(@TempDir Path cache) throws IOException {
        byte[] first = ModelFile.toBytes(result.model());
        AccurateTrainer.Result filling = train(Optional.of(cache));
        assertThat(Files.list(cache).toList()).hasSize(2);
        AccurateTrainer.Result fromCache = train(Optional.of(cache));
        assertThat(ModelFile.toBytes(filling.model())).isEqualTo(first);
        assertThat(ModelFile.toBytes(fromCache.model())).isEqualTo(first);
        assertThat(result.trials()).hasSize(GRID.size()).hasSize(4);
        assertThat(FM.size()).isEqualTo(1);
        assertThat(AccurateTrainer.Grid.standard().size()).isEqualTo(10);
    }

    @Test
    void theChosenModelSeparatesTheSample() {
        AccurateModel m = result.model();
        assertThat(m.mode()).isEqualTo(Mode.ACCURATE);
        assertThat(result.chosen().dev().accuracy()).isGreaterThanOrEqualTo(0.9);
        assertThat(Evaluation.of(m, Samples.make(16, 2000)).accuracy()).isGreaterThanOrEqualTo(0.9);
        assertThat(m.about().createdBy()).isEqualTo("test, " + SentenceEncoder.ID + ", liblinear 2.44");
        // liblinear learns an intercept only from a bias column on every row
        assertThat(m.bias()).isNotZero();
        assertThat(m.fast().bias()).isNotZero();
    }

    @Test
    void theFinalFitRetrainsTheChosenPointOnTrainAndDevReproducibly(@TempDir Path cache) throws IOException {
        AccurateTrainer.Result[] runs = new AccurateTrainer.Result[2];
        for (int k = 0; k < 2; k++) {
            runs[k] = AccurateTrainer.train(Samples.make(40, 0), Samples.make(16, 1000), FEATURES, 4.0, GRID,
                    SentenceEncoder.shared(), Optional.of(cache), Samples.SHA, "test",
                    AccurateTrainer.Fit.TRAIN_AND_DEV, (stage, done, total, trial) -> { });
        }
        AccurateModel m = runs[0].model();
        assertThat(ModelFile.toBytes(runs[1].model())).isEqualTo(ModelFile.toBytes(m));
        // the same point, threshold and dev figures as the model trained on train alone; other weights
        assertThat(runs[0].chosen()).isEqualTo(result.chosen());
        assertThat(m.threshold()).isEqualTo(result.model().threshold());
        assertThat(m.combination()).isEqualTo(result.model().combination());
        assertThat(m.about().c()).isEqualTo(result.model().about().c());
        assertThat(m.embeddingWeights()).isNotEqualTo(result.model().embeddingWeights());
        assertThat(m.about().createdBy()).isEqualTo("test, " + SentenceEncoder.ID + ", liblinear 2.44, fit on train+dev");
        // the vectors of train and dev came from the cache's two files: nothing joined was encoded
        assertThat(Files.list(cache).toList()).hasSize(2);
        assertThat(Evaluation.of(m, Samples.make(16, 2000)).accuracy()).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void theFactorizationMachineIsReproducibleSeparatesTheSampleAndRoundTrips(@TempDir Path dir) throws IOException {
        AccurateTrainer.Result[] runs = new AccurateTrainer.Result[2];
        for (int k = 0; k < 2; k++) {
            runs[k] = AccurateTrainer.train(Samples.make(40, 0), Samples.make(16, 1000), FEATURES, 4.0, FM,
                    SentenceEncoder.shared(), Optional.empty(), Samples.SHA, "test", (stage, done, total, trial) -> { });
        }
        AccurateModel m = runs[0].model();
        assertThat(ModelFile.toBytes(runs[1].model())).isEqualTo(ModelFile.toBytes(m));
        assertThat(m.combination()).isEqualTo(AccurateModel.Combination.FM);
        assertThat(m.interactions().plus()).hasNumberOfRows(AccurateTrainer.FM_FACTORS);
        assertThat(m.interactions().minus()).hasNumberOfRows(AccurateTrainer.FM_FACTORS);
        assertThat(m.about().c()).isEqualTo(5.0);
        assertThat(m.about().createdBy()).startsWith("test, " + SentenceEncoder.ID + ", liblinear 2.44, tribuo ")
                .contains(" fm (8 factors");
        assertThat(Evaluation.of(m, Samples.make(16, 2000)).accuracy()).isGreaterThanOrEqualTo(0.9);
        Path file = dir.resolve("fm.qlm");
        ModelFile.write(m, file);
        AbuseClassifier back = ModelFile.load(file);
        assertThat(back).isEqualTo(m);
        assertThat(back.score("你就是个傻逼")).isEqualTo(m.score("你就是个傻逼"));
        // the pairwise part counts: without it the same text scores otherwise
        AccurateModel linearOnly = new AccurateModel(AccurateModel.Combination.SCORE, m.fast(), m.embeddingWeights(),
                m.fastWeight(), m.bias(), m.threshold(), m.about(), m.encoder());
        assertThat(linearOnly.score("你就是个傻逼").score()).isNotEqualTo(m.score("你就是个傻逼").score());
    }

    @Test
    void anAccurateFileOfFormatVersionOneIsRefused() throws IOException {
        byte[] b = ModelFile.toBytes(result.model());
        assertThat(b[8]).isEqualTo((byte) 3);
        b[8] = 1;
        assertThatThrownBy(() -> ModelFile.load(new ByteArrayInputStream(b), "a.qlm"))
                .isInstanceOf(ModelFileException.class)
                .hasMessage("model file a.qlm: holds an accurate model of format version 1 (sentence encoder '"
                        + SentenceEncoder.ID + "'); this Qinglang reads accurate models of version 2 to 3 ("
                        + SentenceEncoder.ID + "); retrain the model");
    }

    @Test
    void aFileOfFormatVersionTwoIsReadWithoutAShortcut() throws IOException {
        AccurateModel m = result.model();
        assertThat(m.shortcut().isNone()).isFalse();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThatThrownBy(() -> ModelFile.write(m, out, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("format version 2 has no shortcut");
        AccurateModel plain = m.withShortcut(AccurateModel.Shortcut.NONE);
        ModelFile.write(plain, out, 2);
        byte[] v2 = out.toByteArray();
        assertThat(v2[8]).isEqualTo((byte) 2);
        assertThat(ModelFile.load(new ByteArrayInputStream(v2), "v2.qlm")).isEqualTo(plain);
    }

    @Test
    void theShortcutGivesEveryDevTextTheLabelTheEncoderGivesIt() {
        AccurateModel m = result.model();
        AccurateModel.Shortcut s = m.shortcut();
        assertThat(s.low()).isLessThan(s.high());
        assertThat(s.slope()).isPositive();
        AccurateModel everyText = m.withShortcut(AccurateModel.Shortcut.NONE);
        int skipped = 0;
        for (LabelledText t : Samples.make(16, 1000)) {
            skipped += m.skipsEncoder(t.text()) ? 1 : 0;
            assertThat(m.score(t.text()).label()).as(t.text()).isEqualTo(everyText.score(t.text()).label());
        }
        assertThat(skipped).as("dev texts that skip the encoder").isPositive();
    }

    @Test
    void aToleranceNarrowsTheBandAndChangesAtMostThatShareOfDevLabels() throws IOException {
        AccurateModel strict = result.model();
        List<LabelledText> dev = Samples.make(16, 1000);
        AccurateModel tolerant = AccurateTrainer.withShortcut(strict, Samples.make(40, 0), dev,
                SentenceEncoder.shared(), Optional.empty(), 0.2, (stage, done, total, trial) -> { });
        assertThat(tolerant.shortcut().low()).isGreaterThanOrEqualTo(strict.shortcut().low());
        assertThat(tolerant.shortcut().high()).isLessThanOrEqualTo(strict.shortcut().high());
        AccurateModel everyText = strict.withShortcut(AccurateModel.Shortcut.NONE);
        long changed = dev.stream()
                .filter(t -> tolerant.score(t.text()).label() != everyText.score(t.text()).label()).count();
        assertThat(changed).isLessThanOrEqualTo((long) Math.floor(0.2 * dev.size()));
        assertThat(dev.stream().filter(t -> tolerant.skipsEncoder(t.text())).count())
                .isGreaterThanOrEqualTo(dev.stream().filter(t -> strict.skipsEncoder(t.text())).count());
        assertThatThrownBy(() -> AccurateTrainer.withShortcut(strict, Samples.make(40, 0), dev,
                SentenceEncoder.shared(), Optional.empty(), 1.0, (stage, done, total, trial) -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theBandLeavesOutTheOutermostDisagreementsThatSkipTheMostTexts() {
        double[] margins = {-5, -4, -3, -1, 0, 0.5, 1, 3, 4, 5, 10};
        double[] disagreeing = {10, -4, 0.5};
        double slack = AccurateTrainer.SHORTCUT_SLACK;
        assertThat(AccurateTrainer.band(margins, disagreeing, 0, 0)).containsExactly(-4 - slack, 10 + slack);
        // leaving out 10 skips -5, 1, 3, 4, 5 and 10; leaving out -4 would skip only -5, -4, -3 and -1
        assertThat(AccurateTrainer.band(margins, disagreeing, 0, 1)).containsExactly(-4 - slack, 0.5 + slack);
        assertThat(AccurateTrainer.band(margins, disagreeing, 0, 2)).containsExactly(-slack, 0.5 + slack);
        assertThat(AccurateTrainer.band(margins, disagreeing, 0, 9)).containsExactly(-slack, slack);
        assertThat(AccurateTrainer.band(margins, new double[0], 2, 0)).containsExactly(2 - slack, 2 + slack);
    }

    @Test
    void aModelWithoutAShortcutGetsTheOneTrainingWouldHaveGivenIt() throws IOException {
        AccurateModel m = result.model();
        AccurateModel refitted = AccurateTrainer.withShortcut(m.withShortcut(AccurateModel.Shortcut.NONE),
                Samples.make(40, 0), Samples.make(16, 1000), SentenceEncoder.shared(), Optional.empty(),
                (stage, done, total, trial) -> { });
        assertThat(refitted).isEqualTo(m);
    }

    @Test
    void whereTheShortcutAppliesTheScoreComesFromTheMarginAlone() {
        AccurateModel m = result.model();
        String text = "你就是个傻逼";
        double margin = m.fast().margin(m.fast().features().extract(text));
        AccurateModel.Shortcut always = new AccurateModel.Shortcut(margin + 1, margin + 1, -0.5, 2.0);
        assertThat(always.applies(margin)).isTrue();
        assertThat(m.withShortcut(always).score(text).score())
                .isEqualTo(1.0 / (1.0 + Math.exp(-(-0.5 + 2.0 * margin))));
        AccurateModel.Shortcut never = new AccurateModel.Shortcut(margin - 1, margin + 1, -0.5, 2.0);
        assertThat(never.applies(margin)).isFalse();
        assertThat(m.withShortcut(never).score(text))
                .isEqualTo(m.withShortcut(AccurateModel.Shortcut.NONE).score(text));
        assertThat(AccurateModel.Shortcut.NONE.applies(1e300)).isFalse();
        assertThat(m.withShortcut(always).inFull()).isEqualTo(m.withShortcut(AccurateModel.Shortcut.NONE));
        assertThat(m.fast().inFull()).isSameAs(m.fast());
        assertThatThrownBy(() -> new AccurateModel.Shortcut(1, 0, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AccurateModel.Shortcut(0, 1, Double.NaN, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theEncoderGivesTwoUnitHalvesAndZerosForNothing() {
        float[] v = SentenceEncoder.shared().encode("你就是个傻逼");
        assertThat(v).hasSize(SentenceEncoder.DIMENSION).hasSize(1024);
        for (int half = 0; half < 2; half++) {
            double norm = 0;
            for (int i = half * 512; i < (half + 1) * 512; i++) {
                norm += v[i] * v[i];
            }
            assertThat(norm).as("half %d", half).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        }
        assertThat(Arrays.copyOfRange(v, 0, 512)).isNotEqualTo(Arrays.copyOfRange(v, 512, 1024));
        assertThat(SentenceEncoder.shared().encode(" \u200B")).containsOnly(0f);
        assertThat(SentenceEncoder.shared().encode("ＳＢ，你個")).isEqualTo(SentenceEncoder.shared().encode("sb,你个"));
    }

    @Test
    void theEncoderKeepsTheFirstTokensOnly() {
        // one token per Chinese character: [CLS], MAX_TOKENS - 2 characters, [SEP]
        String longText = "你这种人说话真的很没有道理而且还特别喜欢骂人".repeat(8);
        assertThat(longText.length()).isGreaterThan(SentenceEncoder.MAX_TOKENS);
        String kept = longText.substring(0, SentenceEncoder.MAX_TOKENS - 2);
        SentenceEncoder e = SentenceEncoder.shared();
        assertThat(e.encode(longText)).isEqualTo(e.encode(kept));
        assertThat(e.encode(longText)).isNotEqualTo(e.encode(longText.substring(0, SentenceEncoder.MAX_TOKENS - 3)));
    }

    @Test
    void aTextsVectorDoesNotDependOnTheThreads() {
        List<String> texts = Samples.make(24, 3000).stream().map(LabelledText::text).toList();
        float[][] parallel = SentenceEncoder.shared().encodeAll(texts, done -> { });
        for (int i = 0; i < texts.size(); i++) {
            assertThat(parallel[i]).isEqualTo(SentenceEncoder.shared().encode(texts.get(i)));
        }
    }

    @Test
    void readsBackWhatItWrote(@TempDir Path dir) throws IOException {
        for (AccurateTrainer.Trial t : List.of(result.trials().get(0), result.trials().get(3))) {
            assertThat(t.combination()).isNotNull();
        }
        AccurateModel m = result.model();
        Path file = dir.resolve("a.qlm");
        ModelFile.write(m, file);
        AbuseClassifier back = ModelFile.load(file);
        assertThat(back).isEqualTo(m);
        assertThat(back.score("你就是个傻逼")).isEqualTo(m.score("你就是个傻逼"));
        assertThat(Files.readAllBytes(file)).isEqualTo(ModelFile.toBytes(m));
        // and fast files still read, through both doors
        FastModel fast = Samples.model(false);
        Path fastFile = dir.resolve("f.qlm");
        ModelFile.write(fast, fastFile);
        assertThat(ModelFile.load(fastFile)).isEqualTo(fast);
        assertThat(ModelFile.read(fastFile)).isEqualTo(fast);
    }

    @Test
    void anAccurateModelIsNotReadAsAFastOne(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("a.qlm");
        ModelFile.write(result.model(), file);
        assertThatThrownBy(() -> ModelFile.read(file)).isInstanceOf(ModelFileException.class)
                .hasMessage("model file " + file + ": holds a model of mode 'accurate', not fast");
    }

    @Test
    void aTruncatedAccurateModelIsCalledTruncated() {
        byte[] b = ModelFile.toBytes(result.model());
        for (int cut : new int[] {9, 30, b.length / 2, b.length - 9}) {
            assertThatThrownBy(() -> ModelFile.load(new ByteArrayInputStream(Arrays.copyOf(b, cut)), "a.qlm"))
                    .as("cut at %d", cut).isInstanceOf(ModelFileException.class)
                    .hasMessageStartingWith("model file a.qlm: is truncated");
        }
    }

    @Test
    void aModelOfAnotherEncoderIsRefused() throws IOException {
        byte[] body = body(ModelFile.toBytes(result.model()));
        // the same encoder cut at another token count is another encoder (same length, so the file stays whole)
        String other = "bge-small-zh-v1.5-q, cls+max, 32 tokens";
        assertThat(other).hasSameSizeAs(SentenceEncoder.ID).isNotEqualTo(SentenceEncoder.ID);
        String s = new String(body, StandardCharsets.ISO_8859_1).replace(SentenceEncoder.ID, other);
        byte[] file = file(s.getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> ModelFile.load(new ByteArrayInputStream(file), "a.qlm"))
                .isInstanceOf(ModelFileException.class)
                .hasMessage("model file a.qlm: was trained on sentence encoder '" + other + "' but this Qinglang"
                        + " has " + SentenceEncoder.ID + "; retrain the model");
    }

    @Test
    void aDamagedEmbeddingWeightIsNamed() throws IOException {
        byte[] body = body(ModelFile.toBytes(result.model()));
        // the embedding weights follow: mode, createdBy, sha, c, encoder, combination, threshold, bias, fast weight, n
        DataInputStream d = new DataInputStream(new ByteArrayInputStream(body));
        int offset = 0;
        for (int i = 0; i < 3; i++) {
            offset += 2 + d.readUTF().getBytes(StandardCharsets.UTF_8).length;
        }
        d.readDouble();
        offset += 8;
        for (int i = 0; i < 2; i++) {
            offset += 2 + d.readUTF().getBytes(StandardCharsets.UTF_8).length;
        }
        offset += 8 + 4 + 4 + 4;
        // weight 3, little-endian NaN
        byte[] nan = {0, 0, (byte) 0xC0, 0x7F};
        System.arraycopy(nan, 0, body, offset + 12, 4);
        byte[] file = file(body);
        assertThatThrownBy(() -> ModelFile.load(new ByteArrayInputStream(file), "a.qlm"))
                .isInstanceOf(ModelFileException.class)
                .hasMessage("model file a.qlm: is damaged (embedding weight 3 is NaN)");
    }

    private static byte[] body(byte[] file) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(file, 9, file.length - 9))) {
            return in.readAllBytes();
        }
    }

    private static byte[] file(byte[] body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write("QLMODEL\n".getBytes(StandardCharsets.US_ASCII));
        out.write(ModelFile.FORMAT_VERSION);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(body);
        }
        return out.toByteArray();
    }
}
