package org.qinglang.core.stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PersonDirectedTest {

    @Test
    void pronounsAndWordsForAPersonAreAimedAtAPerson() {
        assertThat(PersonDirected.aimsAtPerson("你真恶心")).isTrue();
        assertThat(PersonDirected.aimsAtPerson("您可真行")).isTrue();
        assertThat(PersonDirected.aimsAtPerson("她就是活该")).isTrue();
        assertThat(PersonDirected.aimsAtPerson("他")).isTrue();
        assertThat(PersonDirected.aimsAtPerson("这种人就该封号")).isTrue();
        assertThat(PersonDirected.aimsAtPerson("这货不是东西")).isTrue();
        assertThat(PersonDirected.aimsAtPerson("老东西坏得很")).isTrue();
        assertThat(PersonDirected.aimsAtPerson("此人必须严惩")).isTrue();
    }

    @Test
    void callsForActionAgainstAPersonAreAimedAtAPerson() {
        assertThat(PersonDirected.aimsAtPerson("人肉出来")).isTrue();
        assertThat(PersonDirected.aimsAtPerson("直接开盒")).isTrue();
        assertThat(PersonDirected.aimsAtPerson("滚出娱乐圈")).isTrue();
        assertThat(PersonDirected.aimsAtPerson("建议封杀")).isTrue();
        assertThat(PersonDirected.aimsAtPerson("怎么不去死")).isTrue();
        assertThat(PersonDirected.aimsAtPerson("挂出来让大家看看")).isTrue();
    }

    @Test
    void angerAtAnEventOrAnInstitutionIsNot() {
        assertThat(PersonDirected.aimsAtPerson("医院也太坏了")).isFalse();
        assertThat(PersonDirected.aimsAtPerson("严查到底，其他的也查查")).isFalse();
        assertThat(PersonDirected.aimsAtPerson("这人间真实")).isFalse();
        assertThat(PersonDirected.aimsAtPerson("这人生太难了")).isFalse();
        assertThat(PersonDirected.aimsAtPerson("这事太离谱")).isFalse();
        assertThat(PersonDirected.aimsAtPerson("老百姓太难了")).isFalse();
        assertThat(PersonDirected.aimsAtPerson("开车要小心，去年也是")).isFalse();
        assertThat(PersonDirected.aimsAtPerson("")).isFalse();
    }

    @Test
    void wordsWithAPronounInsideThatNameNoOneAreNot() {
        assertThat(PersonDirected.aimsAtPerson("他妈的又涨价")).isFalse();
        assertThat(PersonDirected.aimsAtPerson("去他娘的物价")).isFalse();
        assertThat(PersonDirected.aimsAtPerson("真他奶奶的离谱")).isFalse();
        assertThat(PersonDirected.aimsAtPerson("她喵的什么世道")).isFalse();
        assertThat(PersonDirected.aimsAtPerson("弹吉他的都懂")).isFalse();
    }

    @Test
    void thePronounStillCountsBesideThoseWords() {
        assertThat(PersonDirected.aimsAtPerson("他妈妈也不管管他")).isTrue(); // his mother: a person
        assertThat(PersonDirected.aimsAtPerson("他妈也不管")).isTrue();
        assertThat(PersonDirected.aimsAtPerson("他妈的，他就是个骗子")).isTrue(); // the curse, then 他
        assertThat(PersonDirected.aimsAtPerson("这人真恶心")).isTrue();
        assertThat(PersonDirected.aimsAtPerson("这人")).isTrue();
        assertThat(PersonDirected.aimsAtPerson("这种人生")).isTrue(); // a known false reading: 这种人 in 这种人生
    }
}
