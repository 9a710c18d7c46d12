package dev.proxywasm.abi;

import dev.proxywasm.abi.internal.MapCodec;
import dev.proxywasm.abi.internal.Utf8;

/**
 * A local reply encoded once: for a filter that sends the same answer again and again (a 401
 * with its {@code WWW-Authenticate}, a 403), build it when configured and pass it to
 * {@link HttpContext#sendLocalReply(LocalReply)}, which then encodes nothing per request.
 * The headers are copied when it is built: changing them afterwards does not change the reply.
 */
public final class LocalReply {
    final int status;
    final byte[] details;
    final byte[] body;
    final byte[] headers;

    /**
     * @param status  the HTTP status
     * @param details shown in Envoy's access log ({@code %RESPONSE_CODE_DETAILS%}); may be null
     * @param body    the response body; may be null
     * @param headers the response headers; may be null
     */
    public LocalReply(int status, String details, byte[] body, Headers headers) {
        this.status = status;
        this.details = Utf8.encode(details == null ? "" : details);
        this.body = body == null ? new byte[0] : body.clone();
        this.headers = MapCodec.encode(headers == null ? new Headers(0) : headers);
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }
}
