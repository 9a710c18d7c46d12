package dev.proxywasm.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** An exception made from a raw status code reads and answers as one made from the Status. */
class ProxyExceptionTest {

    @Test
    void rawCodesNameTheirStatus() {
        for (Status status : Status.values()) {
            ProxyException fromCode = new ProxyException("proxy_x", status.code(), null);
            assertEquals("proxy_x failed: " + status.name(), fromCode.getMessage());
            assertEquals(status, fromCode.status());
            assertEquals(new ProxyException("proxy_x", status).getMessage(), fromCode.getMessage());
        }
    }

    @Test
    void codesTheSpecDoesNotDefineAreUnknown() {
        ProxyException e = new ProxyException("proxy_x", 42, "while testing");
        assertEquals("proxy_x failed: UNKNOWN (while testing)", e.getMessage());
        assertEquals(Status.UNKNOWN, e.status());
    }
}
