package dev.proxywasm.abi.json;

import dev.proxywasm.abi.internal.MapCodec;

/**
 * Lets a {@link JsonReader} take member names from the SDK's name cache (the one header names
 * come from), like jackson's symbol table: a name of plain ASCII (no escapes, at most 64 bytes)
 * read before comes back as the same String, found by comparing bytes, without building one
 * (two allocations and a copy in TeaVM). For programs that read many documents of one shape,
 * such as request bodies; the cache is bounded, so hostile names cost a miss each.
 *
 * <p>A module that never creates one carries none of this: the class is not final because
 * TeaVM then links {@code name} only into modules that create an instance.
 */
public class JsonNames {
    /** Opts the readers it is given into the name cache. */
    public JsonNames() {
    }

    /** The name whose bytes, plain ASCII, are {@code in[from, from + length)}. */
    String name(byte[] in, int from, int length) {
        return MapCodec.name(in, from, length);
    }
}
