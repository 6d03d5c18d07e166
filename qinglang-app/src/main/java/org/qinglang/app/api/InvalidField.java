package org.qinglang.app.api;

import java.util.Objects;

/** Thrown by {@link JsonFields} when a field fails its check; carries the {@link FieldError}. No stack trace. */
public final class InvalidField extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient FieldError error;

    public InvalidField(FieldError error) {
        super(Objects.requireNonNull(error, "error").msg().en(), null, false, false);
        this.error = error;
    }

    public FieldError error() {
        return error;
    }
}
