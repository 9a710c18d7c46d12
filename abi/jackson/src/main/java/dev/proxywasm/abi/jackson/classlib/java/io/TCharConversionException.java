package dev.proxywasm.abi.jackson.classlib.java.io;

import java.io.IOException;

/**
 * {@code java.io.CharConversionException} for TeaVM, whose class library lacks it: jackson-core
 * throws it for malformed UTF-32 input and undetectable encodings.
 */
public class TCharConversionException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception without a detail message. */
    public TCharConversionException() {
    }

    /**
     * Creates an exception with a detail message.
     *
     * @param message what could not be converted
     */
    public TCharConversionException(String message) {
        super(message);
    }
}
