package org.qinglang.core.classify;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.groups.Tuple.tuple;

class FastTrainerTest {

    private static final FastTrainer.Grid GRID = new FastTrainer.Grid(List.of(12), List.of(false, true),
            List.of(1.0, 4.0), 3);

    @Test
    void theSameDataGivesTheSameModelBytes() {
        List<LabelledText> train = Samples.make(300, 0);
        List<LabelledText> dev = Samples.make(80, 1000);
        FastTrainer.Result a = FastTrainer.train(train, dev, GRID, Samples.SHA, "test", (d, t, r) -> { });
        FastTrainer.Result b = FastTrainer.train(List.copyOf(train), List.copyOf(dev), GRID, Samples.SHA, "test",
                (d, t, r) -> { });
        assertThat(ModelFile.toBytes(a.model())).isEqualTo(ModelFile.toBytes(b.model()));
        assertThat(a.trials()).isEqualTo(b.trials());
    }

    @Test
    void triesEveryGridPointInOrderAndKeepsTheBestOnDev() {
        List<FastTrainer.Trial> told = new ArrayList<>();
        FastTrainer.Result r = FastTrainer.train(Samples.make(300, 0), Samples.make(80, 1000), GRID, Samples.SHA,
                "test", (done, total, t) -> {
                    assertThat(total).isEqualTo(4);
                    assertThat(done).isEqualTo(told.size() + 1);
                    told.add(t);
                });
        assertThat(told).isEqualTo(r.trials());
        assertThat(told).extracting(FastTrainer.Trial::library, FastTrainer.Trial::c)
                .containsExactly(tuple(false, 1.0), tuple(false, 4.0), tuple(true, 1.0), tuple(true, 4.0));
        double best = told.stream().mapToDouble(t -> t.dev().accuracy()).max().orElseThrow();
        assertThat(r.chosen().dev().accuracy()).isEqualTo(best);
        assertThat(r.model().about().c()).isEqualTo(r.chosen().c());
        assertThat(r.model().threshold()).isEqualTo(r.chosen().threshold());
        assertThat(r.model().about().createdBy()).startsWith("test, liblinear ");
    }

    @Test
    void ofEqualDevAccuraciesTheSmallerModelThenTheSmallerCWinsWhateverTheGridsOrder() {
        Evaluation perfect = Evaluation.of(List.of(new LabelledText("a", 1)), new int[] {1});
        FastTrainer.Trial big = new FastTrainer.Trial(22, false, 8, 0.5, perfect);
        FastTrainer.Trial smallHighC = new FastTrainer.Trial(20, true, 32, 0.5, perfect);
        FastTrainer.Trial smallNoLib = new FastTrainer.Trial(20, false, 32, 0.5, perfect);
        FastTrainer.Trial smallNoLibLowC = new FastTrainer.Trial(20, false, 8, 0.5, perfect);
        List<FastTrainer.Trial> trials = new ArrayList<>(List.of(big, smallHighC, smallNoLib, smallNoLibLowC));
        trials.sort(FastTrainer.BETTER);
        assertThat(trials).containsExactly(smallNoLibLowC, smallNoLib, smallHighC, big);
        FastTrainer.Result r = FastTrainer.train(Samples.make(300, 0), Samples.make(80, 1000),
                new FastTrainer.Grid(List.of(12), List.of(false), List.of(32.0, 8.0, 16.0), 3), Samples.SHA, "test",
                (d, t, x) -> { });
        double best = r.trials().stream().mapToDouble(t -> t.dev().accuracy()).max().orElseThrow();
        double lowestCAtBest = r.trials().stream().filter(t -> t.dev().accuracy() == best)
                .mapToDouble(FastTrainer.Trial::c).min().orElseThrow();
        assertThat(r.chosen().c()).isEqualTo(lowestCAtBest);
    }

    @Test
    void learnsTheSampleAndScoresUnseenInsultsHigher() {
        FastModel m = Samples.model(false);
        assertThat(Evaluation.of(m, Samples.make(100, 500)).accuracy()).isGreaterThan(0.95);
        assertThat(m.score("你们就是个傻逼").score()).isGreaterThan(m.score("你们说得很有道理").score());
        assertThat(m.score("").score()).isBetween(0.0, 1.0);
    }

