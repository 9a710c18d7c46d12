package dev.proxywasm.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The int copies of ABI values the SDK passes itself agree with the enums' codes. */
class EnumCodesTest {

    @Test
    void actions() {
        assertEquals(Action.CONTINUE.code(), Action.CONTINUE_CODE);
        assertEquals(Action.PAUSE.code(), Action.PAUSE_CODE);
    }

    @Test
    void logLevels() {
        assertEquals(LogLevel.TRACE.code(), LogLevel.TRACE_CODE);
        assertEquals(LogLevel.DEBUG.code(), LogLevel.DEBUG_CODE);
        assertEquals(LogLevel.INFO.code(), LogLevel.INFO_CODE);
        assertEquals(LogLevel.WARN.code(), LogLevel.WARN_CODE);
        assertEquals(LogLevel.ERROR.code(), LogLevel.ERROR_CODE);
        assertEquals(LogLevel.CRITICAL.code(), LogLevel.CRITICAL_CODE);
    }

    @Test
    void mapTypes() {
        assertEquals(MapType.HTTP_REQUEST_HEADERS.code(), MapType.HTTP_REQUEST_HEADERS_CODE);
        assertEquals(MapType.HTTP_REQUEST_TRAILERS.code(), MapType.HTTP_REQUEST_TRAILERS_CODE);
        assertEquals(MapType.HTTP_RESPONSE_HEADERS.code(), MapType.HTTP_RESPONSE_HEADERS_CODE);
        assertEquals(MapType.HTTP_RESPONSE_TRAILERS.code(), MapType.HTTP_RESPONSE_TRAILERS_CODE);
    }

    @Test
    void bufferTypes() {
        assertEquals(BufferType.HTTP_REQUEST_BODY.code(), BufferType.HTTP_REQUEST_BODY_CODE);
        assertEquals(BufferType.HTTP_RESPONSE_BODY.code(), BufferType.HTTP_RESPONSE_BODY_CODE);
        assertEquals(BufferType.VM_CONFIGURATION.code(), BufferType.VM_CONFIGURATION_CODE);
        assertEquals(BufferType.PLUGIN_CONFIGURATION.code(), BufferType.PLUGIN_CONFIGURATION_CODE);
    }

    @Test
    void streamTypes() {
        assertEquals(StreamType.HTTP_REQUEST.code(), StreamType.HTTP_REQUEST_CODE);
        assertEquals(StreamType.HTTP_RESPONSE.code(), StreamType.HTTP_RESPONSE_CODE);
        assertEquals(StreamType.DOWNSTREAM.code(), StreamType.DOWNSTREAM_CODE);
    }

    @Test
    void metricTypes() {
        assertEquals(MetricType.COUNTER.code(), MetricType.COUNTER_CODE);
        assertEquals(MetricType.GAUGE.code(), MetricType.GAUGE_CODE);
        assertEquals(MetricType.HISTOGRAM.code(), MetricType.HISTOGRAM_CODE);
    }
}
