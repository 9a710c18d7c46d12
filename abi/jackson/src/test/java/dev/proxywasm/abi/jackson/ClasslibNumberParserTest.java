package dev.proxywasm.abi.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** The redirect target must answer like the FastDoubleParser entry points it stands in for. */
class ClasslibNumberParserTest {
    @Test
    void parsesDecimalLiteralsFromTextAndFromCharRanges() {
        char[] chars = "[-12.5e-1]".toCharArray();
        assertEquals(-1.25, ClasslibNumberParser.parseDouble("-12.5e-1"));
        assertEquals(-1.25, ClasslibNumberParser.parseDouble(chars, 1, 8));
        assertEquals(-1.25f, ClasslibNumberParser.parseFloat(new StringBuilder("-12.5e-1")));
        assertEquals(-1.25f, ClasslibNumberParser.parseFloat(chars, 1, 8));
        assertEquals(new BigDecimal("-1.25"), ClasslibNumberParser.parseBigDecimal(chars, 1, 8));
        assertEquals(new BigDecimal("1E+400"), ClasslibNumberParser.parseBigDecimal("1e400"));
    }

    @Test
    void leavesTheRestOfJavaSyntaxToTheClassLibrary() {
        assertEquals(8.0, ClasslibNumberParser.parseDouble("0x1p3"));
        assertEquals(Double.NEGATIVE_INFINITY, ClasslibNumberParser.parseDouble("-Infinity"));
        assertEquals(Float.NaN, ClasslibNumberParser.parseFloat("NaN"));
        assertEquals(2.5, ClasslibNumberParser.parseDouble(" 2.5d "));
    }

    @Test
    void parsesBigIntegersInAnyRadix() {
        assertEquals(new BigInteger("123456789012345678901234567890"),
                ClasslibNumberParser.parseBigInteger("123456789012345678901234567890"));
        assertEquals(BigInteger.valueOf(255), ClasslibNumberParser.parseBigInteger("ff", 16));
    }

    @Test
    void rejectsWhatIsNotANumber() {
        assertThrows(NumberFormatException.class, () -> ClasslibNumberParser.parseDouble("1e"));
        assertThrows(NumberFormatException.class, () -> ClasslibNumberParser.parseFloat("abc"));
        assertThrows(NumberFormatException.class, () -> ClasslibNumberParser.parseBigDecimal("1.2.3"));
        assertThrows(NumberFormatException.class, () -> ClasslibNumberParser.parseBigInteger("12x"));
    }
}