    @Test
    void learnsAnInterceptSoATextOfUnknownWordsScoresNearTheShareOfOffensiveTexts() {
        // one text in eleven offensive: a text the model has no evidence about is most likely not offensive
        List<LabelledText> train = new ArrayList<>();
        int offensive = 0;
        for (LabelledText t : Samples.make(440, 0)) {
            if (t.label() == 0 || offensive++ < 20) {
                train.add(t);
            }
        }
        FastModel m = FastTrainer.trainOne(train, FastFeatures.ngramsOnly(12, 3), 4.0, 0.5, Samples.SHA, "test");
        assertThat(m.bias()).isNegative();
        assertThat(m.score("").score()).isLessThan(0.45); // without an intercept, exactly 0.5
        assertThat(m.score("竹林里的鹦鹉").score()).isLessThan(0.5);
        assertThat(m.score("你就是个傻逼").score()).isGreaterThan(0.5);
    }

    @Test
    void refusesDataWithOneLabelOnly() {
        List<LabelledText> ones = List.of(new LabelledText("滚", 1), new LabelledText("去死", 1));
        assertThatThrownBy(() -> FastTrainer.trainOne(ones, FastFeatures.ngramsOnly(12, 3), 1, 0.5, Samples.SHA, "t"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the training data needs texts of both labels (0 and 1); it has 2 texts, all labelled 1");
    }

    @Test
    void nbRatiosCountTextsPerLabelWithOneAdded() {
        FastFeatures f = FastFeatures.ngramsOnly(10, 1);
        FastFeatures.Vector[] x = {
                new FastFeatures.Vector(new int[] {0, 1}, new float[] {0.7f, 0.7f}),
                new FastFeatures.Vector(new int[] {0}, new float[] {1f}),
                new FastFeatures.Vector(new int[] {2}, new float[] {1f}),
        };
        double[] r = FastTrainer.logCountRatios(f, x, new double[] {1, 1, 0});
        // label 1: p = 1 + counts (3, 2, 1, then 1 for each of the other 1,021 features), sum 1,030;
        // label 0: q = (1, 1, 2, then 1 …), sum 1,025
        double sumP = 3 + 2 + 1 + 1021;
        double sumQ = 1 + 1 + 2 + 1021;
        assertThat(r).hasSize(1024);
        assertThat(r[0]).isCloseTo(Math.log((3 / sumP) / (1 / sumQ)), within(1e-12));
        assertThat(r[1]).isCloseTo(Math.log((2 / sumP) / (1 / sumQ)), within(1e-12));
        assertThat(r[2]).isCloseTo(Math.log((1 / sumP) / (2 / sumQ)), within(1e-12));
        assertThat(r[3]).isCloseTo(Math.log(sumQ / sumP), within(1e-12));
    }

    @Test
    void thresholdLabelsTheDevDataBest() {
        List<LabelledText> dev = List.of(new LabelledText("a", 0), new LabelledText("b", 0),
                new LabelledText("c", 1), new LabelledText("d", 1));
        assertThat(FastTrainer.bestThreshold(new double[] {0.1, 0.3, 0.4, 0.9}, dev)).isCloseTo(0.35, within(1e-12));
        // all scores equal: every 1 or every 0 is as good; of equals, the first (lowest) threshold wins
        assertThat(FastTrainer.bestThreshold(new double[] {0.5, 0.5, 0.5, 0.5}, dev)).isEqualTo(0.25);
        // a cut whose middle falls below 0.05 is not taken at 0.05, where it would label otherwise than it counted
        List<LabelledText> five = List.of(new LabelledText("a", 0), new LabelledText("b", 1), new LabelledText("c", 1),
                new LabelledText("d", 0), new LabelledText("e", 1));
        assertThat(FastTrainer.bestThreshold(new double[] {0.01, 0.02, 0.03, 0.5, 0.6}, five))
                .isCloseTo(0.55, within(1e-12));
    }
}
