package org.qinglang.core.stream;

/**
 * An event that is not in the format of ARCHITECTURE.md: names the field and what was wrong with it
 * ({@code "ts": must be an ISO-8601 time with an offset …}).
 */
public final class EventFormatException extends IllegalArgumentException {

    private final String field;

    public EventFormatException(String field, String problem) {
        super(field.isEmpty() ? problem : "\"" + field + "\": " + problem);
        this.field = field;
    }

    /** The field at fault, as a JSON path ({@code context.actorAgeDays}); {@code ""} for the whole line. */
    public String field() {
        return field;
    }
}
