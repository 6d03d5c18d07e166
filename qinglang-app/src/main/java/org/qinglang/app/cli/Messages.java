package org.qinglang.app.cli;

import org.qinglang.app.Qinglang;
import picocli.CommandLine.Model.CommandSpec;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;

/**
 * The command line's own messages (命令行提示) — errors, warnings, progress and summaries — in Chinese unless
 * English is chosen, as the console and the API speak. Data (the JSON lines a command writes) is never
 * translated; nor are texts that come from the engine (a library file's problems, a model file's damage),
 * which are named inside a translated frame.
 *
 * <p>The language is {@code --lang zh|en} when given; else the first of {@link #ENVIRONMENT} that is set and not
 * empty decides, English if it starts with {@code en} and Chinese otherwise; Chinese when none is set. The
 * texts are the bundle {@value #BUNDLE}: {@code messages.properties} in Chinese, {@code messages_en.properties}
 * in English, UTF-8, in {@link MessageFormat}'s syntax (an apostrophe is written twice). Numbers are given to
 * the patterns as text, so that a count or a row number is never written with grouping separators.
 *
 * <p>Immutable and thread-safe.
 */
public final class Messages {

    /** The bundle's base name. */
    static final String BUNDLE = "org.qinglang.app.cli.messages";

    /** The environment variables that choose the language when {@code --lang} is not given, the first set first. */
    public static final List<String> ENVIRONMENT = List.of("QINGLANG_LANG", "LC_ALL", "LC_MESSAGES", "LANG");

    /** The values of {@code --lang}. */
    public enum Lang {
        zh(Locale.SIMPLIFIED_CHINESE), en(Locale.ENGLISH);

        private final Locale locale;

        Lang(Locale locale) {
            this.locale = locale;
        }
    }

    // No fallback to the JVM's default locale: with it, Chinese (the base bundle) asked for on an English
    // machine would find messages_en first.
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private final Lang lang;
    private final ResourceBundle bundle;

    private Messages(Lang lang) {
        this.lang = lang;
        this.bundle = ResourceBundle.getBundle(BUNDLE, lang.locale, NO_FALLBACK);
    }

    /** The messages in {@code lang}. */
    public static Messages in(Lang lang) {
        return new Messages(lang);
    }

    /** The messages in the language chosen by {@code option} ({@code --lang}) if present, else by {@code env}. */
    public static Messages chosen(Optional<Lang> option, Map<String, String> env) {
        return in(option.orElseGet(() -> fromEnvironment(env)));
    }

    /** The language {@code env} chooses: see the class comment. */
    static Lang fromEnvironment(Map<String, String> env) {
        for (String name : ENVIRONMENT) {
            String value = env.get(name);
            if (value != null && !value.isEmpty()) {
                return value.toLowerCase(Locale.ROOT).startsWith("en") ? Lang.en : Lang.zh;
            }
        }
        return Lang.zh;
    }

    /** The messages of the command line that runs {@code spec}; from the environment if it was run otherwise. */
    static Messages of(CommandSpec spec) {
        return spec.root().userObject() instanceof Qinglang q ? q.messages()
                : chosen(Optional.empty(), System.getenv());
    }

    /** The language of these messages. */
    public Lang lang() {
        return lang;
    }

    /** The message {@code key} with {@code args} put in; a missing key is a bug and throws. */
    public String get(String key, Object... args) {
        Object[] texts = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            texts[i] = args[i] instanceof Number n ? n.toString() : args[i];
        }
        return new MessageFormat(bundle.getString(key), lang.locale).format(texts);
    }
}
