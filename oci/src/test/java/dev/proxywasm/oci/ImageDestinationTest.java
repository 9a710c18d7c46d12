package dev.proxywasm.oci;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Plain HTTP and unverified TLS only for loopback registries or when asked for. */
class ImageDestinationTest {
  private static final RegistryCredentials NONE = RegistryCredentials.of("u", "p");

  private static boolean insecureAllowed(String reference, boolean insecureFlag)
      throws PublishException {
    return ImageDestination.registry(reference, NONE, insecureFlag).allowsInsecure();
  }

  @Test
  void loopbackRegistriesMayUsePlainHttp() throws Exception {
    assertTrue(insecureAllowed("localhost:5000/x:1", false));
    assertTrue(insecureAllowed("127.0.0.1:5000/x:1", false));
    assertTrue(insecureAllowed("127.3.2.1/x:1", false));
  }

  @Test
  void otherRegistriesNeedTheFlag() throws Exception {
    assertFalse(insecureAllowed("ghcr.io/acme/x:1", false));
    assertFalse(insecureAllowed("registry.test:5000/x:1", false));
    assertFalse(insecureAllowed("localhost.example.com/x:1", false));
    assertFalse(insecureAllowed("127.example.com/x:1", false));
    assertFalse(insecureAllowed("127.0.0.300/x:1", false));
    assertTrue(insecureAllowed("registry.test:5000/x:1", true));
  }
}
