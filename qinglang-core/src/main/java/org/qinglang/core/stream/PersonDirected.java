package org.qinglang.core.stream;

/**
 * Whether a text is aimed at a person (针对个人) rather than at an event or an institution: it addresses or names
 * someone — a second- or third-person pronoun (你, 您, 他, 她; not 其他), a demonstrative for a person (这人, 这种人,
 * 这个人, 此人, 这货, 这家伙, 这女的, 这男的, 老东西) — or calls for action against one (人肉, 开盒, 挂出来, 滚出,
 * 封杀, 去死).
 *
 * <p>Not counted: 他 or 她 in a word that names no one — 其他 (other), 吉他 (guitar), and the curse 他妈的 (他娘的,
 * 他奶奶的, 他喵的, and the same with 她), an interjection aimed at no one (“他妈的又涨价”); 他妈 alone (his mother)
 * still counts — and 这人 in 这人间 (this world) or 这人生 (this life).
 *
 * <p>The {@link PileOnMonitor} counts an event as aimed at a person when this holds and the Moderator does not pass
 * the text: an insult or a verdict on someone, not anger at what happened. A pronoun alone says nothing: "你说得对"
 * is addressed but friendly, which the Moderator's verdict takes care of.
 *
 * <p>One pass over the text, no allocation; stateless and thread-safe.
 */
final class PersonDirected {

    /** Words for a person, or calls for action against one, by their first character. */
    private static final String[] WORDS = {"这人", "这种人", "这个人", "这货", "这家伙", "这女的", "这男的", "此人",
            "老东西", "人肉", "开盒", "挂出来", "滚出", "封杀", "去死"};

    private PersonDirected() {
    }

    /** Whether {@code text} addresses or names a person, or calls for action against one. */
    static boolean aimsAtPerson(String text) {
        int len = text.length();
        for (int i = 0; i < len; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '你', '您' -> {
                    return true;
                }
                case '他', '她' -> {
                    if (namesSomeone(text, i)) {
                        return true;
                    }
                }
                case '这', '此', '老', '人', '开', '挂', '滚', '封', '去' -> {
                    for (String w : WORDS) {
                        if (w.charAt(0) == c && text.startsWith(w, i) && !(c == '这' && notAPerson(text, i + 2))) {
                            return true;
                        }
                    }
                }
                default -> {
                }
            }
        }
        return false;
    }

    /** Curses that begin with 他 or 她 but are aimed at no one: what follows the pronoun. */
    private static final String[] CURSES = {"妈的", "娘的", "奶奶的", "喵的"};

    /** Whether the 他 or 她 at {@code i} names someone: not in 其他, 吉他 or a curse such as 他妈的. */
    private static boolean namesSomeone(String text, int i) {
        if (i > 0 && (text.charAt(i - 1) == '其' || text.charAt(i - 1) == '吉')) {
            return false;
        }
        for (String curse : CURSES) {
            if (text.startsWith(curse, i + 1)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the word that began with 这人 goes on at {@code next} into 这人间 or 这人生 (a world, a life). */
    private static boolean notAPerson(String text, int next) {
        if (next >= text.length() || text.charAt(next - 1) != '人') {
            return false;
        }
        char c = text.charAt(next);
        return c == '间' || c == '生';
    }
}
