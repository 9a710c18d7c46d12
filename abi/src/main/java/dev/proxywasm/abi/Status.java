package dev.proxywasm.abi;

/** The result of a host call ({@code proxy_status_t}). */
public enum Status {
    OK(0),
    NOT_FOUND(1),
    BAD_ARGUMENT(2),
    SERIALIZATION_FAILURE(3),
    PARSE_FAILURE(4),
    BAD_EXPRESSION(5),
    INVALID_MEMORY_ACCESS(6),
    EMPTY(7),
    CAS_MISMATCH(8),
    RESULT_MISMATCH(9),
    INTERNAL_FAILURE(10),
    BROKEN_CONNECTION(11),
    UNIMPLEMENTED(12),
    /** A code this SDK does not know; the raw value is in the exception message. */
    UNKNOWN(-1);

    private final int code;
    /** The statuses by code: those the spec defines are numbered from 0 in declaration order. */
    private static final Status[] BY_CODE = values();

    Status(int code) {
        this.code = code;
    }

    /** The ABI value of this status. */
    public int code() {
        return code;
    }

    /** The status for an ABI value; {@link #UNKNOWN} for values the spec does not define. */
    public static Status of(int code) {
        // values() would copy the array at every call.
        return code >= 0 && code < UNKNOWN.ordinal() ? BY_CODE[code] : UNKNOWN;
    }
}
