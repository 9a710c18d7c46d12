package dev.proxywasm.abi;

/** What the host does with a stream after a callback ({@code proxy_action_t}). */
public enum Action {
    /** Forward what was received and go on. */
    CONTINUE,
    /** Stop here until the filter resumes the stream (or sends a local reply). */
    PAUSE;

    // The ABI values the SDK returns itself, as compile-time constants (javac copies them into
    // the caller, which then needs no check that this enum's initialiser ran). Equal to code().
    static final int CONTINUE_CODE = 0;
    static final int PAUSE_CODE = 1;

    /** The ABI value of this action. */
    public int code() {
        return ordinal();
    }
}
