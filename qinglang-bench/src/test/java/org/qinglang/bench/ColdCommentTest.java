package org.qinglang.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ColdCommentTest {

    @Test
    void trainHeaderHasFourColumnsBeforeTheText() {
        assertThat(ColdComment.columnsBeforeText("\uFEFF,split,topic,label,TEXT", "train.csv")).isEqualTo(4);
    }

    @Test
    void testHeaderHasFiveColumnsBeforeTheText() {
        assertThat(ColdComment.columnsBeforeText(",split,topic,label,fine-grained-label,TEXT", "test.csv"))
                .isEqualTo(5);
    }

    @Test
    void theTextKeepsItsCommas() {
        ColdComment c = ColdComment.parse("1082,train,region,1,说这些，四川人,是不是,只有", 4, "x:2");
        assertThat(c).isEqualTo(new ColdComment("1082", "train", "region", 1, "说这些，四川人,是不是,只有"));
    }

    @Test
    void aQuotedTextIsUnquoted() {
        ColdComment c = ColdComment.parse("10983,train,race,0,\"说的好。亚洲人,少数\"\"族裔\"\"\"", 4, "x:2");
        assertThat(c.text()).isEqualTo("说的好。亚洲人,少数\"族裔\"");
        assertThat(c.innocent()).isTrue();
    }

    @Test
    void theTestFileSkipsTheFineGrainedLabel() {
        ColdComment c = ColdComment.parse("1949,test,race,1,2,只要不来中国的外国人", 5, "x:2");
        assertThat(c.label()).isEqualTo(1);
        assertThat(c.text()).isEqualTo("只要不来中国的外国人");
    }

    @Test
    void aShortLineNamesItsPlace() {
        assertThatThrownBy(() -> ColdComment.parse("1,train,race", 4, "train.csv:7"))
                .hasMessageContaining("train.csv:7").hasMessageContaining("4 columns");
    }

    @Test
    void aForeignHeaderIsRejected() {
        assertThatThrownBy(() -> ColdComment.columnsBeforeText("id,text", "x.csv"))
                .hasMessageContaining("x.csv").hasMessageContaining("not COLD's");
    }
}
