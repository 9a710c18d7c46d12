package dev.proxywasm.abi.internal;

import dev.proxywasm.abi.Headers;
import dev.proxywasm.abi.ProxyException;
import org.teavm.backend.wasm.runtime.WasiBuffer;
import org.teavm.interop.Address;

/**
 * The guest allocator the host uses to hand data back ({@code proxy_on_memory_allocate}), and
 * the return slots host calls write pointers and sizes into.
 *
 * <p>TeaVM's garbage collector compacts the heap: an object referenced only from static fields
 * may move at any allocation, while objects referenced from live locals of a frame on the stack
 * are pinned. The host writes into what we hand out <em>during</em> a host call, re-entrantly,
 * so everything here is arranged so that nothing the host holds a pointer to can move:
 *
 * <ul>
 *   <li>Return slots (pointer, size, CAS, ids) live in TeaVM's WASI scratch buffer, a static
 *       area outside the collected heap.</li>
 *   <li>A host call that may allocate is bracketed by {@link #beginCall()} and one of the
 *       {@code take…} methods. {@code beginCall} returns the arena, a byte array the calling frame
 *       keeps in a live local until it takes the result, so the arena is pinned for the whole host
 *       call. Allocations that fit are carved out of the arena and cannot trigger a collection.</li>
 *   <li>A larger allocation gets a fresh array. That allocation may collect, but at that point
 *       nothing handed to the host can move: arena slices are pinned and no other fresh array is
 *       outstanding. A <em>second</em> fresh array in the same host call could move the first, so
 *       it is refused (the allocator returns 0, which hosts report as a failed host call) and the
 *       SDK throws a {@link ProxyException}: a loud failure, never a write to a stale address.
 *       Hosts allocate once per returned buffer (Envoy does), so this does not happen in
 *       practice.</li>
 *   <li>Input arguments are passed by address into arrays that the calling frame also keeps live
 *       across the call ({@link #keep}), so a collection during the call cannot move them.</li>
 * </ul>
 *
 * Single-threaded by construction: a Wasm VM runs one callback at a time.
 */
public final class HostMemory {
    private static final int ARENA_SIZE = 16 * 1024;
    /** The initial (default) value of {@code freshAddress}. */
    private static final int NOT_HANDED_OUT = 0;

    // No field has an initialiser, so the class needs no static initialisation and TeaVM emits no
    // class-initialisation check (and stack frame) into each of these small, hot methods.
    private static byte[] arena;
    private static int arenaUsed;
    private static boolean inHostCall;
    private static byte[] fresh;
    private static int freshAddress;
    private static boolean refusedInCall;
    private static boolean collectBeforeEachAllocation;
    private static Object kept;
    private static int claimedOffset;

    private HostMemory() {
    }

    /**
     * Test hook: forces a full, compacting garbage collection before every heap allocation made
     * for the host, the worst case for the invariant above. Used by the conformance filter's
     * GC-stress test; never enable it in a real filter.
     */
    public static void collectBeforeEachAllocation(boolean enabled) {
        collectBeforeEachAllocation = enabled;
    }

    /** Address of return slot {@code i} (4 bytes each; slot pairs 0-1 and 2-3 may hold a u64). */
    public static int slot(int i) {
        return WasiBuffer.getBuffer().toInt() + 4 * i;
    }

    /** Reads return slot {@code i} as a u32 (as an int). */
    public static int slotValue(int i) {
        return WasiBuffer.getBuffer().add(4 * i).getInt();
    }

    /** Reads return slots {@code i} and {@code i + 1} as a little-endian u64. */
    public static long slotLong(int i) {
        return WasiBuffer.getBuffer().add(4 * i).getLong();
    }

    /** Zeroes return slots {@code from} to {@code from + count - 1}, for calls whose results are optional. */
    public static void slotClear(int from, int count) {
        for (int i = from; i < from + count; i++) {
            WasiBuffer.getBuffer().add(4 * i).putInt(0);
        }
    }

    /** Address of the first element of {@code data} (the argument form host calls take). */
    public static int addressOf(byte[] data) {
        return Address.ofData(data).toInt();
    }

    /**
     * Starts a host call that may allocate. The caller must keep the returned arena in a local
     * and pass it to a {@code take…} method after the call; that live local is what pins it.
     */
    public static byte[] beginCall() {
        arenaUsed = 0;
        fresh = null;
        freshAddress = NOT_HANDED_OUT;
        refusedInCall = false;
        inHostCall = true;
        return arena;
    }

