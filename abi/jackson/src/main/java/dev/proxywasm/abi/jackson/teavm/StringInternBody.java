package dev.proxywasm.abi.jackson.teavm;

import dev.proxywasm.abi.jackson.InternedStrings;
import org.teavm.dependency.PluggableDependency;
import org.teavm.model.ClassHolder;
import org.teavm.model.ClassHolderTransformer;
import org.teavm.model.ClassHolderTransformerContext;
import org.teavm.model.ElementModifier;
import org.teavm.model.MethodDescriptor;
import org.teavm.model.MethodHolder;
import org.teavm.model.MethodReference;
import org.teavm.model.ValueType;
import org.teavm.model.emit.ProgramEmitter;

/**
 * Gives the native {@code String.intern()} a body that calls {@link InternedStrings#intern}.
 * TeaVM's JavaScript and WasmGC backends implement {@code intern} themselves, but the linear-memory
 * Wasm backend (the WASI target) rejects it, and jackson-core's {@code InternCache} calls it.
 * {@link JacksonTeaVMPlugin} installs this transformer only for that backend.
 */
final class StringInternBody implements ClassHolderTransformer {
    private static final String STRING = "java.lang.String";
    private static final ValueType STRING_TYPE = ValueType.object(STRING);
    private static final MethodDescriptor INTERN = new MethodDescriptor("intern", STRING_TYPE);
    private static final MethodReference POOL =
            new MethodReference(InternedStrings.class.getName(), "intern", STRING_TYPE, STRING_TYPE);

    @Override
    public void transformClass(ClassHolder cls, ClassHolderTransformerContext context) {
        if (!cls.getName().equals(STRING)) {
            return;
        }
        MethodHolder intern = cls.getMethod(INTERN);
        if (intern == null || !intern.hasModifier(ElementModifier.NATIVE)) {
            return;
        }
        intern.getModifiers().remove(ElementModifier.NATIVE);
        // The dependency plugin describes what the native code would touch; the body now says it.
        intern.getAnnotations().remove(PluggableDependency.class.getName());
        ProgramEmitter body = ProgramEmitter.create(intern, context.getHierarchy());
        body.invoke(POOL, body.var(0, STRING_TYPE)).returnValue();
    }
}
