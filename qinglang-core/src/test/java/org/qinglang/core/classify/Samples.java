package org.qinglang.core.classify;

import java.util.ArrayList;
import java.util.List;

/** A small fixed labelled sample, made up for tests: insults against people, and ordinary sentences. */
final class Samples {

    private static final String[] PEOPLE = {"你", "他", "这种人", "那些人", "楼主", "你们", "她", "这帮人"};
    private static final String[] INSULTS = {"就是个傻逼", "真恶心，滚出去", "脑残吧", "去死吧", "是垃圾", "蠢得像猪",
            "不配做人", "滚蛋"};
    private static final String[] PLAIN = {"今天去公园散步了", "说得很有道理", "这家店的面很好吃", "明天下雨记得带伞",
            "谢谢分享经验", "周末一起看电影吧", "这本书写得不错", "加油，祝你顺利"};

    private Samples() {
    }

    /** {@code n} texts, alternately offensive (label 1) and not, the same every time. */
    static List<LabelledText> make(int n, int offset) {
        List<LabelledText> out = new ArrayList<>(n);
        for (int i = offset; i < offset + n; i++) {
            String who = PEOPLE[i % PEOPLE.length];
            if (i % 2 == 0) {
                out.add(new LabelledText(who + INSULTS[(i / 2) % INSULTS.length], 1));
            } else {
                out.add(new LabelledText(who + PLAIN[(i / 3) % PLAIN.length], 0));
            }
        }
        return out;
    }

    static final String SHA = "0".repeat(64);

    /** A small model trained on {@link #make}. */
    static FastModel model(boolean library) {
        FastFeatures f = library ? FastFeatures.withLibrary(12, 3) : FastFeatures.ngramsOnly(12, 3);
        return FastTrainer.trainOne(make(200, 0), f, 4.0, 0.5, SHA, "test");
    }
}
