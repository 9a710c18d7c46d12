package dev.proxywasm.abi;

/**
 * A host call answered with a status the caller did not expect. Methods that treat some
 * statuses as ordinary answers (a missing header, an empty queue) return {@code null} or
 * {@code false} for those instead of throwing.
 */
public class ProxyException extends RuntimeException {
    // The raw ABI value, not a Status: the SDK's host calls throw with the code the host
    // returned, so a module whose filter never asks for status() does not carry the Status
    // enum (its constants, their names, its table) just to be able to fail.
    private final int code;

    /** @param call the ABI function that failed, e.g. {@code proxy_http_call}. */
    public ProxyException(String call, Status status) {
        this(call, status.code(), null);
    }

    /**
     * @param call the ABI function that failed; {@code detail} says what was being done
     *     ({@code null}: nothing to add).
     */
    public ProxyException(String call, Status status, String detail) {
        this(call, status.code(), detail);
    }

    /**
     * @param call the ABI function that failed; {@code code} is the {@code proxy_status_t} it
     *     returned and {@code detail} says what was being done ({@code null}: nothing to add).
     */
    public ProxyException(String call, int code, String detail) {
        super(call + " failed: " + statusName(code) + (detail == null ? "" : " (" + detail + ")"));
        this.code = code;
    }

    /** The status the host returned. */
    public Status status() {
        return Status.of(code);
    }

    /** Status.of(code).name(), without loading Status; ProxyExceptionTest keeps them equal. */
    private static String statusName(int code) {
        switch (code) {
            case 0:
                return "OK";
            case 1:
                return "NOT_FOUND";
            case 2:
                return "BAD_ARGUMENT";
            case 3:
                return "SERIALIZATION_FAILURE";
            case 4:
                return "PARSE_FAILURE";
            case 5:
                return "BAD_EXPRESSION";
            case 6:
                return "INVALID_MEMORY_ACCESS";
            case 7:
                return "EMPTY";
            case 8:
                return "CAS_MISMATCH";
            case 9:
                return "RESULT_MISMATCH";
            case 10:
                return "INTERNAL_FAILURE";
            case 11:
                return "BROKEN_CONNECTION";
            case 12:
                return "UNIMPLEMENTED";
            default:
                return "UNKNOWN";
        }
    }
}
