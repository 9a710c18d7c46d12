package dev.proxywasm.abi;

import dev.proxywasm.abi.internal.HostCalls;
import dev.proxywasm.abi.internal.Utf8;

/**
 * Host properties of the effective context: Envoy's attributes such as {@code request.path} or
 * {@code source.address}. A path is a list of segments ({@code "request", "path"}). Strings come
 * back as UTF-8, integers as 8 little-endian bytes; the typed helpers decode the common ones.
 * Properties are host-specific; absent ones read as {@code null}.
 */
public final class Properties {
    private Properties() {
    }

    /** The raw value at {@code path}, or {@code null}. */
    public static byte[] get(String... path) {
        return HostCalls.getProperty(encodePath(path));
    }

    /** The value at {@code path} as a string, or {@code null}. */
    public static String getString(String... path) {
        byte[] v = get(path);
        return v == null ? null : Utf8.decode(v, 0, v.length);
    }

    /** The value at {@code path} as an int64, or {@code null} when absent or not 8 bytes. */
    public static Long getLong(String... path) {
        byte[] v = get(path);
        if (v == null || v.length != 8) {
            return null;
        }
        long r = 0;
        for (int i = 7; i >= 0; i--) {
            r = (r << 8) | (v[i] & 0xff);
        }
        return r;
    }

    /** Sets the value at {@code path}; returns the host's status (NOT_FOUND for unknown paths). */
    public static Status set(byte[] value, String... path) {
        return HostCalls.setProperty(encodePath(path), value);
    }

    /** {@code request.path}: the path with the query string. */
    public static String requestPath() {
        return getString("request", "path");
    }

    /** {@code request.method}. */
    public static String requestMethod() {
        return getString("request", "method");
    }

    /** {@code request.host}. */
    public static String requestHost() {
        return getString("request", "host");
    }

    /** {@code request.id}: Envoy's x-request-id. */
    public static String requestId() {
        return getString("request", "id");
    }

    /** {@code source.address}: the client's ip:port. */
    public static String sourceAddress() {
        return getString("source", "address");
    }

    /** {@code destination.address}: the local ip:port the client connected to. */
    public static String destinationAddress() {
        return getString("destination", "address");
    }

    /** {@code plugin_name}: the plugin's name in the host configuration. */
    public static String pluginName() {
        return getString("plugin_name");
    }

    /** {@code plugin_root_id}: the root id the host configured for this plugin. */
    public static String pluginRootId() {
        return getString("plugin_root_id");
    }

    /** {@code plugin_vm_id}: the id of the VM this plugin runs in. */
    public static String pluginVmId() {
        return getString("plugin_vm_id");
    }

    static byte[] encodePath(String[] path) {
        // Each segment encoded once, then laid out with NUL separators: paths are short and rare
        // (logging), so this is written for module size.
        byte[][] parts = new byte[path.length][];
        int size = 0;
        for (int i = 0; i < path.length; i++) {
            parts[i] = Utf8.encode(path[i]);
            size += parts[i].length + 1;
        }
        byte[] out = new byte[Math.max(size - 1, 0)];
        int pos = 0;
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                out[pos++] = 0;
            }
            System.arraycopy(parts[i], 0, out, pos, parts[i].length);
            pos += parts[i].length;
        }
        return out;
    }
}
