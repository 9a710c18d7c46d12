package dev.proxywasm.abi.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8Test {

    @Test
    void roundTripsLikeTheJdk() {
        for (String s : new String[] {"", "ascii only", "Grüße", "€ and ✓", "😀 pair", "mixed ä😀x"}) {
            byte[] jdk = s.getBytes(StandardCharsets.UTF_8);
            assertArrayEquals(jdk, Utf8.encode(s), s);
            assertEquals(s, Utf8.decode(jdk, 0, jdk.length), s);
        }
    }

    @Test
    void malformedBytesBecomeReplacementCharactersAndValidPartsSurviveAsInTheJdk() {
        Random random = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[random.nextInt(12)];
            random.nextBytes(b);
            String jdk = new String(b, StandardCharsets.UTF_8);
            String ours = Utf8.decode(b, 0, b.length);
            // How many U+FFFD a malformed run becomes differs between decoders (the JDK is not
            // consistent at the end of input); what was valid must decode the same.
            assertEquals(jdk.replace("\ufffd", ""), ours.replace("\ufffd", ""), () -> java.util.Arrays.toString(b));
            assertEquals(jdk.contains("\ufffd"), ours.contains("\ufffd"), () -> java.util.Arrays.toString(b));
        }
    }

    @Test
    void unpairedSurrogatesEncodeAsQuestionMarks() {
        assertArrayEquals(new byte[] {'a', '?', 'b'}, Utf8.encode("a\ud800b"));
    }
}
