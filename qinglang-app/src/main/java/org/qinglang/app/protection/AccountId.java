package org.qinglang.app.protection;

import org.qinglang.app.api.FieldError;
import org.qinglang.app.api.InvalidField;

/** An account id from a path or query (账号): 1 to 128 characters (the event table's width), no control characters. */
public final class AccountId {

    /** The longest account id, as in the event table's {@code target_account}. */
    public static final int MAX = 128;

    private AccountId() {
    }

    /** {@code value} if it is a valid account id, else an {@link InvalidField} naming {@code field}. */
    public static String check(String value, String field) {
        if (value.isBlank()) {
            throw new InvalidField(FieldError.missing(field));
        }
        if (value.length() > MAX) {
            throw new InvalidField(FieldError.tooLong(field, value.length(), MAX));
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new InvalidField(FieldError.badValue(field, "含控制字符（第 " + i + " 个字符）",
                        "has a control character (at " + i + ")"));
            }
        }
        return value;
    }
}
