package dev.proxywasm.abi.jackson;

import java.math.BigInteger;

/**
 * A plain decimal floating-point literal ({@code -12.5e-3}), rounded correctly to the nearest
 * {@code double} or {@code float} (ties to even), as the JVM and FastDoubleParser round.
 *
 * <p>TeaVM's own {@code Double.parseDouble} can miss by one unit in the last place ({@code 1e23},
 * {@code 8.41e21}) and flushes some subnormals to zero ({@code 4.9e-324}), so it is not used for
 * these. Short literals take Clinger's fast path: a significand and a power of ten that are both
 * exact make one IEEE multiplication or division exact, which covers typical configuration values.
 * The rest are divided out exactly in integers: the quotient, scaled to one bit more than the
 * format's precision, plus whether a remainder is left, is all that round-to-nearest-even needs.
 *
 * <p>The exact path scales by {@code 10^|exponent|}, so literals whose magnitude is far outside
 * the format's range are answered as zero or infinity up front; that keeps the work bounded by the
 * literal's length, which jackson's {@code StreamReadConstraints} limits.
 */
final class DecimalLiteral {
    private static final double[] DOUBLE_POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    };
    private static final float[] FLOAT_POWERS_OF_TEN = {
        1e0f, 1e1f, 1e2f, 1e3f, 1e4f, 1e5f, 1e6f, 1e7f, 1e8f, 1e9f, 1e10f,
    };
    /** Saturates the written exponent: anything beyond is zero or infinity in every format. */
    private static final int EXPONENT_LIMIT = 100_000_000;

    private final boolean negative;
    /** The significant digits without leading zeros; the value is {@code digits × 10^exponent}. */
    private final String digits;
    private final int exponent;

    private DecimalLiteral(boolean negative, String digits, int exponent) {
        this.negative = negative;
        this.digits = digits;
        this.exponent = exponent;
    }

    /**
     * @param text a candidate literal
     * @return the literal, or {@code null} if {@code text} is not a plain decimal literal (hex,
     *     {@code NaN}, {@code Infinity}, a type suffix, surrounding blanks, or not a number)
     */
    static DecimalLiteral parse(String text) {
        int length = text.length();
        int i = 0;
        boolean negative = false;
        if (i < length && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        StringBuilder digits = new StringBuilder();
        int digitCount = 0;
        int fractionDigits = 0;
        boolean inFraction = false;
        for (; i < length; i++) {
            char c = text.charAt(i);
            if (c == '.' && !inFraction) {
                inFraction = true;
            } else if (c >= '0' && c <= '9') {
                digitCount++;
                if (inFraction) {
                    fractionDigits++;
                }
                if (c != '0' || digits.length() > 0) {
                    digits.append(c);
                }
            } else {
                break;
            }
        }
        if (digitCount == 0) {
            return null;
        }
        long written = 0;
        if (i < length && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            boolean negativeExponent = false;
            if (i < length && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
                negativeExponent = text.charAt(i) == '-';
                i++;
            }
            int exponentStart = i;
            for (; i < length && text.charAt(i) >= '0' && text.charAt(i) <= '9'; i++) {
                written = Math.min(written * 10 + (text.charAt(i) - '0'), EXPONENT_LIMIT);
            }
            if (i == exponentStart) {
                return null;
            }
            written = negativeExponent ? -written : written;
        }
        if (i != length) {
            return null;
        }
        return new DecimalLiteral(negative, digits.toString(), (int) (written - fractionDigits));
    }

    /** @return the {@code double} nearest to the literal */
    double toDouble() {
        double magnitude;
        int scale = exponent + digits.length();
        if (digits.isEmpty() || scale < -324) {
            magnitude = 0.0;
        } else if (scale > 310) {
            magnitude = Double.POSITIVE_INFINITY;
        } else if (digits.length() <= 15 && Math.abs(exponent) <= 22) {
            double exact = Long.parseLong(digits);
            magnitude = exponent >= 0 ? exact * DOUBLE_POWERS_OF_TEN[exponent]
                    : exact / DOUBLE_POWERS_OF_TEN[-exponent];
        } else {
            magnitude = nearestDouble();
        }
        // Not -magnitude: TeaVM's optimizer dropped the sign of a negated zero here (-0.0 became 0.0).
        return Math.copySign(magnitude, negative ? -1.0 : 1.0);
    }

    /** @return the {@code float} nearest to the literal */
    float toFloat() {
        float magnitude;
        int scale = exponent + digits.length();
        if (digits.isEmpty() || scale < -45) {
            magnitude = 0.0f;
        } else if (scale > 40) {
            magnitude = Float.POSITIVE_INFINITY;
        } else if (digits.length() <= 7 && Math.abs(exponent) <= 10) {
            float exact = Integer.parseInt(digits);
            magnitude = exponent >= 0 ? exact * FLOAT_POWERS_OF_TEN[exponent]
                    : exact / FLOAT_POWERS_OF_TEN[-exponent];
        } else {
            magnitude = nearestFloat();
        }
        return Math.copySign(magnitude, negative ? -1.0f : 1.0f);
    }

    /** The exact path for {@code double}: the magnitude, for a non-zero literal within range. */
    double nearestDouble() {
        return Double.longBitsToDouble(nearestBits(53, -1074, 2047));
    }

    /** The exact path for {@code float}: the magnitude, for a non-zero literal within range. */
    float nearestFloat() {
        return Float.intBitsToFloat((int) nearestBits(24, -149, 255));
    }

    /**
     * The IEEE 754 bits of the binary number nearest to the literal's magnitude.
     *
     * @param precision significand bits, the hidden one included
     * @param minExponent the power of two of the smallest subnormal
     * @param infinityExponent the biased exponent of infinity
     */
    private long nearestBits(int precision, int minExponent, int infinityExponent) {
        BigInteger numerator = new BigInteger(digits);
        BigInteger denominator = BigInteger.ONE;
        if (exponent >= 0) {
            numerator = numerator.multiply(BigInteger.TEN.pow(exponent));
        } else {
            denominator = BigInteger.TEN.pow(-exponent);
        }
        // numerator / (denominator * 2^shift) gets precision + 1 or + 2 bits, the last one being
        // the rounding bit; never finer than half the smallest subnormal.
        int shift = Math.max(numerator.bitLength() - denominator.bitLength() - (precision + 1), minExponent - 1);
        BigInteger[] division = (shift < 0 ? numerator.shiftLeft(-shift) : numerator)
                .divideAndRemainder(shift > 0 ? denominator.shiftLeft(shift) : denominator);
        long quotient = division[0].longValue();
        boolean sticky = division[1].signum() != 0;
        if (quotient >= 1L << (precision + 1)) {
            sticky |= (quotient & 1) != 0;
            quotient >>= 1;
            shift++;
        }
        long significand = quotient >> 1;
        if ((quotient & 1) != 0 && (sticky || (significand & 1) != 0)) {
            significand++;
        }
        int binaryExponent = shift + 1;
        if (significand == 1L << precision) {
            significand >>= 1;
            binaryExponent++;
        }
        long hidden = 1L << (precision - 1);
        if (significand < hidden) {
            return significand;
        }
        long biased = binaryExponent - minExponent + 1;
        if (biased >= infinityExponent) {
            return (long) infinityExponent << (precision - 1);
        }
        return biased << (precision - 1) | (significand - hidden);
    }
}
