package dev.proxywasm.abi.jackson;

import java.math.BigInteger;

/**
 * A plain decimal floating-point literal ({@code -12.5e-3}), rounded correctly to the nearest
 * {@code double} or {@code float}.
 *
 * <p>TeaVM's {@code Double.parseDouble} can miss by one unit in the last place ({@code 1e23},
 * {@code 8.41e21}) and flushes some subnormals to zero ({@code 4.9e-324}). Its answer is used as a
 * starting point and then checked exactly: the literal's value is compared, in integer arithmetic,
 * with the midpoints to the neighbouring representable numbers, and the result moves until it is
 * the nearest one (ties to even), as the JVM and FastDoubleParser round. Short literals skip all
 * that: a significand and a power of ten that are both exact make one IEEE operation exact
 * (Clinger's fast path), which covers typical configuration values.
 *
 * <p>The exact comparison scales by {@code 10^|exponent|}, so literals whose magnitude is far
 * outside the format's range are answered as zero or infinity up front; that keeps the work
 * bounded by the literal's length, which jackson's {@code StreamReadConstraints} limits.
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

    private final String text;
    private final boolean negative;
    /** The significant digits without leading zeros; the value is {@code digits × 10^exponent}. */
    private final String digits;
    private final int exponent;
    private BigInteger significand;
    private BigInteger powerOfTen;

    private DecimalLiteral(String text, boolean negative, String digits, int exponent) {
        this.text = text;
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
        return new DecimalLiteral(text, negative, digits.toString(), (int) (written - fractionDigits));
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
            magnitude = nearestDouble(Math.abs(Double.parseDouble(text)));
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
            magnitude = nearestFloat(Math.abs(Float.parseFloat(text)));
        }
        return Math.copySign(magnitude, negative ? -1.0f : 1.0f);
    }

    /** Moves a non-negative {@code double} near the literal's magnitude to the nearest one. */
    double nearestDouble(double candidate) {
        while (true) {
            if (Double.isInfinite(candidate)) {
                // Infinity stands for everything from MAX_VALUE's upper midpoint up.
                if (compareTo((1L << 54) - 1, 970) >= 0) {
                    return candidate;
                }
                candidate = Double.MAX_VALUE;
            }
            long bits = Double.doubleToRawLongBits(candidate);
            int biased = (int) (bits >>> 52);
            long fraction = bits & ((1L << 52) - 1);
            long significand = biased == 0 ? fraction : fraction | 1L << 52;
            int step = roundingStep(significand, Math.max(biased, 1) - 1075, biased > 1 && fraction == 0);
            if (step == 0) {
                return candidate;
            }
            candidate = step > 0 ? Math.nextUp(candidate) : Math.nextDown(candidate);
        }
    }

    /** Moves a non-negative {@code float} near the literal's magnitude to the nearest one. */
    float nearestFloat(float candidate) {
        while (true) {
            if (Float.isInfinite(candidate)) {
                if (compareTo((1L << 25) - 1, 103) >= 0) {
                    return candidate;
                }
                candidate = Float.MAX_VALUE;
            }
            int bits = Float.floatToRawIntBits(candidate);
            int biased = bits >>> 23;
            int fraction = bits & ((1 << 23) - 1);
            long significand = biased == 0 ? fraction : fraction | 1 << 23;
            int step = roundingStep(significand, Math.max(biased, 1) - 150, biased > 1 && fraction == 0);
            if (step == 0) {
                return candidate;
            }
            candidate = step > 0 ? Math.nextUp(candidate) : Math.nextDown(candidate);
        }
    }

    /**
     * Where the literal rounds relative to {@code significand × 2^binaryExponent}: {@code +1} above
     * it, {@code -1} below it, {@code 0} to it. The midpoint below is closer when the candidate is a
     * power of two above the subnormal range ({@code narrowBelow}), as the spacing halves there.
     */
    private int roundingStep(long significand, int binaryExponent, boolean narrowBelow) {
        boolean odd = (significand & 1) != 0;
        int aboveUpper = compareTo(2 * significand + 1, binaryExponent - 1);
        if (aboveUpper > 0 || aboveUpper == 0 && odd) {
            return 1;
        }
        if (significand == 0) {
            return 0;
        }
        int aboveLower = narrowBelow ? compareTo(4 * significand - 1, binaryExponent - 2)
                : compareTo(2 * significand - 1, binaryExponent - 1);
        return aboveLower < 0 || aboveLower == 0 && odd ? -1 : 0;
    }

    /** Compares the literal's magnitude with {@code multiple × 2^binaryExponent}, exactly. */
    private int compareTo(long multiple, int binaryExponent) {
        if (significand == null) {
            significand = new BigInteger(digits);
            powerOfTen = BigInteger.TEN.pow(Math.abs(exponent));
        }
        BigInteger left = exponent >= 0 ? significand.multiply(powerOfTen) : significand;
        BigInteger right = BigInteger.valueOf(multiple);
        if (exponent < 0) {
            right = right.multiply(powerOfTen);
        }
        if (binaryExponent >= 0) {
            right = right.shiftLeft(binaryExponent);
        } else {
            left = left.shiftLeft(-binaryExponent);
        }
        return left.compareTo(right);
    }
}
