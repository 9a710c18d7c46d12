package dev.proxywasm.abi;

import dev.proxywasm.abi.internal.HostCalls;

/**
 * The answer to an HTTP call, readable only while its handler runs. A call that was reset or
 * timed out arrives with no headers: {@link #failed()} is true and {@link #failureReason()}
 * says why (Envoy reports "reset" for both).
 */
public final class HttpCallResponse {
    private final int callId;
    private final int headerCount;
    private final int bodySize;
    private final int trailerCount;

    /** Created by the SDK when the host delivers the answer. */
    public HttpCallResponse(int callId, int headerCount, int bodySize, int trailerCount) {
        this.callId = callId;
        this.headerCount = headerCount;
        this.bodySize = bodySize;
        this.trailerCount = trailerCount;
    }

    /** The id {@link Context#httpCall} returned. */
    public int callId() {
        return callId;
    }

    /** True when no response arrived (reset, timeout, connection failure). */
    public boolean failed() {
        return headerCount == 0;
    }

    /** The host's status message for a failed call, e.g. {@code "reset"}; empty otherwise. */
    public String failureReason() {
        return failed() ? HostCalls.statusMessage() : "";
    }

    /** The {@code :status} of the response, or 0 when it failed or the header is not a number. */
    public int status() {
        String s = header(":status");
        if (s == null || s.isEmpty() || s.length() > 3) {
            return 0;
        }
        int v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return 0;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** The first value of response header {@code name}, or {@code null}. */
    public String header(String name) {
        return headerCount == 0 ? null : HostCalls.getHeaderMapValue(MapType.HTTP_CALL_RESPONSE_HEADERS.code(), name);
    }

    /** All response headers. */
    public Headers headers() {
        return headerCount == 0 ? new Headers(0) : HostCalls.getHeaderMapPairs(MapType.HTTP_CALL_RESPONSE_HEADERS.code());
    }

    /** The response body size in bytes. */
    public int bodySize() {
        return bodySize;
    }

    /** Up to {@code maxSize} bytes of the body. */
    public byte[] body(int maxSize) {
        if (bodySize == 0 || maxSize <= 0) {
            return new byte[0];
        }
        byte[] b = HostCalls.getBufferBytes(BufferType.HTTP_CALL_RESPONSE_BODY.code(), 0, Math.min(maxSize, bodySize));
        return b == null ? new byte[0] : b;
    }

    /** The whole body. */
    public byte[] body() {
        return body(bodySize);
    }

    /** Response trailers. */
    public Headers trailers() {
        return trailerCount == 0 ? new Headers(0) : HostCalls.getHeaderMapPairs(MapType.HTTP_CALL_RESPONSE_TRAILERS.code());
    }
}
