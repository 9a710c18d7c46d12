package dev.proxywasm.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The names the exports log failures under. */
class ExportsTest {

    @Test
    void callbackNamesAreTheExportNames() {
        assertEquals("proxy_on_context_create", Exports.name(Exports.CONTEXT_CREATE));
        assertEquals("proxy_on_configure", Exports.name(Exports.CONFIGURE));
        assertEquals("proxy_on_request_headers", Exports.name(Exports.REQUEST_HEADERS));
        assertEquals("proxy_on_http_call_response", Exports.name(Exports.HTTP_CALL_RESPONSE));
        assertEquals("proxy_on_downstream_connection_close", Exports.name(Exports.DOWNSTREAM_CLOSE));
        assertEquals("proxy_on_upstream_connection_close", Exports.name(Exports.UPSTREAM_CLOSE));
        assertEquals("proxy_on_grpc_receive_trailing_metadata", Exports.name(Exports.GRPC_TRAILING_METADATA));
        assertEquals("proxy_on_grpc_close", Exports.name(Exports.GRPC_CLOSE));
    }
}
