package org.qinglang.app.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The language of the command line's messages, and the two bundles that hold them. */
class MessagesTest {

    @Test
    void chineseUnlessTheOptionOrTheEnvironmentSaysEnglish() {
        assertThat(lang(null, Map.of())).isEqualTo(Messages.Lang.zh);
        assertThat(lang(null, Map.of("LANG", "C.UTF-8"))).isEqualTo(Messages.Lang.zh);
        assertThat(lang(null, Map.of("LANG", "fr_FR.UTF-8"))).isEqualTo(Messages.Lang.zh);
        assertThat(lang(null, Map.of("LANG", "en_US.UTF-8"))).isEqualTo(Messages.Lang.en);
        assertThat(lang(null, Map.of("LC_MESSAGES", "en_GB", "LANG", "zh_CN.UTF-8"))).isEqualTo(Messages.Lang.en);
        // the first variable set decides, as for every POSIX program: LC_ALL over LC_MESSAGES over LANG
        assertThat(lang(null, Map.of("LC_ALL", "zh_CN.UTF-8", "LANG", "en_US.UTF-8"))).isEqualTo(Messages.Lang.zh);
        assertThat(lang(null, Map.of("LC_ALL", "", "LANG", "en_US.UTF-8"))).as("empty is unset")
                .isEqualTo(Messages.Lang.en);
        // QINGLANG_LANG over the locale; --lang over both
        assertThat(lang(null, Map.of("QINGLANG_LANG", "zh", "LC_ALL", "en_US.UTF-8"))).isEqualTo(Messages.Lang.zh);
        assertThat(lang(null, Map.of("QINGLANG_LANG", "EN", "LC_ALL", "zh_CN.UTF-8"))).isEqualTo(Messages.Lang.en);
        assertThat(lang(Messages.Lang.zh, Map.of("QINGLANG_LANG", "en"))).isEqualTo(Messages.Lang.zh);
        assertThat(lang(Messages.Lang.en, Map.of())).isEqualTo(Messages.Lang.en);
    }

    @Test
    void chineseIsChineseOnAnEnglishMachine() {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.US); // ResourceBundle's default lookup would then find messages_en for Chinese
        try {
            assertThat(Messages.in(Messages.Lang.zh).get("usage.inOrText")).startsWith("请给出");
            assertThat(Messages.in(Messages.Lang.en).get("usage.inOrText")).startsWith("give either");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void numbersAreWrittenWithoutGroupingAndApostrophesSurvive() {
        Messages en = Messages.in(Messages.Lang.en);
        assertThat(en.get("line.skipped", "scan", 12_345L, "x")).isEqualTo("scan: line 12345: x; skipped");
        assertThat(en.get("usage.unknownMode", "slow")).isEqualTo("unknown --mode 'slow': use fast or accurate");
        assertThat(Messages.in(Messages.Lang.zh).get("line.skipped", "scan", 12_345L, "x"))
                .isEqualTo("scan: 第 12345 行：x；已跳过");
    }

    @Test
    void theBundlesHoldTheSameKeysWithTheSameArguments() throws IOException {
        Properties zh = bundle("messages.properties");
        Properties en = bundle("messages_en.properties");
        assertThat(new TreeSet<>(zh.stringPropertyNames())).isEqualTo(new TreeSet<>(en.stringPropertyNames()));
        Pattern loneApostrophe = Pattern.compile("(?<!')'(?!')");
        for (String key : zh.stringPropertyNames()) {
            assertThat(arguments(zh.getProperty(key))).as(key).isEqualTo(arguments(en.getProperty(key)));
            // MessageFormat drops a single apostrophe and quotes what follows it
            assertThat(loneApostrophe.matcher(zh.getProperty(key)).find()).as("zh " + key).isFalse();
            assertThat(loneApostrophe.matcher(en.getProperty(key)).find()).as("en " + key).isFalse();
            assertThat(zh.getProperty(key)).as("zh " + key).containsPattern("\\p{IsHan}");
        }
    }

    private static Messages.Lang lang(Messages.Lang option, Map<String, String> env) {
        return Messages.chosen(Optional.ofNullable(option), env).lang();
    }

    private static Properties bundle(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = MessagesTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    private static TreeSet<String> arguments(String pattern) {
        TreeSet<String> args = new TreeSet<>();
        Matcher m = Pattern.compile("\\{(\\d+)}").matcher(pattern);
        while (m.find()) {
            args.add(m.group(1));
        }
        return args;
    }
}
