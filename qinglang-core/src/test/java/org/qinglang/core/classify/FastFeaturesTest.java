package org.qinglang.core.classify;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FastFeaturesTest {

    private final FastFeatures ngrams = FastFeatures.ngramsOnly(16, 3);

    @Test
    void indicesAreSortedDistinctAndTheNgramPartHasUnitLength() {
        FastFeatures.Vector v = ngrams.extract("你你你是傻子吗");
        int[] index = v.index();
        for (int i = 1; i < index.length; i++) {
            assertThat(index[i]).isGreaterThan(index[i - 1]);
        }
        double norm = 0;
        for (float x : v.value()) {
            norm += x * x;
        }
        assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        // 7 unigrams (你 three times), 6 bigrams, 5 trigrams; repeats (你, 你你) count once: at most 15 buckets
        assertThat(index.length).isBetween(13, 15);
    }

    @Test
    void foldsBeforeHashing() {
        FastFeatures.Vector a = ngrams.extract("ＳＢ，你個傻子");
        FastFeatures.Vector b = ngrams.extract("sb,你个傻子");
        assertThat(a.index()).isEqualTo(b.index());
    }

    @Test
    void theSameTextAlwaysGivesTheSameFeatures() {
        assertThat(ngrams.extract("测试一下").index()).isEqualTo(FastFeatures.ngramsOnly(16, 3).extract("测试一下").index())
                .containsExactly(9759, 19942, 29482, 38063, 44188, 46003, 54129, 54468, 64509);
    }

    @Test
    void libraryHitsAddOneFeaturePerCategoryAndChannel() {
        FastFeatures lib = FastFeatures.withLibrary(16, 3);
        assertThat(lib.categories()).contains("辱骂");
        int base = 1 << 16;
        int[] index = lib.extract("你个傻1逼").index();
        assertThat(index[index.length - 1]).isGreaterThanOrEqualTo(base);
        assertThat(index).contains(base + lib.categories().indexOf("辱骂"));
        assertThat(java.util.Arrays.stream(lib.extract("今天天气很好").index()).max().orElse(0)).isLessThan(base);
        assertThat(lib.dimension()).isEqualTo(base + lib.categories().size() + 6);
        assertThat(lib.extract("").index()).isEmpty();
    }

    @Test
    void badParametersAreNamed() {
        assertThatThrownBy(() -> FastFeatures.ngramsOnly(30, 3)).hasMessage("hashBits must be in [10, 24], was 30");
        assertThatThrownBy(() -> FastFeatures.ngramsOnly(16, 0)).hasMessage("maxN must be in [1, 5], was 0");
        assertThatThrownBy(() -> new FastFeatures(16, 3, List.of("a", "a"))).hasMessage("category 'a' is listed twice");
    }
}
