package org.qinglang.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Reads the real data folder when it is there; skips otherwise. */
class CorpusTest {

    @Test
    void theCorpusIsTheSameEveryTimeAndWithinTheLengths() {
        assumeTrue(Files.isDirectory(DataDir.configured().resolve("cold")),
                "skipped: no public datasets at " + DataDir.configured());
        Corpus a = Corpus.load(DataDir.require(), 500);
        Corpus b = Corpus.load(DataDir.require(), 500);
        assertThat(a.texts()).hasSize(500).isEqualTo(b.texts());
        assertThat(a.texts()).allMatch(Corpus::fits);
    }

    @Test
    void theUnseenCorpusHoldsNoColdText() {
        assumeTrue(Files.isDirectory(DataDir.configured().resolve("cold")),
                "skipped: no public datasets at " + DataDir.configured());
        Set<String> cold = new HashSet<>();
        for (String split : List.of("cold/train.csv", "cold/dev.csv")) {
            for (ColdComment c : ColdComment.read(DataDir.file(DataDir.require(), split))) {
                cold.add(c.text());
            }
        }
        Corpus unseen = Corpus.unseen();
        assertThat(unseen.texts()).isNotEmpty().allMatch(Corpus::fits).noneMatch(cold::contains);
        assertThat(unseen.texts()).isEqualTo(Corpus.unseen().texts());
    }
}
