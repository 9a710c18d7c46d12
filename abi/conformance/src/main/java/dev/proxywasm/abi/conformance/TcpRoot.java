package dev.proxywasm.abi.conformance;

import dev.proxywasm.abi.RootContext;
import dev.proxywasm.abi.TcpContext;

/** The root of the TCP plugin: one {@link ConformanceConnection} per connection. */
final class TcpRoot extends RootContext {
    @Override
    public TcpContext newTcpContext(int contextId) {
        return new ConformanceConnection();
    }
}
