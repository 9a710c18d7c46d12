package dev.proxywasm.abi.internal;

import org.teavm.interop.Address;
import org.teavm.runtime.Mutator;

/**
 * Works around a TeaVM 0.13.1 bug that loses one static GC root in every Wasm module.
 *
 * <p>The compiler writes the static-root table as a 64-bit count followed by 32-bit field
 * addresses, but the collector reads a 32-bit count and then steps 32 bits at a time: it takes
 * the count's zero high half for the first root and stops one entry short. The last static
 * reference field of the module is therefore never marked or updated, and the object it holds
 * (for example the switch map javac generates for a {@code switch} on an enum) is freed and its
 * memory reused while still in use: the module starts taking wrong branches or throwing after a
 * few thousand requests. Adding one to the count makes the collector reach the last root; the
 * zero half stays a null root, as it is today.
 *
 * <p>Applied once, from {@code _initialize}, before the plugin allocates anything. The table is
 * recognised by that zero word, so a TeaVM that writes a 32-bit count is left alone.
 */
public final class StaticRootsRepair {
    private static boolean applied;
    private static boolean repaired;

    private StaticRootsRepair() {
    }

    /** Repairs the count if the table has the 64-bit layout; later calls do nothing. */
    public static void apply() {
        if (applied) {
            return;
        }
        applied = true;
        Address table = Mutator.getStaticGCRoots();
        int count = table.getInt();
        if (count > 0 && table.add(4).getInt() == 0) {
            table.putInt(count + 1);
            repaired = true;
        }
    }

    /** Whether {@link #apply()} found the 64-bit layout and repaired it. */
    public static boolean repaired() {
        return repaired;
    }
}
