package dev.proxywasm.abi;

/** Which side closed a TCP connection ({@code proxy_peer_type_t}). */
public enum PeerType {
    UNKNOWN, LOCAL, REMOTE;

    static PeerType of(int code) {
        PeerType[] all = values();
        return code >= 0 && code < all.length ? all[code] : UNKNOWN;
    }
}
