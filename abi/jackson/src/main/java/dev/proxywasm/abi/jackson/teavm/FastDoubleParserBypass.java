package dev.proxywasm.abi.jackson.teavm;

import dev.proxywasm.abi.jackson.ClasslibNumberParser;
import java.util.Set;
import org.teavm.model.BasicBlock;
import org.teavm.model.CallLocation;
import org.teavm.model.ClassHolder;
import org.teavm.model.ClassHolderTransformer;
import org.teavm.model.ClassHolderTransformerContext;
import org.teavm.model.ClassReader;
import org.teavm.model.Instruction;
import org.teavm.model.MethodHolder;
import org.teavm.model.MethodReference;
import org.teavm.model.Program;
import org.teavm.model.instructions.InvokeInstruction;

/**
 * Rewrites jackson-core's calls into its shaded FastDoubleParser to {@link ClasslibNumberParser}.
 *
 * <p>FastDoubleParser needs {@code VarHandle} and {@code Math.fma}, which TeaVM cannot compile.
 * Redirecting the calls at their source (jackson's {@code NumberInput}, {@code BigDecimalParser},
 * {@code BigIntegerParser}) leaves the shaded classes unreachable, so TeaVM never compiles them.
 * Whether jackson is asked to use the fast parser ({@code USE_FAST_DOUBLE_PARSER}) then no longer
 * matters. A call into the shaded package that has no counterpart fails the build by name rather
 * than leaving a VarHandle error deep inside the parser.
 */
final class FastDoubleParserBypass implements ClassHolderTransformer {
    /** The shaded copy moves with each jackson release ({@code ...fdp.v2_20_1}); the root does not. */
    private static final String SHADED_PACKAGE = "com.fasterxml.jackson.core.internal.shaded.fdp.";
    /** FastDoubleParser's public entry points; everything else in it is their implementation. */
    private static final Set<String> ENTRY_CLASSES =
            Set.of("JavaDoubleParser", "JavaFloatParser", "JavaBigDecimalParser", "JavaBigIntegerParser");
    private static final String REPLACEMENT = ClasslibNumberParser.class.getName();

    @Override
    public void transformClass(ClassHolder cls, ClassHolderTransformerContext context) {
        if (cls.getName().startsWith(SHADED_PACKAGE)) {
            return;
        }
        for (MethodHolder method : cls.getMethods()) {
            Program program = method.getProgram();
            if (program != null) {
                redirectCalls(method, program, context);
            }
        }
    }

    private void redirectCalls(MethodHolder method, Program program, ClassHolderTransformerContext context) {
        for (BasicBlock block : program.getBasicBlocks()) {
            for (Instruction instruction : block) {
                if (instruction instanceof InvokeInstruction) {
                    InvokeInstruction call = (InvokeInstruction) instruction;
                    if (call.getMethod().getClassName().startsWith(SHADED_PACKAGE)) {
                        redirect(call, method, context);
                    }
                }
            }
        }
    }

    private void redirect(InvokeInstruction call, MethodHolder caller, ClassHolderTransformerContext context) {
        MethodReference target = call.getMethod();
        MethodReference replacement = new MethodReference(REPLACEMENT, target.getDescriptor());
        if (!ENTRY_CLASSES.contains(simpleName(target.getClassName())) || !declares(replacement, context)) {
            context.getDiagnostics().error(new CallLocation(caller.getReference(), call.getLocation()),
                    "jackson-core calls its shaded FastDoubleParser at {{m0}}, which abi-jackson has no "
                    + "class-library replacement for; add one to " + REPLACEMENT, target);
            return;
        }
        call.setMethod(replacement);
    }

    private static boolean declares(MethodReference method, ClassHolderTransformerContext context) {
        ClassReader cls = context.getHierarchy().getClassSource().get(method.getClassName());
        return cls != null && cls.getMethod(method.getDescriptor()) != null;
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
