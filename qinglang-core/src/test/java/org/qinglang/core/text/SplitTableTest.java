package org.qinglang.core.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SplitTableTest {

    @Test
    void splitsCharactersIntoComponents() {
        assertThat(SplitTable.standard().splitsOf('张')).contains("弓长");
        assertThat(SplitTable.standard().splitsOf('好')).contains("女子");
        assertThat(SplitTable.standard().splitsOf('a')).isEmpty();
    }
}
