package dev.proxywasm.harness;

/**
 * The response a plugin sent with {@code proxy_send_local_response} instead of letting the request
 * through, as the client receives it: when it was sent while processing the request, Envoy ran it
 * through the plugin's response callbacks, so {@link #headers()} and {@link #body()} include what
 * those changed.
 *
 * @param status the HTTP status code
 * @param headers the response headers, {@code :status} first
 * @param body the response body (UTF-8)
 * @param details the response code details, with whitespace replaced by {@code _} as Envoy does
 * @param grpcStatus the gRPC status the plugin passed; -1 (or anything past 16) means none
 */
public record LocalResponse(int status, Headers headers, String body, String details,
    int grpcStatus) {}
