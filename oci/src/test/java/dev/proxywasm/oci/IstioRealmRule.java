package dev.proxywasm.oci;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Istio's check on the realm of a registry's 401 challenge (istio/istio pkg/wasm/imagefetcher.go,
 * {@code validateRealmURL}, since 1.29.2): the realm must be an http or https URL with a host
 * that is neither {@code localhost}, {@code metadata.google.internal}, nor a literal private,
 * loopback or link-local IP address. Host names are not resolved.
 */
final class IstioRealmRule {
  private IstioRealmRule() {}

  /** Whether Istio would accept a challenge naming {@code realm}. */
  static boolean allows(URI realm) throws UnknownHostException {
    String scheme = realm.getScheme();
    String host = realm.getHost();
    if (!("http".equals(scheme) || "https".equals(scheme)) || host == null || host.isEmpty()) {
      return false;
    }
    if (host.equals("localhost") || host.equals("metadata.google.internal")) {
      return false;
    }
    if (!isIpLiteral(host)) {
      return true;
    }
    InetAddress address = InetAddress.getByName(host);
    return !(address.isSiteLocalAddress()
        || address.isLoopbackAddress()
        || address.isLinkLocalAddress()
        || isUniqueLocalIpv6(address));
  }

  private static boolean isIpLiteral(String host) {
    return host.startsWith("[") || host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
  }

  private static boolean isUniqueLocalIpv6(InetAddress address) {
    // Go's IsPrivate also covers fc00::/7, which Java's isSiteLocalAddress does not.
    byte[] bytes = address.getAddress();
    return bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
  }
}
