package dev.proxywasm.abi.jackson.teavm;

import org.teavm.model.AccessLevel;
import org.teavm.model.ClassHolder;
import org.teavm.model.ClassHolderTransformer;
import org.teavm.model.ClassHolderTransformerContext;
import org.teavm.model.MethodDescriptor;
import org.teavm.model.MethodHolder;
import org.teavm.model.MethodReference;
import org.teavm.model.ValueType;
import org.teavm.model.emit.ProgramEmitter;
import org.teavm.model.emit.ValueEmitter;

/**
 * Adds {@code ConcurrentHashMap(int initialCapacity, float loadFactor, int concurrencyLevel)} to
 * TeaVM's {@code ConcurrentHashMap}, which has only the two-argument form; jackson-core's
 * {@code InternCache} calls the three-argument one. The concurrency level only sizes lock
 * striping, meaningless with a single thread, so the new constructor delegates to
 * {@code (initialCapacity, loadFactor)}. A TeaVM that has the constructor is left untouched.
 */
final class ConcurrencyLevelConstructor implements ClassHolderTransformer {
    private static final String MAP = "java.util.concurrent.ConcurrentHashMap";
    private static final MethodDescriptor WITH_LEVEL =
            new MethodDescriptor("<init>", ValueType.INTEGER, ValueType.FLOAT, ValueType.INTEGER, ValueType.VOID);
    private static final MethodDescriptor WITHOUT_LEVEL =
            new MethodDescriptor("<init>", ValueType.INTEGER, ValueType.FLOAT, ValueType.VOID);

    @Override
    public void transformClass(ClassHolder cls, ClassHolderTransformerContext context) {
        if (!cls.getName().equals(MAP) || cls.getMethod(WITH_LEVEL) != null
                || cls.getMethod(WITHOUT_LEVEL) == null) {
            return;
        }
        MethodHolder constructor = new MethodHolder(WITH_LEVEL);
        constructor.setLevel(AccessLevel.PUBLIC);
        ProgramEmitter body = ProgramEmitter.create(constructor, context.getHierarchy());
        ValueEmitter self = body.var(0, ValueType.object(MAP));
        self.invokeSpecial(new MethodReference(MAP, WITHOUT_LEVEL),
                body.var(1, ValueType.INTEGER), body.var(2, ValueType.FLOAT));
        body.exit();
        cls.addMethod(constructor);
    }
}
