package dev.proxywasm.plugins.cohortheader;

/**
 * The cohort read from the bucket tester's answer, trimmed and checked before it may become a
 * request header. {@code http-echo} answers {@code "dark-launch-7\n"}: the trailing newline is
 * what made Envoy answer 503 to every request under the Lua filter.
 */
final class CohortValue {
    private final String value;
    private final Failure failure;
    private final String problem;

    private CohortValue(String value, Failure failure, String problem) {
        this.value = value;
        this.failure = failure;
        this.problem = problem;
    }

    /**
     * Reads {@code length} bytes of {@code bytes} from {@code offset}: whitespace and control bytes at both ends are
     * trimmed, then what is left must be non-empty, at most {@code maxLength} long and made of
     * visible ASCII and inner spaces.
     */
    static CohortValue of(byte[] bytes, int offset, int length, int maxLength) {
        int start = offset;
        int end = offset + length;
        while (start < end && (bytes[start] & 0xff) <= 0x20) {
            start++;
        }
        while (end > start && (bytes[end - 1] & 0xff) <= 0x20) {
            end--;
        }
        if (start == end) {
            return new CohortValue(null, Failure.EMPTY_VALUE, "the answer holds no value");
        }
        if (end - start > maxLength) {
            return new CohortValue(null, Failure.INVALID_VALUE,
                    "the value is " + (end - start) + " bytes long, over max_value_length " + maxLength);
        }
        char[] chars = new char[end - start];
        for (int i = start; i < end; i++) {
            int b = bytes[i] & 0xff;
            if (!HeaderSyntax.isValueChar(b)) {
                return new CohortValue(null, Failure.INVALID_VALUE,
                        "the value contains byte " + HeaderSyntax.describe(b) + " at offset " + (i - offset));
            }
            chars[i - start] = (char) b;
        }
        return new CohortValue(new String(chars), null, null);
    }

    /** A body of {@code size} bytes, too long to hold a value of at most {@code maxLength}. */
    static CohortValue tooLong(int size, int maxLength) {
        return new CohortValue(null, Failure.INVALID_VALUE,
                "the answer is " + size + " bytes long, over max_value_length " + maxLength);
    }

    /** Like {@link #of(byte[], int, int, int)} for a value the host already decoded (a response header). */
    static CohortValue of(String text, int maxLength) {
        // Non-ASCII characters become a byte above 0x7e, which the check then rejects.
        byte[] bytes = new byte[text.length()];
        for (int i = 0; i < bytes.length; i++) {
            char c = text.charAt(i);
            bytes[i] = (byte) (c > 0xff ? 0xff : c);
        }
        return of(bytes, 0, bytes.length, maxLength);
    }

    /** The header value; {@code null} when {@link #failure()} is set. */
    String value() {
        return value;
    }

    /** Why the answer is not usable, or {@code null} when {@link #value()} is. */
    Failure failure() {
        return failure;
    }

    /** The detail of {@link #failure()}, for the log. */
    String problem() {
        return problem;
    }
}
