package dev.proxywasm.abi.json;

import java.util.Random;

/**
 * Random valid JSON documents that reach every corner of the grammar: all escapes, escaped
 * surrogate pairs and lone surrogates, non-ASCII and astral characters, integers near and beyond
 * the long range, fractions, exponents beyond the double range, every kind of whitespace.
 */
final class JsonGenerator {
    private static final String[] INTEGERS = {"0", "-0", "1", "-1", "7", "42", "2147483647", "2147483648", "-2147483649",
        "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
        "123456789012345678901234567890"};
    private static final String[] EXPONENTS = {"e0", "E1", "e+2", "e-3", "E+308", "e309", "e-324", "e400", "E-400"};
    private static final String[] ESCAPES = {"\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t", "\\u0041",
        "\\u00e9", "\\u20AC", "\\ud83d\\ude00", "\\uD800", "\\udfff", "\\u0000", "\\u001f"};
    private static final String PLAIN = "az AZ09-_.:/@{}[],'#\u007f\u00e9\u00df\u0416\u4e2d\u20ac\u2028\ud83d\ude00\ufeff";

    private final Random random;

    JsonGenerator(Random random) {
        this.random = random;
    }

    String document() {
        StringBuilder out = new StringBuilder();
        space(out);
        value(out, 0);
        space(out);
        return out.toString();
    }

    private void value(StringBuilder out, int depth) {
        int kind = random.nextInt(depth >= 6 ? 6 : 8);
        switch (kind) {
            case 0:
                out.append("true");
                break;
            case 1:
                out.append(random.nextBoolean() ? "false" : "null");
                break;
            case 2:
            case 3:
                string(out);
                break;
            case 4:
            case 5:
                number(out);
                break;
            case 6:
                out.append('{');
                int members = random.nextInt(5);
                for (int i = 0; i < members; i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    space(out);
                    string(out);
                    space(out);
                    out.append(':');
                    space(out);
                    value(out, depth + 1);
                    space(out);
                }
                out.append('}');
                break;
            default:
                out.append('[');
                int elements = random.nextInt(5);
                space(out);
                for (int i = 0; i < elements; i++) {
                    if (i > 0) {
                        out.append(',');
                        space(out);
                    }
                    value(out, depth + 1);
                    space(out);
                }
                out.append(']');
        }
    }

    private void string(StringBuilder out) {
        out.append('"');
        int length = random.nextInt(8);
        for (int i = 0; i < length; i++) {
            if (random.nextInt(4) == 0) {
                out.append(ESCAPES[random.nextInt(ESCAPES.length)]);
            } else {
                int at = random.nextInt(PLAIN.length());
                char c = PLAIN.charAt(at);
                out.append(c);
                if (Character.isHighSurrogate(c)) {
                    out.append(PLAIN.charAt(at + 1));
                } else if (Character.isLowSurrogate(c)) {
                    out.setLength(out.length() - 1);
                }
            }
        }
        out.append('"');
    }

    private void number(StringBuilder out) {
        if (random.nextBoolean()) {
            out.append(INTEGERS[random.nextInt(INTEGERS.length)]);
        } else {
            if (random.nextBoolean()) {
                out.append('-');
            }
            out.append(random.nextInt(3) == 0 ? 0 : random.nextInt(100_000));
        }
        if (random.nextInt(3) == 0) {
            out.append('.');
            int digits = random.nextInt(20) + 1;
            for (int i = 0; i < digits; i++) {
                out.append((char) ('0' + random.nextInt(10)));
            }
        }
        if (random.nextInt(3) == 0) {
            out.append(EXPONENTS[random.nextInt(EXPONENTS.length)]);
        }
    }

    private void space(StringBuilder out) {
        int n = random.nextInt(4) == 0 ? random.nextInt(3) + 1 : 0;
        for (int i = 0; i < n; i++) {
            out.append(" \t\n\r".charAt(random.nextInt(4)));
        }
    }
}
