package dev.proxywasm.harness;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * What every Proxy-Wasm context (plugin, HTTP stream, TCP connection) has in the host: an id,
 * the status {@code proxy_get_status} reports, and the maps, buffers and properties a host
 * function may reach through it. The defaults are Envoy's for a context that is not a stream.
 */
abstract class HostContext {
  final ProxyWasmHost host;
  final int id;
  /** Whether {@code proxy_on_context_create} ran for it (Envoy's {@code in_vm_context_created_}). */
  boolean created;
  int statusCode;
  String statusMessage = "";

  HostContext(ProxyWasmHost host, int id) {
    this.host = host;
    this.id = id;
  }

  /** The plugin (root) context this context belongs to; itself for a plugin context. */
  abstract PluginContext pluginContext();

  /** A map the plugin may modify, or null when none of that type is available now. */
  HeaderMap mutableMap(MapType type) {
    return null;
  }

  /** A map the plugin may read, or null when none of that type is available now. */
  HeaderMap readableMap(MapType type) {
    PluginContext plugin = pluginContext();
    return switch (type) {
      case GRPC_RECEIVE_INITIAL_METADATA -> plugin.grpcInitialMetadata;
      case GRPC_RECEIVE_TRAILING_METADATA -> plugin.grpcTrailingMetadata;
      case HTTP_CALL_RESPONSE_HEADERS ->
          plugin.httpCallResponse == null ? null : plugin.httpCallResponse.headers();
      case HTTP_CALL_RESPONSE_TRAILERS ->
          plugin.httpCallResponse == null ? null : plugin.httpCallResponse.trailers();
      default -> mutableMap(type);
    };
  }

  /** Whether a missing map reads as NotFound (Envoy's access-log phase) instead of BadArgument. */
  boolean inAccessLogPhase() {
    return false;
  }

  /** The buffer of that type as this context sees it now, or null (NotFound). */
  Buffer buffer(BufferType type) {
    PluginContext plugin = pluginContext();
    return switch (type) {
      case HTTP_CALL_RESPONSE_BODY ->
          plugin.httpCallResponse == null ? null : Buffer.constant(plugin.httpCallResponse.body());
      case GRPC_RECEIVE_BUFFER ->
          plugin.grpcMessage == null ? Buffer.NONE : Buffer.constant(plugin.grpcMessage);
      case VM_CONFIGURATION -> Buffer.constant(host.vmConfiguration);
      case PLUGIN_CONFIGURATION -> configurationBuffer();
      case FOREIGN_FUNCTION_ARGUMENTS ->
          plugin.foreignArguments == null ? Buffer.NONE : Buffer.constant(plugin.foreignArguments);
      default -> Buffer.NONE;
    };
  }

  /** The plugin configuration, readable only while {@code proxy_on_configure} runs on this context. */
  Buffer configurationBuffer() {
    return null;
  }

  /**
   * The serialised value of a property, or null (NotFound). {@code path} holds the segments of
   * the property path, as the plugin sent them ({@code \0}-separated).
   */
  byte[] property(String path) {
    PluginContext plugin = pluginContext();
    return switch (path) {
      case "plugin_name" -> utf8(host.pluginName);
      case "plugin_root_id" -> utf8(plugin.rootId);
      case "plugin_vm_id" -> utf8(host.vmId);
      default -> host.properties.get(path);
    };
  }

  /** {@code proxy_set_property}: Envoy keeps it in the stream's filter state; without a stream, NotFound. */
  Status setProperty(String path, byte[] value) {
    return Status.NOT_FOUND;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** A number property as Envoy serialises an int64: 8 bytes, little-endian. */
  static byte[] int64(long value) {
    return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array();
  }
}