    /**
     * Creates the arena, once, at {@code _initialize}: {@link #beginCall} then allocates nothing
     * and calls nothing, so TeaVM gives it no stack frame (it runs before every host call that
     * returns memory).
     */
    public static void start() {
        arena = new byte[ARENA_SIZE];
    }

    /** Records {@code input} as used after the call, which keeps the caller's local live. */
    public static void keep(Object input) {
        kept = input;
    }

    /**
     * {@code proxy_on_memory_allocate}: hands the host {@code size} bytes (see the class comment
     * for where they come from). Returns 0, which hosts treat as a failed host call, only when a
     * second large buffer is requested within one host call, or 2 GiB or more (the host's size
     * is unsigned: a negative int here).
     */
    public static int allocate(int size) {
        if (size < 0 || size > Integer.MAX_VALUE - 7) {
            // 2 GiB or more (the host's size is unsigned): more than linear memory can hold.
            return 0;
        }
        int rounded = size == 0 ? 8 : (size + 7) & ~7;
        if (inHostCall && arenaUsed + rounded <= arena.length) {
            int address = Address.ofData(arena).toInt() + arenaUsed;
            arenaUsed += rounded;
            return address;
        }
        if (freshAddress != NOT_HANDED_OUT) {
            refusedInCall = true;
            return 0;
        }
        if (collectBeforeEachAllocation) {
            org.teavm.runtime.GC.collectGarbageFull();
        }
        fresh = new byte[Math.max(size, 1)];
        freshAddress = Address.ofData(fresh).toInt();
        return freshAddress;
    }

    /** Ends a host call that returned no data. */
    public static void endCall() {
        inHostCall = false;
        fresh = null;
        freshAddress = NOT_HANDED_OUT;
        kept = null;
    }

    /** Ends a host call and returns the {@code len} bytes at {@code ptr} as a new exact-size array. */
    public static byte[] takeBytes(byte[] pinnedArena, int ptr, int len, String call) {
        byte[] source = locate(pinnedArena, ptr, len, call);
        byte[] result;
        if (source == fresh && claimedOffset == 0 && fresh.length == len) {
            result = fresh;
        } else {
            result = new byte[len];
            // One memory.copy; the addresses are taken after the allocation, which may have
            // moved an unpinned source (locate checked the range).
            Address.moveMemoryBlock(Address.ofData(source).add(claimedOffset), Address.ofData(result), len);
        }
        endCall();
        return result;
    }

    /** Ends a host call and decodes the serialised header map at {@code ptr}. */
    public static Headers takeMap(byte[] pinnedArena, int ptr, int len, String call) {
        byte[] source = locate(pinnedArena, ptr, len, call);
        Headers h = MapCodec.decode(source, claimedOffset, len);
        endCall();
        return h;
    }

    /** Ends a host call and decodes the UTF-8 string at {@code ptr}. */
    public static String takeString(byte[] pinnedArena, int ptr, int len, String call) {
        byte[] source = locate(pinnedArena, ptr, len, call);
        String s = Utf8.decode(source, claimedOffset, len);
        endCall();
        return s;
    }

    /**
     * Finds the array holding the host's answer. Runs before anything is allocated after the
     * host call, so the addresses recorded at allocation time are still the objects' addresses.
     */
    private static byte[] locate(byte[] pinnedArena, int ptr, int len, String call) {
        if (refusedInCall) {
            endCall();
            throw new ProxyException(call, HostCalls.INVALID_MEMORY_ACCESS,
                    "the host asked for a second large buffer in one call; refused so that no buffer it holds can move");
        }
        if (len == 0) {
            claimedOffset = 0;
            return pinnedArena;
        }
        int arenaAddress = Address.ofData(pinnedArena).toInt();
        // Lengths compared with what is left after ptr: ptr + len could overflow.
        if (len > 0 && ptr >= arenaAddress && len <= arenaUsed - (ptr - arenaAddress)) {
            claimedOffset = ptr - arenaAddress;
            return pinnedArena;
        }
        if (fresh != null && len > 0 && ptr >= freshAddress && len <= fresh.length - (ptr - freshAddress)) {
            claimedOffset = ptr - freshAddress;
            return fresh;
        }
        endCall();
        throw new ProxyException(call, HostCalls.INVALID_MEMORY_ACCESS,
                "the host returned memory the allocator did not hand out in this call");
    }
}
