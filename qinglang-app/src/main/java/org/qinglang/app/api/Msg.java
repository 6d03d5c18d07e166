package org.qinglang.app.api;

import java.util.Locale;
import java.util.Objects;

/**
 * A message for people in Chinese and in English (中英文提示); Chinese unless the request asks for English.
 *
 * @param zh the Chinese text
 * @param en the English text
 */
public record Msg(String zh, String en) {

    public Msg {
        Objects.requireNonNull(zh, "zh");
        Objects.requireNonNull(en, "en");
    }

    /** The text for {@code locale}: English for any English locale, Chinese otherwise. */
    public String in(Locale locale) {
        return "en".equals(locale.getLanguage()) ? en : zh;
    }
}
