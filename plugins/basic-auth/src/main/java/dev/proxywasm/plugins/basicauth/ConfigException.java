package dev.proxywasm.plugins.basicauth;

/**
 * The plugin configuration is unusable. The message names the field, e.g.
 * {@code basic_auth_rules[2].credentials[0]: ...}, and never contains a credential.
 */
public final class ConfigException extends Exception {
    ConfigException(String message) {
        super(message);
    }
}
