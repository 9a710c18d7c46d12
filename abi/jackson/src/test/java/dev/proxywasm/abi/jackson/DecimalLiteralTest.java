package dev.proxywasm.abi.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Checks {@link DecimalLiteral} against the JDK's parsers, which are correctly rounded, on the
 * literals that trip parsers up and on random ones across both formats' ranges.
 */
class DecimalLiteralTest {
    private static final String[] HARD_CASES = {
        "1e23", "8.41e21", "9007199254740993", "0.30000000000000004", "2.2250738585072011e-308",
        "2.2250738585072012e-308", "4.9e-324", "2.4703282292062328e-324", "2.4703282292062327e-324",
        "3e-324", "7.2e-322", "1e-310", "1.7976931348623157e308", "1.7976931348623158e308",
        "1.7976931348623159e308", "1e309", "1e-400", "1.00000017881393432617187499",
        "1.00000017881393432617187501", "3.4028235e38", "3.4028236e38", "1.4e-45", "7.0e-46",
        "7.1e-46", "-1.5", "+2.5e+3", ".5", "5.",
        "00000123.4500000e-2", "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497791.999",
    };

    /** Answered without exact arithmetic, which would not finish for some of them. */
    private static final String[] ZERO_OR_FAR_OUT_OF_RANGE = {
        "0", "-0.0", "0e999999999999", "1e-999999999999", "-1e999999999999", "1e-326", "1e311",
    };

    @Test
    void roundsLikeTheJdk() {
        for (String literal : HARD_CASES) {
            assertRoundsLikeTheJdk(literal);
        }
        for (String literal : ZERO_OR_FAR_OUT_OF_RANGE) {
            assertRoundsLikeTheJdk(literal);
        }
    }

    @Test
    void roundsRandomLiteralsLikeTheJdk() {
        Random random = new Random(20251125);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder literal = new StringBuilder();
            int digits = 1 + random.nextInt(i % 2 == 0 ? 17 : 40);
            for (int d = 0; d < digits; d++) {
                literal.append((char) ('0' + random.nextInt(10)));
            }
            literal.append('e').append(random.nextInt(720) - 380);
            if (i % 3 == 0) {
                literal.insert(random.nextInt(digits + 1), '.');
            }
            assertRoundsLikeTheJdk(literal.toString());
        }
    }

    @Test
    void exactPathRoundsLikeTheJdkEvenWhereTheFastPathWouldAnswer() {
        for (String literal : HARD_CASES) {
            assertExactPathRoundsLikeTheJdk(literal);
        }
        for (String literal : new String[] {"1.5e3", "-0.25", "0.1", "1", "9999999", "123456789012345"}) {
            assertExactPathRoundsLikeTheJdk(literal);
        }
    }

    @Test
    void leavesOtherJavaSyntaxToTheClassLibrary() {
        for (String literal : new String[] {"0x1p3", "NaN", "-Infinity", "1.5f", "2d", " 1", "1 ", "", "-",
                ".", "e5", "1e", "1e+", "1.2.3", "1e5.0"}) {
            assertNull(DecimalLiteral.parse(literal), literal);
        }
    }

    private static void assertExactPathRoundsLikeTheJdk(String literal) {
        DecimalLiteral decimal = DecimalLiteral.parse(literal);
        assertEquals(Math.abs(Double.parseDouble(literal)), decimal.nearestDouble(), literal);
        assertEquals(Math.abs(Float.parseFloat(literal)), decimal.nearestFloat(), literal);
    }

    private static void assertRoundsLikeTheJdk(String literal) {
        DecimalLiteral decimal = DecimalLiteral.parse(literal);
        assertEquals(Double.doubleToRawLongBits(Double.parseDouble(literal)),
                Double.doubleToRawLongBits(decimal.toDouble()), literal);
        assertEquals(Float.floatToRawIntBits(Float.parseFloat(literal)),
                Float.floatToRawIntBits(decimal.toFloat()), literal);
    }
}
