package dev.proxywasm.abi.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.proxywasm.abi.jackson.fixture.JsonRenderingFixture;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs {@link JsonRenderingFixture}, compiled by TeaVM to a WASI module with abi-jackson on its
 * classpath, and checks what jackson-core does inside Wasm: the same canonical rendering as on
 * the JVM, and hostile input rejected by {@code StreamReadConstraints} with jackson's message
 * while the module still exits normally.
 */
class JacksonInWasmTest {
    /**
     * wabt's other default proposals; bulk memory and non-trapping float-to-int, which TeaVM
     * emits, stay on (wabt has them on by default and has no flag to enable them explicitly).
     */
    private static final List<String> PROPOSALS_TEAVM_DOES_NOT_USE = List.of("--disable-mutable-globals",
            "--disable-sign-extension", "--disable-simd", "--disable-multi-value", "--disable-reference-types");

    private static WasiRun run;
    private static Map<String, String> lines;

    @BeforeAll
    static void runFixture() {
        run = WasiRun.fixture();
        lines = new LinkedHashMap<>();
        for (String line : run.stdout().split("\n")) {
            int colon = line.indexOf(": ");
            if (colon > 0) {
                lines.put(line.substring(0, colon), line.substring(colon + 2));
            }
        }
    }

    @Test
    void moduleExitsNormally() {
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals("", run.stderr());
    }

    @Test
    void printsWhatTheSameCodePrintsOnTheJvm() {
        assertEquals(JsonRenderingFixture.report(), run.stdout());
    }

    @Test
    void rendersEveryKindOfTokenFromChars() {
        assertEquals("{"
                + "\"text\":\"caf\\u00e9 \\\"quoted\\\" back\\\\slash\\u0009tab\\u000anewline / \\ud83d\\ude00\","
                + "\"raw\":\"\\u00e9\\u2615\\ud83d\\ude00\","
                + "\"ints\":[0,-1,2147483647,-2147483648],"
                + "\"longs\":[2147483648L,-9007199254740993L,9223372036854775807L],"
                + "\"big\":123456789012345678901234567890n,"
                + "\"doubles\":[" + doubles("1.5e3", "-0.25", "0.1", "6.02214076E23", "4.9e-324",
                        "1.7976931348623157e308", "-0.0") + "],"
                + "\"flags\":[true,false,null],"
                + "\"nested\":{\"a\":[[],{},[1,[2,[3,{\"deep\":\"yes\"}]]]]},"
                + "\"\":\"\"}", lines.get("chars"));
    }

    @Test
    void utf8BytesParseLikeChars() {
        assertEquals(lines.get("chars"), lines.get("bytes"));
    }

    @Test
    void floatingPointIsCorrectlyRoundedWithAndWithoutTheFastParser() {
        String literals = JsonRenderingFixture.ROUNDING;
        String[] each = literals.substring(1, literals.length() - 1).split(", ");
        assertEquals("[" + doubles(each) + "]", lines.get("doubles-fast"));
        assertEquals("[" + doubles(each) + "]", lines.get("doubles-plain"));
        assertEquals("[" + floats(each) + "]", lines.get("floats-fast"));
        assertEquals("[" + floats(each) + "]", lines.get("floats-plain"));
    }

    @Test
    void nestingDeeperThanTheConstraintIsRejected() {
        assertEquals("rejected by constraints: Document nesting depth (33) exceeds the maximum allowed"
                + " (32, from `StreamReadConstraints.getMaxNestingDepth()`)", lines.get("deep-nesting"));
    }

    @Test
    void stringLongerThanTheConstraintIsRejected() {
        // jackson checks the length each time its text buffer fills a segment, hence not 4097.
        assertEquals("rejected by constraints: String value length (4262) exceeds the maximum allowed"
                + " (4096, from `StreamReadConstraints.getMaxStringLength()`)", lines.get("long-string"));
    }

    @Test
    void numberLongerThanTheConstraintIsRejected() {
        assertEquals("rejected by constraints: Number value length (128) exceeds the maximum allowed"
                + " (64, from `StreamReadConstraints.getMaxNumberLength()`)", lines.get("long-number"));
    }

    @Test
    void malformedJsonIsRejectedWithItsPosition() {
        assertEquals("rejected as malformed at 1:13: Unexpected character (',' (code 44)): expected a value",
                lines.get("malformed"));
        assertEquals("rejected as malformed at 1:20: Unexpected end-of-input in VALUE_STRING",
                lines.get("truncated"));
    }

    @Test
    void moduleValidatesWithOnlyTheProposalsTeaVmUses() {
        List<String> command = new ArrayList<>(List.of("wasm-validate"));
        command.addAll(PROPOSALS_TEAVM_DOES_NOT_USE);
        command.add(WasiRun.property("fixture.wasm"));
        WasiRun validation = WasiRun.run(command);
        assertEquals(0, validation.exitCode(), validation.stdout() + validation.stderr());
    }

    /** The fixture's rendering of each literal as a double, from the JVM's correctly rounded parser. */
    private static String doubles(String... literals) {
        StringJoiner out = new StringJoiner(",");
        for (String literal : literals) {
            out.add(Long.toHexString(Double.doubleToRawLongBits(Double.parseDouble(literal))) + "/"
                    + new BigDecimal(literal));
        }
        return out.toString();
    }

    /** The fixture's rendering of each literal as a float, from the JVM's correctly rounded parser. */
    private static String floats(String... literals) {
        StringJoiner out = new StringJoiner(",");
        for (String literal : literals) {
            out.add(Integer.toHexString(Float.floatToRawIntBits(Float.parseFloat(literal))));
        }
        return out.toString();
    }
}
