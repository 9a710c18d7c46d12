package dev.proxywasm.plugins.cohortheader;

import static dev.proxywasm.plugins.cohortheader.CohortPlugin.COHORT;
import static dev.proxywasm.plugins.cohortheader.CohortPlugin.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.proxywasm.harness.Headers;
import dev.proxywasm.harness.HttpCall;
import dev.proxywasm.harness.HttpStream;
import dev.proxywasm.harness.ProxyWasmHost;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Random upstream answers (statuses, headers, bodies, resets, timeouts) against the compiled
 * module: it never traps, never forwards an invalid header value, and forwards exactly the value
 * an independent reading of the answer expects.
 */
class UpstreamAnswerFuzzTest {
    private static final int ANSWERS_PER_CONFIG = 4_000;
    private static final int[] STATUSES = {200, 200, 200, 201, 204, 299, 300, 302, 400, 404, 429, 500, 503, 504};
    private static final String[] MALFORMED_STATUSES = {"", "2OO", "2000", "-1", "20", "0200", "abc", " 200"};
    private static final byte[] WHITESPACE = {' ', '\t', '\r', '\n', 0, 0x0b, 0x1f};

    /** What the plugin should do with one answer, worked out without the plugin's code. */
    private record Expected(String cohort, boolean failed) {}

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "`{}`                                                                              | body | 128 | open   | 1",
        "`{\"default_cohort\": \"control\", \"max_value_length\": 16}`                     | body | 16  | open   | 2",
        "`{\"value_header\": \"x-bucket\", \"failure_policy\": \"fail_closed\", \"max_value_length\": 40}` | x-bucket | 40 | closed | 3",
    })
    void randomAnswersNeverTrapAndNeverForwardAnInvalidValue(String config, String source, int maxLength,
            String policy, long seed) {
        Random random = new Random(seed);
        String fallback = config.contains("default_cohort") ? "control" : null;
        int failures = 0;
        try (ProxyWasmHost host = CohortPlugin.start(config)) {
            for (int i = 0; i < ANSWERS_PER_CONFIG; i++) {
                HttpStream stream = host.newHttpStream();
                stream.sendRequestHeaders(request(), true);
                HttpCall call = host.lastHttpCall();
                Expected expected = answerAtRandom(random, call, source, maxLength);
                String context = "answer " + i + " to " + call + " expected " + expected;

                Optional<String> forwarded = stream.requestHeaders().get(COHORT);
                forwarded.ifPresent(v -> assertValidHeaderValue(v, maxLength, context));
                if (expected.failed()) {
                    failures++;
                    if (policy.equals("closed")) {
                        assertEquals(503, stream.localResponse().status(), context);
                        assertFalse(forwarded.isPresent(), context);
                    } else {
                        assertFalse(stream.hasLocalResponse(), context);
                        assertEquals(Optional.ofNullable(fallback), forwarded, context);
                    }
                } else {
                    assertFalse(stream.hasLocalResponse(), context);
                    assertEquals(Optional.of(expected.cohort()), forwarded, context);
                }
                assertFalse(stream.isRequestPaused() && !stream.hasLocalResponse(), context);
                stream.complete();
            }
            long counted = 0;
            for (Failure f : Failure.values()) {
                counted += host.metric("cohort_header.failures." + f.code());
            }
            assertEquals(failures, counted);
            assertEquals(ANSWERS_PER_CONFIG, host.metric("cohort_header.calls"));
            assertTrue(failures > ANSWERS_PER_CONFIG / 10 && failures < ANSWERS_PER_CONFIG * 9 / 10,
                    "the answers mix successes and failures: " + failures + " failed");
        }
    }

    private static void assertValidHeaderValue(String value, int maxLength, String context) {
        if (value.isEmpty() || value.length() > maxLength || value.charAt(0) == ' '
                || value.charAt(value.length() - 1) == ' ') {
            fail("forwarded \"" + value + "\": " + context);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                fail("forwarded a value with char " + (int) c + ": " + context);
            }
        }
    }

    /** Answers {@code call} at random and says what the plugin should forward. */
    private static Expected answerAtRandom(Random random, HttpCall call, String source, int maxLength) {
        int kind = random.nextInt(100);
        if (kind < 4) {
            call.fail();
            return new Expected(null, true);
        }
        if (kind < 7) {
            call.expire();
            return new Expected(null, true);
        }
        String status;
        int statusCode;
        if (kind < 12) {
            status = MALFORMED_STATUSES[random.nextInt(MALFORMED_STATUSES.length)];
            statusCode = 0;
        } else {
            statusCode = STATUSES[random.nextInt(STATUSES.length)];
            status = Integer.toString(statusCode);
        }
        Headers headers = Headers.of(":status", status);
        for (int h = random.nextInt(4); h > 0; h--) {
            headers = headers.with("x-" + Integer.toString(random.nextInt(1000), 36), randomHeaderValue(random, maxLength));
        }
        byte[] body = randomValue(random, maxLength);
        String headerValue = null;
        if (!source.equals("body") && random.nextInt(10) > 0) {
            headerValue = randomHeaderValue(random, maxLength);
            headers = headers.with(source, headerValue);
        }
        call.respond(headers, body, Headers.empty());

        boolean validStatus = status.length() >= 1 && status.length() <= 3 && status.chars().allMatch(Character::isDigit);
        int parsed = validStatus ? Integer.parseInt(status) : 0;
        if (parsed < 200 || parsed > 299) {
            return new Expected(null, true);
        }
        byte[] value = source.equals("body") ? body
                : headerValue == null ? new byte[0] : headerValue.getBytes(StandardCharsets.UTF_8);
        if (source.equals("body") && body.length > maxLength + CohortStream.TRIM_SLACK) {
            return new Expected(null, true);
        }
        String cohort = expectedCohort(value, maxLength);
        return new Expected(cohort, cohort == null);
    }

    /** The spec, written out again: trim bytes up to 0x20 at both ends; then 1..max bytes of 0x20..0x7e. */
    private static String expectedCohort(byte[] value, int maxLength) {
        int start = 0;
        int end = value.length;
        while (start < end && (value[start] & 0xff) <= 0x20) {
            start++;
        }
        while (end > start && (value[end - 1] & 0xff) <= 0x20) {
            end--;
        }
        if (start == end || end - start > maxLength) {
            return null;
        }
        for (int i = start; i < end; i++) {
            if ((value[i] & 0xff) < 0x20 || (value[i] & 0xff) > 0x7e) {
                return null;
            }
        }
        return new String(value, start, end - start, StandardCharsets.US_ASCII);
    }

    /** A body: mostly plausible cohorts with stray whitespace, often hostile bytes. */
    private static byte[] randomValue(Random random, int maxLength) {
        switch (random.nextInt(8)) {
            case 0:
                return new byte[0];
            case 1: {
                byte[] noise = new byte[random.nextInt(maxLength * 2 + 100)];
                random.nextBytes(noise);
                return noise;
            }
            case 2:
                return ("dark-launch-" + random.nextInt(100) + "\n").getBytes(StandardCharsets.US_ASCII);
            case 3: {
                // A plausible cohort with one byte swapped for anything.
                byte[] b = ("dark launch " + random.nextInt(1000)).getBytes(StandardCharsets.US_ASCII);
                b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                return b;
            }
            case 4:
                return "\u00e9quipe-\u2603".getBytes(StandardCharsets.UTF_8);
            default: {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                for (int i = random.nextInt(4); i > 0; i--) {
                    out.write(WHITESPACE[random.nextInt(WHITESPACE.length)]);
                }
                int length = random.nextInt(maxLength + 8);
                for (int i = 0; i < length; i++) {
                    out.write((byte) (0x20 + random.nextInt(0x5f)));
                }
                for (int i = random.nextInt(70); i > 0; i--) {
                    out.write(WHITESPACE[random.nextInt(WHITESPACE.length)]);
                }
                return out.toByteArray();
            }
        }
    }

    /** A header value as a string: printable, padded, with control characters, or non-ASCII. */
    private static String randomHeaderValue(Random random, int maxLength) {
        byte[] b = randomValue(random, maxLength);
        StringBuilder sb = new StringBuilder(b.length);
        for (byte x : b) {
            int c = x & 0xff;
            // Bytes above 0x7f become the characters of those code points (Latin-1), never lone surrogates.
            sb.append((char) c);
        }
        return sb.toString();
    }
}
