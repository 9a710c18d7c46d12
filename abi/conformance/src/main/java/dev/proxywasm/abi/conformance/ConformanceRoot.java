package dev.proxywasm.abi.conformance;

import dev.proxywasm.abi.HttpContext;
import dev.proxywasm.abi.Log;
import dev.proxywasm.abi.Metric;
import dev.proxywasm.abi.RootContext;
import dev.proxywasm.abi.SharedQueue;
import dev.proxywasm.abi.internal.Utf8;
import java.util.ArrayList;
import java.util.List;

/**
 * The HTTP plugin's root: reads VM and plugin configuration, owns the metrics, the shared queue
 * and the timer, and resumes streams that asked to be resumed on the next tick.
 */
final class ConformanceRoot extends RootContext {
    Metric requests;
    Metric ticks;
    Metric inFlight;
    Metric sizes;
    SharedQueue queue;
    String pluginConfig = "";
    final List<ConformanceStream> resumeOnTick = new ArrayList<>();
    /** Where the cost benchmark's routes put what they read, so the reads are not optimised away. */
    int lastHeaderCount;
    String lastUserAgent;

    @Override
    public boolean onVmStart(int vmConfigurationSize) {
        byte[] vm = vmConfiguration();
        Log.info("vm started with configuration '" + Utf8.decode(vm, 0, vm.length) + "'");
        return true;
    }

    @Override
    public boolean onConfigure(int pluginConfigurationSize) {
        byte[] config = pluginConfiguration();
        pluginConfig = Utf8.decode(config, 0, config.length);
        if (pluginConfig.contains("reject")) {
            Log.error("configuration rejected: it asks to be rejected");
            return false;
        }
        requests = Metric.counter("conformance.requests");
        ticks = Metric.counter("conformance.ticks");
        inFlight = Metric.gauge("conformance.in_flight");
        sizes = Metric.histogram("conformance.request_size");
        queue = SharedQueue.register("conformance");
        if (pluginConfig.contains("tick")) {
            setTickPeriod(1000);
        }
        Log.info("configured with '" + pluginConfig + "'");
        return true;
    }

    @Override
    public HttpContext newHttpContext(int contextId) {
        return new ConformanceStream(this);
    }

    @Override
    public void onTick() {
        ticks.increment();
        List<ConformanceStream> waiting = new ArrayList<>(resumeOnTick);
        resumeOnTick.clear();
        for (ConformanceStream s : waiting) {
            s.resumeFromTick();
        }
    }

    @Override
    public void onQueueReady(int queueId) {
        byte[] item;
        while ((item = queue.dequeue()) != null) {
            Log.info("queue " + queueId + " item '" + Utf8.decode(item, 0, item.length) + "'");
        }
    }

    @Override
    public void onForeignFunction(int functionId, int argumentsSize) {
        Log.info("foreign callback " + functionId + " with " + argumentsSize + " bytes");
    }
}
