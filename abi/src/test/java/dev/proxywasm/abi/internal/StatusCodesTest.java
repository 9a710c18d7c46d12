package dev.proxywasm.abi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.proxywasm.abi.Status;
import org.junit.jupiter.api.Test;

/** The int copies of statuses HostCalls compares and throws with agree with the Status codes. */
class StatusCodesTest {

    @Test
    void statuses() {
        assertEquals(Status.NOT_FOUND.code(), HostCalls.NOT_FOUND);
        assertEquals(Status.INVALID_MEMORY_ACCESS.code(), HostCalls.INVALID_MEMORY_ACCESS);
        assertEquals(Status.EMPTY.code(), HostCalls.EMPTY);
        assertEquals(Status.CAS_MISMATCH.code(), HostCalls.CAS_MISMATCH);
    }
}
