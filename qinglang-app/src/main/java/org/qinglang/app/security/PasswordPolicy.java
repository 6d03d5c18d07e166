package org.qinglang.app.security;

import org.qinglang.app.api.FieldError;
import org.qinglang.app.api.Msg;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a console password must be (密码规则): at least {@value #MIN_LENGTH} characters, at most
 * {@value #MAX_BYTES} bytes in UTF-8 (bcrypt reads no further, so a longer one would be cut silently), and not
 * the user name (in any case). Each refusal names the field and the limit, in Chinese and English.
 */
public final class PasswordPolicy {

    /** The fewest characters (Unicode code points) a password has. */
    public static final int MIN_LENGTH = 12;
    /** The most UTF-8 bytes a password has: what bcrypt reads. */
    public static final int MAX_BYTES = 72;

    private PasswordPolicy() {
    }

    /** What is wrong with {@code password} for user {@code username} at field {@code field}, if anything. */
    public static Optional<FieldError> check(String username, String password, String field) {
        int chars = password.codePointCount(0, password.length());
        if (chars < MIN_LENGTH) {
            return Optional.of(new FieldError("too_short", field, OptionalLong.of(MIN_LENGTH),
                    new Msg("密码至少 " + MIN_LENGTH + " 个字符，现为 " + chars + " 个",
                            "a password has at least " + MIN_LENGTH + " characters, this one has " + chars)));
        }
        int bytes = password.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            return Optional.of(new FieldError("too_long", field, OptionalLong.of(MAX_BYTES),
                    new Msg("密码最多 " + MAX_BYTES + " 个字节（UTF-8），现为 " + bytes + " 个",
                            "a password has at most " + MAX_BYTES + " bytes in UTF-8, this one has " + bytes)));
        }
        if (password.strip().toLowerCase(Locale.ROOT).equals(username.toLowerCase(Locale.ROOT))) {
            return Optional.of(FieldError.badValue(field, "密码不能与用户名相同", "the password must not be the user name"));
        }
        return Optional.empty();
    }
}
