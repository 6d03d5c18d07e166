package org.qinglang.core.text;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

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

    /** The filters (first pair, last pair) in front of the table must never reject an ordinary word. */
    @Test
    void findsEveryOrdinaryWordOfTheDictionary() throws IOException {
        int checked = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                WordList.class.getResourceAsStream("/dict.txt"), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                String[] f = line.split(" ");
                if (f.length < 2 || f[0].length() < 2 || f[0].length() > WordList.MAX_WORD_LENGTH
                        || Long.parseLong(f[1]) < WordList.MIN_FREQUENCY
                        || !f[0].chars().allMatch(Character::isIdeographic)) {
                    continue;
                }
                assertThat(words.contains(f[0])).as(f[0]).isTrue();
                checked++;
            }
        }
        assertThat(checked).isEqualTo(words.size());
        assertThat(words.contains("拖拉机")).isTrue();
        assertThat(words.contains("路口交通")).isFalse();
    }

    @Test
    void commonCharacters() {
        assertThat(words.isCommonCharacter('是')).isTrue();
        assertThat(words.isCommonCharacter('煞')).isFalse();
    }
}
