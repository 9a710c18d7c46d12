package dev.proxywasm.abi;

/** What the host does with a stream after a callback ({@code proxy_action_t}). */
public enum Action {
    /** Forward what was received and go on. */
    CONTINUE,
    /** Stop here until the filter resumes the stream (or sends a local reply). */
    PAUSE;

    /** The ABI value of this action. */
    public int code() {
        return ordinal();
    }
}
