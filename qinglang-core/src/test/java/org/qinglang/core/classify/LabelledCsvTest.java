package org.qinglang.core.classify;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LabelledCsvTest {

    private static List<LabelledText> read(String csv) throws IOException {
        return LabelledCsv.read(new BufferedReader(new StringReader(csv)), "t.csv");
    }

    @Test
    void readsColdTrainWithBomCommasAndQuotes() throws IOException {
        assertThat(read("\uFEFF,split,topic,label,TEXT\n"
                + "7089,train,race,1,也是，想想, 命比较重要\n"
                + "1082,train,region,0,\"他说\"\"好\"\",然后走了\"\n"
                + "\n"
                + "5,train,gender,1,\"a\"\"\"\n"))
                .containsExactly(new LabelledText("也是，想想, 命比较重要", 1),
                        new LabelledText("他说\"好\",然后走了", 0), new LabelledText("a\"", 1));
    }

    @Test
    void readsColdTestWithItsExtraColumn() throws IOException {
        assertThat(read(",split,topic,label,fine-grained-label,TEXT\n1949,test,race,1,2,只要不来,就好[机智]\n"))
                .containsExactly(new LabelledText("只要不来,就好[机智]", 1));
    }

    @Test
    void readsSwsrWhereTheTextIsInTheMiddle() throws IOException {
        assertThat(read("\uFEFFindex,weibo_id,comment_text,gender,location,like,date,label,category,target\n"
                + "0,J1z,\"她们不结婚,却觉得\"\"婚驴\"\"\",女,广东,14,12/05/2020 15:04,1,SCB,G\n"
                + "2,Gw,\"跨行\n第二行\",男,其他,36,23/08/2018 13:10,0,,\n"))
                .containsExactly(new LabelledText("她们不结婚,却觉得\"婚驴\"", 1), new LabelledText("跨行\n第二行", 0));
    }

    @Test
    void aShortRowIsReportedByLine() {
        assertThatThrownBy(() -> read(",split,topic,label,TEXT\n1,train,race,1,ok\n2,train\n"))
                .isInstanceOf(IOException.class)
                .hasMessage("t.csv:3: expected 5 columns, found fewer");
    }

    @Test
    void aBadLabelIsReportedByLine() {
        assertThatThrownBy(() -> read(",split,topic,label,TEXT\n1,train,race,yes,ok\n"))
                .hasMessage("t.csv:2: label 'yes' is not 0 or 1");
    }

    @Test
    void aHeaderWithoutTheColumnsIsNamed() {
        assertThatThrownBy(() -> read("a,b,c\n1,2,3\n"))
                .hasMessage("t.csv:1: header 'a,b,c' has no 'label' column");
        assertThatThrownBy(() -> read(""))
                .hasMessage("t.csv: empty file; expected a CSV header with 'label' and 'text' columns");
    }
}
