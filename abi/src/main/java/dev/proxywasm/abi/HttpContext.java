package dev.proxywasm.abi;

import dev.proxywasm.abi.internal.HostCalls;

/**
 * One HTTP request/response exchange. Override the callbacks the filter needs; each default
 * continues. The accessors read and change this stream's headers, bodies and trailers; single
 * header lookups ask the host for just that header.
 *
 * <p>An exception escaping a request or response callback fails closed: the SDK logs it and
 * answers the stream with a local 500, since a filter that crashed cannot vouch for the request.
 */
public abstract class HttpContext extends Context {

    /** Request headers arrived; {@code endOfStream} when the request has no body. */
    public Action onRequestHeaders(int headerCount, boolean endOfStream) {
        return Action.CONTINUE;
    }

    /** A request body chunk arrived; {@code bodySize} is what is buffered so far. */
    public Action onRequestBody(int bodySize, boolean endOfStream) {
        return Action.CONTINUE;
    }

    /** Request trailers arrived. */
    public Action onRequestTrailers(int trailerCount) {
        return Action.CONTINUE;
    }

    /** Response headers arrived. */
    public Action onResponseHeaders(int headerCount, boolean endOfStream) {
        return Action.CONTINUE;
    }

    /** A response body chunk arrived. */
    public Action onResponseBody(int bodySize, boolean endOfStream) {
        return Action.CONTINUE;
    }

    /** Response trailers arrived. */
    public Action onResponseTrailers(int trailerCount) {
        return Action.CONTINUE;
    }

    @Override
    final int onKindCallback(int callback, int a, int b) {
        switch (callback) {
            case Exports.REQUEST_HEADERS:
                return onRequestHeaders(a, b != 0).code();
            case Exports.REQUEST_BODY:
                return onRequestBody(a, b != 0).code();
            case Exports.REQUEST_TRAILERS:
                return onRequestTrailers(a).code();
            case Exports.RESPONSE_HEADERS:
                return onResponseHeaders(a, b != 0).code();
            case Exports.RESPONSE_BODY:
                return onResponseBody(a, b != 0).code();
            case Exports.RESPONSE_TRAILERS:
                return onResponseTrailers(a).code();
            default:
                return Action.CONTINUE.code();
        }
    }

    // ---- request --------------------------------------------------------------------------

    /** The first value of request header {@code name}, or {@code null}. */
    public final String requestHeader(String name) {
        return header(MapType.HTTP_REQUEST_HEADERS_CODE, name);
    }

    /**
     * The first value of request header {@code name} as the host holds it (no UTF-8 decoding,
     * no String), or {@code null}: the cheapest read, for filters that compare or parse bytes.
     */
    public final byte[] requestHeaderBytes(String name) {
        return headerBytes(MapType.HTTP_REQUEST_HEADERS_CODE, name);
    }

    /** Every request header. */
    public final Headers requestHeaders() {
        return headers(MapType.HTTP_REQUEST_HEADERS_CODE);
    }

    /** Replaces all request headers. */
    public final void setRequestHeaders(Headers headers) {
        setHeaders(MapType.HTTP_REQUEST_HEADERS_CODE, headers);
    }

    /** Sets request header {@code name}, replacing its values. */
    public final void setRequestHeader(String name, String value) {
        setHeader(MapType.HTTP_REQUEST_HEADERS_CODE, name, value);
    }

    /** Adds a request header value, keeping existing ones. */
    public final void addRequestHeader(String name, String value) {
        addHeader(MapType.HTTP_REQUEST_HEADERS_CODE, name, value);
    }

    /** Removes request header {@code name}. */
    public final void removeRequestHeader(String name) {
        removeHeader(MapType.HTTP_REQUEST_HEADERS_CODE, name);
    }

    /** Up to {@code maxSize} bytes of the buffered request body from {@code start}; empty when none. */
    public final byte[] requestBody(int start, int maxSize) {
        return body(BufferType.HTTP_REQUEST_BODY_CODE, start, maxSize);
    }

    /** Replaces the buffered request body. */
    public final void setRequestBody(byte[] body) {
        setBody(BufferType.HTTP_REQUEST_BODY_CODE, body);
    }

    /** Request trailers. */
    public final Headers requestTrailers() {
        return headers(MapType.HTTP_REQUEST_TRAILERS_CODE);
    }

    /** Resumes a request paused by returning {@link Action#PAUSE}. */
    public final void resumeRequest() {
        activate();
        HostCalls.continueStream(StreamType.HTTP_REQUEST_CODE);
    }

