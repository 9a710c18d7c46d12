package dev.proxywasm.plugins.basicauth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Base64DecoderTest {

    @Test
    void decodesWhatTheJdkEncodesWithAndWithoutPadding() {
        Random random = new Random(3);
        for (int length = 0; length < 200; length++) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            assertArrayEquals(bytes, Base64Decoder.decode(Base64.getEncoder().encodeToString(bytes)));
            assertArrayEquals(bytes, Base64Decoder.decode(Base64.getEncoder().withoutPadding().encodeToString(bytes)));
        }
    }

    @Test
    void decodesARangeOfALongerString() {
        assertArrayEquals("ok:test".getBytes(), Base64Decoder.decode("Basic b2s6dGVzdA==  ", 6, 18));
    }

    @Test
    void rejectsWhatIsNotCanonicalBase64() {
        for (String bad : new String[] {"b2s6dGVzdA=", "b2s6dGVzdA===", "b2s6dGVzdB==", "b", "b2s6d GVz",
            "b2s6dGVzdA==b2s=", "====", "Y===", "-_8=", "ok:test", "b2s6\u00e9GVz"}) {
            assertNull(Base64Decoder.decode(bad), bad);
        }
    }
}
