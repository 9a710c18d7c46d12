package dev.proxywasm.plugins.basicauth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The guest's SHA-256 against the JDK's, on the lengths where padding changes shape. */
class Sha256Test {
    private final Sha256 sha256 = new Sha256();

    @Test
    void matchesTheFipsExample() {
        byte[] abc = {'a', 'b', 'c'};
        assertArrayEquals(HexFormat.of().parseHex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
                sha256.digest(abc, 0, 3, new byte[0]));
    }

    @Test
    void matchesTheJdkForEveryLengthUpTo300AndAnySplitOfDataAndSuffix() throws Exception {
        Random random = new Random(7);
        for (int length = 0; length <= 300; length++) {
            byte[] data = new byte[length + 6];
            random.nextBytes(data);
            int split = random.nextInt(length + 1);
            byte[] suffix = new byte[length - split];
            System.arraycopy(data, 3 + split, suffix, 0, suffix.length);
            MessageDigest jdk = MessageDigest.getInstance("SHA-256");
            jdk.update(data, 3, length);
            assertArrayEquals(jdk.digest(), sha256.digest(data, 3, split, suffix), "length " + length);
        }
    }
}
