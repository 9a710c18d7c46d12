package dev.proxywasm.plugins.basicauth;

import dev.proxywasm.abi.Headers;
import dev.proxywasm.abi.LocalReply;
import dev.proxywasm.abi.internal.Utf8;

/** The two 401 answers of one configuration, encoded once rather than on every denial. */
final class DenialReplies {
    /** No Basic credential in the request. */
    final LocalReply noCredentials;
    /** A Basic credential that is malformed or not accepted. */
    final LocalReply invalidCredentials;

    DenialReplies(String wwwAuthenticate) {
        Headers headers = Headers.of("WWW-Authenticate", wwwAuthenticate);
        // The reference passes the message as the response details; it is the body here too,
        // so a client sees why it was refused.
        noCredentials = reply(BasicAuthStream.NO_CREDENTIALS_MESSAGE, headers);
        invalidCredentials = reply(BasicAuthStream.INVALID_CREDENTIALS_MESSAGE, headers);
    }

    private static LocalReply reply(String message, Headers headers) {
        return new LocalReply(401, message, Utf8.encode(message), headers);
    }
}
