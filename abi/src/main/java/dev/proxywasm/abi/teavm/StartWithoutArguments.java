package dev.proxywasm.abi.teavm;

import org.teavm.model.ClassHolder;
import org.teavm.model.ClassHolderTransformer;
import org.teavm.model.ClassHolderTransformerContext;
import org.teavm.model.MethodDescriptor;
import org.teavm.model.MethodHolder;
import org.teavm.model.MethodReference;
import org.teavm.model.ValueType;
import org.teavm.model.emit.ProgramEmitter;

/**
 * Makes TeaVM's WASI entry point ({@code _start}, {@code WasmSupport.runWithoutArgs}) start the
 * program with no arguments instead of reading them from WASI. Its argument reader allocates
 * {@code new String[argc - 1]}, which corrupts the heap when a Proxy-Wasm host reports no
 * arguments, and it drags about 10 KB of charset decoders into every module: the build removes
 * the {@code _start} export, but the reader stays reachable through TeaVM's function table.
 * Envoy calls {@code _initialize}, which runs the same code.
 */
final class StartWithoutArguments implements ClassHolderTransformer {
    private static final String WASM_SUPPORT = "org.teavm.backend.wasm.runtime.WasmSupport";
    private static final ValueType STRING_ARRAY = ValueType.arrayOf(ValueType.object("java.lang.String"));
    private static final MethodDescriptor RUN_WITHOUT_ARGS = new MethodDescriptor("runWithoutArgs", ValueType.VOID);
    private static final MethodReference RUN_WITH_ARGS =
            new MethodReference(WASM_SUPPORT, "runWithArgs", STRING_ARRAY, ValueType.VOID);

    @Override
    public void transformClass(ClassHolder cls, ClassHolderTransformerContext context) {
        if (!cls.getName().equals(WASM_SUPPORT)) {
            return;
        }
        MethodHolder start = cls.getMethod(RUN_WITHOUT_ARGS);
        if (start == null) {
            return;
        }
        ProgramEmitter body = ProgramEmitter.create(start, context.getHierarchy());
        body.invoke(RUN_WITH_ARGS, body.constructArray(ValueType.object("java.lang.String"), 0));
        body.exit();
    }
}
