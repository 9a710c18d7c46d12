package dev.proxywasm.abi.internal;

import org.teavm.interop.Address;

/**
 * Where a String's characters lie in linear memory, so that a hot loop inside the module can
 * read them in place: {@code getChars} into an array of one's own costs TeaVM a
 * {@code System.arraycopy} (several checks, two calls and a {@code memory.copy}, which V8 runs
 * as a call out of Wasm) per String.
 *
 * <p>In TeaVM 0.13's Wasm layout a String is an object header (class and hash words), then
 * its {@code characters} array, its first field; a char array is a header and a length, then
 * the chars. The first call checks the layout on a probe String and throws
 * {@link IllegalStateException} if it does not hold: a module built with another TeaVM fails
 * its first test, not silently.
 *
 * <p>An address is good until the next allocation, which may move objects: read the
 * characters before allocating anything. Several addresses may be held at once.
 */
public final class StringChars {
    /** Offset of String's character array reference from the String's address. */
    private static final int CHARACTERS = 8;
    /** Offset of a char array's first element from the array's address. */
    private static final int DATA = 12;
    // No static initialiser: TeaVM would test for one in every static method, and of() must
    // stay small.
    private static boolean checked;

    private StringChars() {
    }

    /** The address of {@code s}'s first char. Inside the module only. */
    public static Address of(String s) {
        if (!checked) {
            check();
        }
        return Address.ofObject(s).add(CHARACTERS).getAddress().add(DATA);
    }

    private static void check() {
        char[] chars = {'\uFEFF', 'q', '\u7FFF'};
        String probe = new String(chars);
        Address array = Address.ofObject(probe).add(CHARACTERS).getAddress();
        Address data = array.add(DATA);
        if (Address.ofData(chars).diff(Address.ofObject(chars)) != DATA || array.toInt() == 0
            || array.add(8).getInt() != chars.length || data.getChar() != chars[0]
            || data.add(2).getChar() != chars[1] || data.add(4).getChar() != chars[2]) {
            throw new IllegalStateException("TeaVM's String layout is not the one StringChars reads");
        }
        checked = true;
    }
}
