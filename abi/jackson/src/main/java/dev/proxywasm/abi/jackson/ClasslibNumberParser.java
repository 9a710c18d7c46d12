package dev.proxywasm.abi.jackson;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Number parsing by the class library, in place of the FastDoubleParser that jackson-core shades.
 *
 * <p>That parser reads eight digits at a time through {@code VarHandle} byte-array views and
 * uses {@code Math.fma}, neither of which TeaVM's class library has. In a TeaVM build
 * {@link dev.proxywasm.abi.jackson.teavm.FastDoubleParserBypass} rewrites every call jackson-core
 * makes into the shaded parser to the method here with the same name and descriptor, so its code is
 * never reached. Results are the same: both parse Java's decimal and hexadecimal number syntax and
 * throw {@link NumberFormatException} on anything else; only speed differs. Jackson validates the
 * JSON number grammar and {@code StreamReadConstraints.maxNumberLength} before calling either.
 *
 * <p>Not meant to be called directly; it is public because jackson-core's classes call it.
 */
public final class ClasslibNumberParser {
    private ClasslibNumberParser() {
    }

    /**
     * @param text a Java floating-point literal
     * @return its closest {@code double}
     * @throws NumberFormatException if {@code text} is not a number
     */
    public static double parseDouble(CharSequence text) {
        return Double.parseDouble(text.toString());
    }

    /**
     * @param chars holds the literal
     * @param offset where it starts
     * @param length how many chars it has
     * @return its closest {@code double}
     * @throws NumberFormatException if the chars are not a number
     */
    public static double parseDouble(char[] chars, int offset, int length) {
        return Double.parseDouble(new String(chars, offset, length));
    }

    /**
     * @param text a Java floating-point literal
     * @return its closest {@code float}
     * @throws NumberFormatException if {@code text} is not a number
     */
    public static float parseFloat(CharSequence text) {
        return Float.parseFloat(text.toString());
    }

    /**
     * @param chars holds the literal
     * @param offset where it starts
     * @param length how many chars it has
     * @return its closest {@code float}
     * @throws NumberFormatException if the chars are not a number
     */
    public static float parseFloat(char[] chars, int offset, int length) {
        return Float.parseFloat(new String(chars, offset, length));
    }

    /**
     * @param text a decimal literal
     * @return its exact value
     * @throws NumberFormatException if {@code text} is not a number
     */
    public static BigDecimal parseBigDecimal(CharSequence text) {
        return new BigDecimal(text.toString());
    }

    /**
     * @param chars holds the literal
     * @param offset where it starts
     * @param length how many chars it has
     * @return its exact value
     * @throws NumberFormatException if the chars are not a number
     */
    public static BigDecimal parseBigDecimal(char[] chars, int offset, int length) {
        return new BigDecimal(chars, offset, length);
    }

    /**
     * @param text a decimal integer literal
     * @return its value
     * @throws NumberFormatException if {@code text} is not an integer
     */
    public static BigInteger parseBigInteger(CharSequence text) {
        return new BigInteger(text.toString());
    }

    /**
     * @param text an integer literal in the given radix
     * @param radix the radix, 2 to 36
     * @return its value
     * @throws NumberFormatException if {@code text} is not an integer in that radix
     */
    public static BigInteger parseBigInteger(CharSequence text, int radix) {
        return new BigInteger(text.toString(), radix);
    }
}
