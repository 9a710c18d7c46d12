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
    void bufferTypes() {
        assertEquals(BufferType.VM_CONFIGURATION.code(), BufferType.VM_CONFIGURATION_CODE);
        assertEquals(BufferType.PLUGIN_CONFIGURATION.code(), BufferType.PLUGIN_CONFIGURATION_CODE);
    }

    @Test
    void streamTypes() {
        assertEquals(StreamType.DOWNSTREAM.code(), StreamType.DOWNSTREAM_CODE);
    }

    @Test
    void metricTypes() {
        assertEquals(MetricType.COUNTER.code(), MetricType.COUNTER_CODE);
        assertEquals(MetricType.GAUGE.code(), MetricType.GAUGE_CODE);
        assertEquals(MetricType.HISTOGRAM.code(), MetricType.HISTOGRAM_CODE);
    }
}
