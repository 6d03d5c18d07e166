package org.qinglang.core.coord;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class LongSetTest {

    @Test
    void agreesWithAHashSetThroughSeveralGrowthsAndWhileKeysAreBeingMoved() {
        LongSet set = new LongSet();
        Set<Long> reference = new HashSet<>();
        Random rnd = new Random(3);
        boolean sawGrowing = false;
        for (int i = 0; i < 300_000; i++) {
            // small keys repeat often; row << 32 | col keys like the dense block's; 0 and the largest too
            long key = switch (i % 4) {
                case 0 -> rnd.nextInt(50_000);
                case 1 -> ((long) rnd.nextInt(1 << 20) << 32) | rnd.nextInt(1 << 16);
                case 2 -> i % 1000 == 2 ? Long.MAX_VALUE - 1 : rnd.nextLong() & Long.MAX_VALUE;
                default -> 0L;
            };
            assertThat(set.add(key)).as("add %d", key).isEqualTo(reference.add(key));
            sawGrowing |= set.growing();
            if (i % 97 == 0) {
                long probe = rnd.nextInt(60_000);
                assertThat(set.contains(probe)).as("contains %d", probe).isEqualTo(reference.contains(probe));
            }
        }
        assertThat(sawGrowing).isTrue();
        assertThat(set.size()).isEqualTo(reference.size());
        for (long k : reference) {
            assertThat(set.contains(k)).isTrue();
        }
    }

    @Test
    void noAddWaitsForTheWholeTableToBeRehashed() {
        // at most STEP old slots are moved by one add: growing from 2^20 to 2^21 slots costs no add more than that
        LongSet set = new LongSet();
        for (long k = 0; k < (1 << 19) + 1; k++) {
            set.add(k * 7919);
        }
        assertThat(set.growing()).isTrue(); // the table just doubled and still has old slots to move
        set.add(-1L >>> 1);
        assertThat(set.growing()).isTrue(); // one add moved a few, not all
    }
}
