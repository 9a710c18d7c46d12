package dev.proxywasm.abi.jackson;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Number parsing by the class library, in place of the FastDoubleParser that jackson-core shades.
 *
 * <p>That parser reads eight digits at a time through {@code VarHandle} byte-array views and
 * uses {@code Math.fma}, neither of which TeaVM's class library has. In a TeaVM build
 * {@link dev.proxywasm.abi.jackson.teavm.NumberParsingRedirect} rewrites every call jackson-core
 * makes into the shaded parser to the method here with the same name and descriptor, so its code is
 * never reached, and its calls to {@code Double.parseDouble} and {@code Float.parseFloat} too, so
 * that the answer does not depend on {@code StreamReadFeature.USE_FAST_DOUBLE_PARSER}. Results are the same as FastDoubleParser's and the JVM's: Java's decimal and
 * hexadecimal number syntax, {@link NumberFormatException} on anything else, and floating-point
 * results correctly rounded (see {@code DecimalLiteral} for why TeaVM's own
 * {@code Double.parseDouble} needs help there). Jackson validates the JSON number grammar and
 * {@code StreamReadConstraints.maxNumberLength} before calling either.
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
        String literal = text.toString();
        DecimalLiteral decimal = DecimalLiteral.parse(literal);
        return decimal != null ? decimal.toDouble() : Double.parseDouble(literal);
    }

    /**
     * @param chars holds the literal
     * @param offset where it starts
     * @param length how many chars it has
     * @return its closest {@code double}
     * @throws NumberFormatException if the chars are not a number
     */
    public static double parseDouble(char[] chars, int offset, int length) {
        return parseDouble(new String(chars, offset, length));
    }

    /**
     * @param text a Java floating-point literal
     * @return its closest {@code float}
     * @throws NumberFormatException if {@code text} is not a number
     */
    public static float parseFloat(CharSequence text) {
        String literal = text.toString();
        DecimalLiteral decimal = DecimalLiteral.parse(literal);
        return decimal != null ? decimal.toFloat() : Float.parseFloat(literal);
    }

    /**
     * @param chars holds the literal
     * @param offset where it starts
     * @param length how many chars it has
     * @return its closest {@code float}
     * @throws NumberFormatException if the chars are not a number
     */
    public static float parseFloat(char[] chars, int offset, int length) {
        return parseFloat(new String(chars, offset, length));
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
