package dev.proxywasm.abi.jackson.teavm;

import dev.proxywasm.abi.jackson.ClasslibNumberParser;
import java.util.Map;
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
import org.teavm.model.ValueType;
import org.teavm.model.instructions.InvokeInstruction;

/**
 * Rewrites jackson-core's number parsing calls to {@link ClasslibNumberParser}: those into its
 * shaded FastDoubleParser, and those to {@code Double.parseDouble} and {@code Float.parseFloat}.
 *
 * <p>FastDoubleParser needs {@code VarHandle} and {@code Math.fma}, which TeaVM cannot compile.
 * Redirecting the calls at their source (jackson's {@code NumberInput}, {@code BigDecimalParser},
 * {@code BigIntegerParser}) leaves the shaded classes unreachable, so TeaVM never compiles them. The
 * class library calls go along because TeaVM's {@code Double.parseDouble} is not always correctly
 * rounded, and jackson uses it whenever {@code USE_FAST_DOUBLE_PARSER} is off (the default). A
 * call into the shaded package that has no counterpart fails the build by name rather than
 * leaving a VarHandle error deep inside the parser.
 */
final class NumberParsingRedirect implements ClassHolderTransformer {
    private static final String JACKSON_CORE = "com.fasterxml.jackson.core.";
    /** The shaded copy moves with each jackson release ({@code ...fdp.v2_20_1}); the root does not. */
    private static final String SHADED_PACKAGE = JACKSON_CORE + "internal.shaded.fdp.";
    /** FastDoubleParser's public entry points; everything else in it is their implementation. */
    private static final Set<String> ENTRY_CLASSES =
            Set.of("JavaDoubleParser", "JavaFloatParser", "JavaBigDecimalParser", "JavaBigIntegerParser");
    private static final String REPLACEMENT = ClasslibNumberParser.class.getName();
    private static final ValueType STRING = ValueType.object("java.lang.String");
    private static final ValueType CHAR_SEQUENCE = ValueType.object("java.lang.CharSequence");
    /** A String argument is a CharSequence, so these take the same arguments unchanged. */
    private static final Map<MethodReference, MethodReference> CLASSLIB_CALLS = Map.of(
            new MethodReference("java.lang.Double", "parseDouble", STRING, ValueType.DOUBLE),
            new MethodReference(REPLACEMENT, "parseDouble", CHAR_SEQUENCE, ValueType.DOUBLE),
            new MethodReference("java.lang.Float", "parseFloat", STRING, ValueType.FLOAT),
            new MethodReference(REPLACEMENT, "parseFloat", CHAR_SEQUENCE, ValueType.FLOAT));

    @Override
    public void transformClass(ClassHolder cls, ClassHolderTransformerContext context) {
        if (!cls.getName().startsWith(JACKSON_CORE) || cls.getName().startsWith(SHADED_PACKAGE)) {
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
                    redirect((InvokeInstruction) instruction, method, context);
                }
            }
        }
    }

    private void redirect(InvokeInstruction call, MethodHolder caller, ClassHolderTransformerContext context) {
        MethodReference target = call.getMethod();
        MethodReference classlibReplacement = CLASSLIB_CALLS.get(target);
        if (classlibReplacement != null) {
            call.setMethod(classlibReplacement);
        } else if (target.getClassName().startsWith(SHADED_PACKAGE)) {
            MethodReference replacement = new MethodReference(REPLACEMENT, target.getDescriptor());
            if (ENTRY_CLASSES.contains(simpleName(target.getClassName())) && declares(replacement, context)) {
                call.setMethod(replacement);
            } else {
                context.getDiagnostics().error(new CallLocation(caller.getReference(), call.getLocation()),
                        "jackson-core calls its shaded FastDoubleParser at {{m0}}, which abi-jackson has "
                        + "no class-library replacement for; add one to " + REPLACEMENT, target);
            }
        }
    }

    private static boolean declares(MethodReference method, ClassHolderTransformerContext context) {
        ClassReader cls = context.getHierarchy().getClassSource().get(method.getClassName());
        return cls != null && cls.getMethod(method.getDescriptor()) != null;
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
