package dev.proxywasm.plugins.cohortheader;

/** The ways asking the bucket tester can fail; each is logged with its detail and counted. */
enum Failure {
    /** The host refused to start the call, e.g. BadArgument for an unknown cluster. */
    CALL_REJECTED("call_rejected", "the host rejected the call"),
    /** No answer: the connection failed or the call was reset (the host delivers no headers). */
    RESET("reset", "the call was reset"),
    /** The call's timeout fired: Envoy then answers with its own 504 "upstream request timeout". */
    TIMEOUT("timeout", "the call timed out"),
    /** The bucket tester answered with a status outside 2xx. */
    BAD_STATUS("bad_status", "the bucket tester answered with a non-2xx status"),
    /** The answer held nothing once trimmed. */
    EMPTY_VALUE("empty_value", "the bucket tester answered an empty cohort"),
    /** The answer is not a valid header value (control or non-ASCII bytes, too long). */
    INVALID_VALUE("invalid_value", "the bucket tester answered an invalid cohort");

    private final String code;
    private final String description;
    // The fail_closed reply, built once: string concatenation costs thousands of instructions in
    // the guest, and under fail_closed every failed request would pay it.
    private final String responseDetails;
    private final String replyBody;

    Failure(String code, String description) {
        this.code = code;
        this.description = description;
        this.responseDetails = "cohort_header_" + code;
        this.replyBody = "cohort-header: " + description + "\n";
    }

    /** The short name used in metrics and in the local reply's details. */
    String code() {
        return code;
    }

    /** What happened, in words. */
    String description() {
        return description;
    }

    /** The fail_closed reply's response code details ({@code %RESPONSE_CODE_DETAILS%}). */
    String responseDetails() {
        return responseDetails;
    }

    /** The fail_closed reply's body. */
    String replyBody() {
        return replyBody;
    }
}
