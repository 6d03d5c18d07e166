package org.qinglang.core.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WordListTest {

    private final WordList words = WordList.standard();

    @Test
    void knowsOrdinaryWordsAndNotRareSlang() {
        assertThat(words.contains("路口")).isTrue();
        assertThat(words.contains("交通")).isTrue();
        assertThat(words.contains("飞舞")).isTrue();
        assertThat(words.contains("沙比")).isFalse();  // in jieba, but rare: itself an evasion
        assertThat(words.contains("口交通")).isFalse();
        assertThat(words.size()).isBetween(50_000, 400_000);
    }

    @Test
    void prefixFilterNeverRejectsAWord() {
        assertThat(words.mayStartWord('路', '口')).isTrue();
        assertThat(words.mayStartWord('拖', '拉')).isTrue();
    }

    @Test
    void commonCharacters() {
        assertThat(words.isCommonCharacter('是')).isTrue();
        assertThat(words.isCommonCharacter('煞')).isFalse();
    }
}
