package dev.proxywasm.abi.teavm;

import org.teavm.model.ClassHolder;
import org.teavm.model.ClassHolderTransformer;
import org.teavm.model.ClassHolderTransformerContext;
import org.teavm.model.MethodDescriptor;
import org.teavm.model.MethodHolder;
import org.teavm.model.ValueType;
import org.teavm.model.emit.ProgramEmitter;

/**
 * Makes {@code Throwable.fillInStackTrace()} record nothing, as a JVM does for an exception
 * built without a writable stack trace. Nothing in a Proxy-Wasm module can print a stack trace
 * (the SDK logs an exception's class and message), yet TeaVM's version walks the shadow stack
 * into an array of {@code StackTraceElement}s at every {@code new} of an exception, and that
 * code, the element class and its strings take about 1 KB of every module.
 * {@code getStackTrace()} returns an empty array.
 */
final class NoStackTraces implements ClassHolderTransformer {
    private static final String THROWABLE = "java.lang.Throwable";
    private static final MethodDescriptor FILL_IN_STACK_TRACE =
            new MethodDescriptor("fillInStackTrace", ValueType.object(THROWABLE));

    @Override
    public void transformClass(ClassHolder cls, ClassHolderTransformerContext context) {
        if (!cls.getName().equals(THROWABLE)) {
            return;
        }
        MethodHolder fill = cls.getMethod(FILL_IN_STACK_TRACE);
        if (fill == null) {
            return;
        }
        ProgramEmitter body = ProgramEmitter.create(fill, context.getHierarchy());
        body.var(0, ValueType.object(THROWABLE)).returnValue();
    }
}
