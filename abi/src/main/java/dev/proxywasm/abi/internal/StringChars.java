package dev.proxywasm.abi.internal;

import org.teavm.classlib.PlatformDetector;
import org.teavm.interop.Address;
import org.teavm.runtime.GC;
import org.teavm.runtime.RuntimeObject;

/**
 * Where a String's characters lie in linear memory, so that a hot loop inside the module can
 * read them in place: {@code getChars} into an array of one's own costs TeaVM a
 * {@code System.arraycopy} (several checks, two calls and a {@code memory.copy}, which V8 runs
 * as a call out of Wasm) per String.
 *
 * <p>In TeaVM 0.13's Wasm layout a String is an object header (class and hash words), then
 * its {@code characters} array, its first field; a char array is a header and a length, then
 * the chars. The SDK's {@code _initialize} checks the layout ({@link #checkLayout}) before any
 * plugin code runs, and fails if it does not hold: a module built with another TeaVM fails to
 * start, not silently. The readers below then check nothing, and call nothing: TeaVM gives a
 * method that calls nothing that may throw no shadow-stack frame, and wasm-opt inlines them.
 *
 * <p>An address is good until the next allocation, which may move objects: read the
 * characters before allocating anything. Several addresses may be held at once.
 */
public final class StringChars {
    /** Offset of String's character array reference from the String's address. */
    private static final int CHARACTERS = 8;
    /** Offset of a char array's length from the array's address. */
    private static final int LENGTH = 8;
    /** Offset of a char array's first element from the array's address. */
    private static final int DATA = 12;

    private StringChars() {
    }

    /** The address of {@code s}'s first char. Inside the module only. */
    public static Address of(String s) {
        return Address.ofObject(s).add(CHARACTERS).getAddress().add(DATA);
    }

    /**
     * {@code s.length()}: inside the module read in place, without the shadow-stack frame
     * TeaVM's {@code length()} pushes (a bare getter otherwise).
     */
    public static int length(String s) {
        if (!PlatformDetector.isWebAssembly()) {
            return s.length();
        }
        return Address.ofObject(s).add(CHARACTERS).getAddress().add(LENGTH).getInt();
    }

    /**
     * A String of {@code chars[from, from + n)}: {@code new String(chars, from, n)} for hot paths.
     * Inside the module the String adopts a fresh array filled by one {@code memory.copy},
     * where TeaVM's constructor copies through {@code System.arraycopy} (a range check, two
     * calls for the arrays' lengths and a type check around the same copy), which V8 spends
     * about as long on as on the allocations. The range is checked like the constructor's.
     */
    public static String copyOf(char[] chars, int from, int n) {
        if (from < 0 || n < 0 || from > chars.length - n) {
            throw outside();
        }
        if (!PlatformDetector.isWebAssembly()) {
            return new String(chars, from, n);
        }
        char[] own = new char[n];
        String s = new String();
        // Addresses taken after the last allocation, which may have moved both arrays.
        Address.moveMemoryBlock(Address.ofData(chars).add(from << 1), Address.ofData(own), n << 1);
        Address.ofObject(s).add(CHARACTERS).putAddress(Address.ofObject(own));
        // The field store TeaVM's compiler would have written, with its card mark: s is new,
        // but the collector's bookkeeping is not this class's to second-guess.
        GC.writeBarrier(Address.ofObject(s).toStructure());
        return s;
    }

    /**
     * Copies all of {@code s} into {@code dst} from index {@code at}:
     * {@code s.getChars(0, s.length(), dst, at)} for hot paths, one {@code memory.copy} inside
     * the module (see {@link #copyOf}). The range is checked like {@code getChars}'.
     */
    public static void getChars(String s, char[] dst, int at) {
        if (!PlatformDetector.isWebAssembly()) {
            s.getChars(0, s.length(), dst, at);
            return;
        }
        int n = length(s);
        if (at < 0 || at > dst.length - n) {
            throw outside();
        }
        Address.moveMemoryBlock(of(s), Address.ofData(dst).add(at << 1), n << 1);
    }

    private static StringIndexOutOfBoundsException outside() {
        return new StringIndexOutOfBoundsException("range outside the array");
    }

    /**
     * Checks that TeaVM lays Strings out as this class reads them, throwing
     * {@link IllegalStateException} if not. The SDK's {@code _initialize} calls it first.
     */
    public static void checkLayout() {
        // A literal's array: its length, then its chars, where the readers expect them.
        String probe = "\uFEFFq";
        Address array = Address.ofObject(probe).add(CHARACTERS).getAddress();
        if (array.toInt() == 0 || array.add(LENGTH).getInt() != 2 || array.add(DATA).getChar() != '\uFEFF'
            || array.add(DATA + 2).getChar() != 'q') {
            throw new IllegalStateException("TeaVM's String layout is not the one StringChars reads");
        }
    }
}
