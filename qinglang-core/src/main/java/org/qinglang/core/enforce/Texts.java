package org.qinglang.core.enforce;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;

/** Small helpers for user-facing text and configuration values, shared by this package. */
final class Texts {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private Texts() {
    }

    /** English for a locale whose language is English; Chinese for every other locale. */
    static boolean english(Locale locale) {
        return "en".equals(locale.getLanguage());
    }

    /** {@code at} as local date and minute in {@code zone}, with the zone's id. */
    static String when(Instant at, ZoneId zone) {
        return WHEN.format(at.atZone(zone)) + " (" + zone.getId() + ")";
    }

    /** A duration in words, in whole days, hours or else minutes: 7天 / 7 days, 12小时 / 12 hours, 30分钟 / 30 minutes. */
    static String span(Duration d, Locale locale) {
        boolean en = english(locale);
        if (!d.isZero() && d.toMinutes() % (24 * 60) == 0) {
            long days = d.toDays();
            return en ? days + (days == 1 ? " day" : " days") : days + "天";
        }
        long minutes = d.toMinutes();
        if (minutes % 60 == 0) {
            long hours = minutes / 60;
            return en ? hours + (hours == 1 ? " hour" : " hours") : hours + "小时";
        }
        return en ? minutes + (minutes == 1 ? " minute" : " minutes") : minutes + "分钟";
    }

    /**
     * A duration in configuration: a whole number followed by {@code m} (minutes), {@code h} (hours) or
     * {@code d} (days): {@code 90m}, {@code 2h}, {@code 30d}. Must be more than zero.
     *
     * @param field named in the message when the value is not of this form
     */
    static Duration parseDuration(String value, String field) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.length() >= 2) {
            char unit = v.charAt(v.length() - 1);
            String digits = v.substring(0, v.length() - 1);
            if (digits.chars().allMatch(Character::isDigit) && digits.length() <= 6) {
                long n = Long.parseLong(digits);
                if (n > 0) {
                    switch (unit) {
                        case 'm':
                            return Duration.ofMinutes(n);
                        case 'h':
                            return Duration.ofHours(n);
                        case 'd':
                            return Duration.ofDays(n);
                        default:
                            break;
                    }
                }
            }
        }
        throw new IllegalArgumentException(field + " must be a whole number above 0 (up to 6 digits) followed by"
                + " m, h or d, such as 2h or 30d; was '" + value + "'");
    }

    /** The configuration form of {@code d}: {@code 30d}, {@code 2h} or {@code 90m}. */
    static String formatDuration(Duration d) {
        if (d.toMinutes() % (24 * 60) == 0) {
            return d.toDays() + "d";
        }
        return d.toMinutes() % 60 == 0 ? d.toHours() + "h" : d.toMinutes() + "m";
    }

    /** The id of an enum constant in JSON and files: its name in lower case, {@code _} as {@code -}. */
    static String id(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The constant of {@code type} whose {@link #id} or name is {@code id} (case-insensitive).
     *
     * @param what named in the message for an unknown id ("unknown {@code what} 'x': use one of …")
     */
    static <E extends Enum<E>> E fromId(Class<E> type, String id, String what) {
        String s = id.strip();
        E[] all = type.getEnumConstants();
        for (E e : all) {
            if (id(e).equalsIgnoreCase(s) || e.name().equalsIgnoreCase(s)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown " + what + " '" + id + "': use one of "
                + String.join(", ", Arrays.stream(all).map(Texts::id).toList()));
    }
}
