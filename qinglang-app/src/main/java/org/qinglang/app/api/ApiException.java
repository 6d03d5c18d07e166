package org.qinglang.app.api;

import org.springframework.http.HttpStatus;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * A request the API refuses, with what a caller needs to fix it: the HTTP status, a stable {@code code},
 * the {@code field} at fault (JSON path, or {@code ""} for the request as a whole), the {@code limit} it
 * broke if there is one, and the message in both languages. {@link ApiExceptionHandler} turns it into a
 * problem-details response; no stack trace ever leaves the server.
 */
public final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final HttpStatus status;
    private final String code;
    private final String field;
    private final OptionalLong limit;
    private final Msg msg;

    public ApiException(HttpStatus status, String code, String field, OptionalLong limit, Msg msg) {
        super(msg.en(), null, false, false);
        this.status = Objects.requireNonNull(status, "status");
        this.code = Objects.requireNonNull(code, "code");
        this.field = Objects.requireNonNull(field, "field");
        this.limit = Objects.requireNonNull(limit, "limit");
        this.msg = msg;
    }

    /** A 400 for {@code field} failing a check: {@code code} names the check. */
    public static ApiException badField(FieldError e) {
        return new ApiException(HttpStatus.BAD_REQUEST, e.code(), e.field(), e.limit(), e.msg());
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }

    public OptionalLong limit() {
        return limit;
    }

    public Msg msg() {
        return msg;
    }
}
