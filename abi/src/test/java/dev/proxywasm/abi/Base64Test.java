package dev.proxywasm.abi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The JVM path of {@link Base64}; plugins' tests run the Wasm path (basic-auth's fuzz test against this one). */
class Base64Test {
    static byte[] decode(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return Base64.decode(bytes, 0, bytes.length);
    }

    @Test
    void decodesWhatTheJdkEncodesWithAndWithoutPadding() {
        Random random = new Random(3);
        for (int length = 0; length < 200; length++) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            assertArrayEquals(bytes, decode(java.util.Base64.getEncoder().encodeToString(bytes)));
            assertArrayEquals(bytes, decode(java.util.Base64.getEncoder().withoutPadding().encodeToString(bytes)));
        }
    }

    @Test
    void decodesARangeOfALongerString() {
        assertArrayEquals("ok:test".getBytes(), Base64.decode("Basic b2s6dGVzdA==  ".getBytes(StandardCharsets.UTF_8), 6, 18));
    }

    @Test
    void rejectsWhatIsNotCanonicalBase64() {
        for (String bad : new String[] {"b2s6dGVzdA=", "b2s6dGVzdA===", "b2s6dGVzdB==", "b", "b2s6d GVz",
            "b2s6dGVzdA==b2s=", "====", "Y===", "-_8=", "ok:test", "b2s6\u00e9GVz"}) {
            assertNull(decode(bad), bad);
        }
    }

    @Test
    void aRangeOutsideTheArrayDecodesToNull() {
        byte[] text = "b2s6dGVzdA==".getBytes(StandardCharsets.UTF_8);
        assertNull(Base64.decode(text, -1, 4));
        assertNull(Base64.decode(text, 4, 13));
        assertNull(Base64.decode(text, 8, 4));
    }
}
