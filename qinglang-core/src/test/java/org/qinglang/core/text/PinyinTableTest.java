package org.qinglang.core.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PinyinTableTest {

    private final PinyinTable py = PinyinTable.standard();

    @Test
    void homophonesShareAClass() {
        assertThat(py.syllableOf('辣')).isEqualTo(py.syllableOf('垃'));
        assertThat(py.syllableOf('沸')).isEqualTo(py.syllableOf('废'));
        assertThat(py.plainOf('辣')).isEqualTo(py.plainOf('垃'));
    }

    @Test
    void nearSoundsShareAClassButNotAPlainSyllable() {
        assertThat(py.idOf("sha")).isEqualTo(py.idOf("sa"));
        assertThat(py.idOf("zhi")).isEqualTo(py.idOf("zi"));
        assertThat(py.idOf("chi")).isEqualTo(py.idOf("ci"));
        assertThat(py.idOf("lan")).isEqualTo(py.idOf("nan"));
        assertThat(py.idOf("feng")).isEqualTo(py.idOf("fen"));
        assertThat(py.idOf("xing")).isEqualTo(py.idOf("xin"));
        assertThat(py.idOf("ma")).isNotEqualTo(py.idOf("mo"));
        assertThat(py.plainOf('是')).isNotEqualTo(py.plainOf('四'));
    }

    @Test
    void segmentsLatinPinyinFewestSyllablesFirst() {
        char[] t = "shabi".toCharArray();
        assertThat(py.segment(t, 0, t.length)).containsExactly(py.idOf("sha"), 0, 3, py.idOf("bi"), 3, 5);
        char[] x = "xian".toCharArray();
        assertThat(py.segment(x, 0, x.length)).containsExactly(py.idOf("xian"), 0, 4);
        char[] no = "hello".toCharArray();
        assertThat(py.segment(no, 0, no.length)).isNull();
    }

    @Test
    void readsPolyphonesByPhrase() {
        assertThat(py.phraseSyllables("长大")).containsExactly(py.idOf("zhang"), py.idOf("da"));
        assertThat(py.phraseSyllables("长度")).containsExactly(py.idOf("chang"), py.idOf("du"));
    }

    @Test
    void initials() {
        assertThat(py.initials("你妈死了")).isEqualTo("nmsl");
        assertThat(py.initials("傻逼")).isEqualTo("sb");
    }
}
