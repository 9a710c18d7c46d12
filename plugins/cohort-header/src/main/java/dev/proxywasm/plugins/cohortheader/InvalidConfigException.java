package dev.proxywasm.plugins.cohortheader;

/** The plugin configuration is not usable; the message names the offending field. */
final class InvalidConfigException extends Exception {
    private final String field;

    /**
     * @param field the JSON path of the field, e.g. {@code timeout_ms} or {@code sticky.ttl_ms}
     * @param problem what is wrong with it
     */
    InvalidConfigException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    /** The JSON path of the offending field. */
    String field() {
        return field;
    }
}
