package org.qinglang.core.classify;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ShippedModelTest {

    /** The shipped model's accuracy on the first 500 rows of COLD dev when it was trained: 0.920 (all of dev: 0.9184). */
    private static final double FLOOR = 0.91;

    @Test
    void loadsAndSaysWhereItCameFrom() {
        FastModel m = ShippedModel.fast();
        assertThat(m.mode()).isEqualTo(Mode.FAST);
        assertThat(m.about().createdBy()).startsWith("qinglang ");
        assertThat(m.about().trainingSha256()).hasSize(64);
        assertThat(m.features().hashBits()).as("hash bits chosen on COLD dev").isEqualTo(22);
        assertThat(m.score("你就是个傻逼，滚出去").label()).isEqualTo(1);
        assertThat(m.score("今天天气很好，我们去公园散步吧").label()).isEqualTo(0);
    }

    @Test
    void staysAccurateOnAFixedSampleOfColdDev() throws IOException {
        Path dev = Path.of(System.getProperty("qinglang.shared.data", "../../shared/data"), "cold", "dev.csv");
        assumeTrue(Files.isRegularFile(dev), "COLD is not at " + dev + " (set -Dqinglang.shared.data); skipped");
        List<LabelledText> sample = LabelledCsv.read(dev).subList(0, 500);
        double accuracy = Evaluation.of(ShippedModel.fast(), sample).accuracy();
        assertThat(accuracy).as("accuracy on the first 500 rows of %s", dev).isGreaterThanOrEqualTo(FLOOR);
    }

    @Test
    void wasTrainedOnTheColdInTheSharedData() throws IOException {
        Path cold = Path.of(System.getProperty("qinglang.shared.data", "../../shared/data"), "cold");
        assumeTrue(Files.isDirectory(cold), "COLD is not at " + cold + "; skipped");
        assertThat(ShippedModel.fast().about().trainingSha256()).isEqualTo(TrainingData.read(cold).sha256());
    }

    /** The shipped accurate model's accuracy on the first 200 rows of COLD dev when it was trained: 0.930 (all: 0.9246). */
    private static final double ACCURATE_FLOOR = 0.91;

    @Test
    void theAccurateModelLoadsAndSaysWhereItCameFrom() {
        AccurateModel m = ShippedModel.accurate();
        assertThat(m.mode()).isEqualTo(Mode.ACCURATE);
        assertThat(m.about().createdBy()).startsWith("qinglang ").contains(SentenceEncoder.ID);
        assertThat(m.about().trainingSha256()).isEqualTo(ShippedModel.fast().about().trainingSha256());
        assertThat(m.score("你就是个傻逼，滚出去").label()).isEqualTo(1);
        assertThat(m.score("今天天气很好，我们去公园散步吧").label()).isEqualTo(0);
    }

    @Test
    void theAccurateModelStaysAccurateOnAFixedSampleOfColdDev() throws IOException {
        Path dev = Path.of(System.getProperty("qinglang.shared.data", "../../shared/data"), "cold", "dev.csv");
        assumeTrue(Files.isRegularFile(dev), "COLD is not at " + dev + " (set -Dqinglang.shared.data); skipped");
        List<LabelledText> sample = LabelledCsv.read(dev).subList(0, 200);
        double accuracy = Evaluation.of(ShippedModel.accurate(), sample).accuracy();
        assertThat(accuracy).as("accuracy on the first 200 rows of %s", dev).isGreaterThanOrEqualTo(ACCURATE_FLOOR);
    }

    @Test
    void theAccurateModelsShortcutKeepsItsLabelsOnAFixedSampleOfColdDev() throws IOException {
        Path dev = Path.of(System.getProperty("qinglang.shared.data", "../../shared/data"), "cold", "dev.csv");
        assumeTrue(Files.isRegularFile(dev), "COLD is not at " + dev + " (set -Dqinglang.shared.data); skipped");
        AccurateModel m = ShippedModel.accurate();
        assertThat(m.shortcut().isNone()).as("the shipped model skips the encoder where the margin settles it").isFalse();
        AccurateModel everyText = m.withShortcut(AccurateModel.Shortcut.NONE);
        int skipped = 0;
        for (LabelledText t : LabelledCsv.read(dev).subList(0, 200)) {
            skipped += m.skipsEncoder(t.text()) ? 1 : 0;
            assertThat(m.score(t.text()).label()).as(t.text()).isEqualTo(everyText.score(t.text()).label());
        }
        assertThat(skipped).as("texts of the sample that skip the encoder").isGreaterThan(40);
    }
}
