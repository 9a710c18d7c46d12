package dev.proxywasm.abi;

/**
 * A host call answered with a status the caller did not expect. Methods that treat some
 * statuses as ordinary answers (a missing header, an empty queue) return {@code null} or
 * {@code false} for those instead of throwing.
 */
public class ProxyException extends RuntimeException {
    private final Status status;

    /** @param call the ABI function that failed, e.g. {@code proxy_http_call}. */
    public ProxyException(String call, Status status) {
        this(call, status, null);
    }

    /**
     * @param call the ABI function that failed; {@code detail} says what was being done
     *     ({@code null}: nothing to add).
     */
    public ProxyException(String call, Status status, String detail) {
        super(call + " failed: " + status.name() + (detail == null ? "" : " (" + detail + ")"));
        this.status = status;
    }

    /** The status the host returned. */
    public Status status() {
        return status;
    }
}