    // ---- response -------------------------------------------------------------------------

    /** The first value of response header {@code name}, or {@code null}. */
    public final String responseHeader(String name) {
        return header(MapType.HTTP_RESPONSE_HEADERS_CODE, name);
    }

    /** The first value of response header {@code name} as bytes (see {@link #requestHeaderBytes}). */
    public final byte[] responseHeaderBytes(String name) {
        return headerBytes(MapType.HTTP_RESPONSE_HEADERS_CODE, name);
    }

    /** Every response header. */
    public final Headers responseHeaders() {
        return headers(MapType.HTTP_RESPONSE_HEADERS_CODE);
    }

    /** Replaces all response headers. */
    public final void setResponseHeaders(Headers headers) {
        setHeaders(MapType.HTTP_RESPONSE_HEADERS_CODE, headers);
    }

    /** Sets response header {@code name}, replacing its values. */
    public final void setResponseHeader(String name, String value) {
        setHeader(MapType.HTTP_RESPONSE_HEADERS_CODE, name, value);
    }

    /** Adds a response header value, keeping existing ones. */
    public final void addResponseHeader(String name, String value) {
        addHeader(MapType.HTTP_RESPONSE_HEADERS_CODE, name, value);
    }

    /** Removes response header {@code name}. */
    public final void removeResponseHeader(String name) {
        removeHeader(MapType.HTTP_RESPONSE_HEADERS_CODE, name);
    }

    /** Up to {@code maxSize} bytes of the buffered response body from {@code start}; empty when none. */
    public final byte[] responseBody(int start, int maxSize) {
        return body(BufferType.HTTP_RESPONSE_BODY_CODE, start, maxSize);
    }

    /** Replaces the buffered response body. */
    public final void setResponseBody(byte[] body) {
        setBody(BufferType.HTTP_RESPONSE_BODY_CODE, body);
    }

    /** Response trailers. */
    public final Headers responseTrailers() {
        return headers(MapType.HTTP_RESPONSE_TRAILERS_CODE);
    }

    /** Resumes a response paused by returning {@link Action#PAUSE}. */
    public final void resumeResponse() {
        activate();
        HostCalls.continueStream(StreamType.HTTP_RESPONSE_CODE);
    }

    // ---- ending the stream ----------------------------------------------------------------

    /**
     * Answers the request locally with {@code status}, {@code body} and {@code headers}; the
     * request is not forwarded. {@code details} shows in Envoy's access log
     * ({@code %RESPONSE_CODE_DETAILS%}).
     */
    public final void sendLocalResponse(int status, String details, byte[] body, Headers headers) {
        activate();
        HostCalls.sendLocalResponse(status, details == null ? "" : details, body == null ? new byte[0] : body,
                headers == null ? new Headers(0) : headers, -1);
    }

    /** Sends {@code reply}, prepared beforehand (see {@link LocalReply}); the request is not forwarded. */
    public final void sendLocalReply(LocalReply reply) {
        activate();
        HostCalls.sendLocalResponse(reply.status, reply.details, reply.body, reply.headers, -1);
    }

    /** Resets the stream in {@code direction}. */
    public final void closeStream(StreamType direction) {
        activate();
        HostCalls.closeStream(direction.code());
    }

    // ---- shared plumbing ------------------------------------------------------------------

    private String header(int map, String name) {
        activate();
        return HostCalls.getHeaderMapValue(map, name);
    }

    private byte[] headerBytes(int map, String name) {
        activate();
        return HostCalls.getHeaderMapValueBytes(map, name);
    }

    private Headers headers(int map) {
        activate();
        return HostCalls.getHeaderMapPairs(map);
    }

    private void setHeaders(int map, Headers headers) {
        activate();
        HostCalls.setHeaderMapPairs(map, headers);
    }

    private void setHeader(int map, String name, String value) {
        activate();
        HostCalls.replaceHeaderMapValue(map, name, value);
    }

    private void addHeader(int map, String name, String value) {
        activate();
        HostCalls.addHeaderMapValue(map, name, value);
    }

    private void removeHeader(int map, String name) {
        activate();
        HostCalls.removeHeaderMapValue(map, name);
    }

    private byte[] body(int type, int start, int maxSize) {
        activate();
        byte[] bytes = HostCalls.getBufferBytes(type, start, maxSize);
        return bytes == null ? new byte[0] : bytes;
    }

    private void setBody(int type, byte[] body) {
        activate();
        int size = HostCalls.getBufferSize(type);
        HostCalls.setBufferBytes(type, 0, Math.max(size, 0), body);
    }
}
