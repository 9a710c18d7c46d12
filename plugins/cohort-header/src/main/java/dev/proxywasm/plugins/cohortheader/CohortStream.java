package dev.proxywasm.plugins.cohortheader;

import dev.proxywasm.abi.Action;
import dev.proxywasm.abi.Headers;
import dev.proxywasm.abi.HttpCallResponse;
import dev.proxywasm.abi.HttpContext;
import dev.proxywasm.abi.Log;
import dev.proxywasm.abi.ProxyException;
import dev.proxywasm.abi.internal.Utf8;

/**
 * One request: finds its cohort (sticky cache, else a call to the bucket tester while the
 * request waits), sets the cohort header, and marks the response.
 */
final class CohortStream extends HttpContext {
    private static final Headers LOCAL_REPLY_HEADERS = Headers.of("content-type", "text/plain");
    /** Bytes of surrounding whitespace a body may carry beyond max_value_length. */
    static final int TRIM_SLACK = 64;
    private static final byte[] ENVOY_TIMEOUT_BODY = Utf8.encode("upstream request timeout");

    private final CohortHeaderConfig config;
    private final CohortMetrics metrics;
    private final StickyCohorts sticky;
    /** True while the request is paused for the bucket tester's answer. */
    private boolean awaiting;
    private long callStartMillis;
    /** The sticky key of this request, or {@code null} when its cohort is not to be cached. */
    private String user;

    CohortStream(CohortHeaderConfig config, CohortMetrics metrics, StickyCohorts sticky) {
        this.config = config;
        this.metrics = metrics;
        this.sticky = sticky;
    }

    @Override
    public Action onRequestHeaders(int headerCount, boolean endOfStream) {
        if (sticky != null) {
            String key = requestHeader(config.sticky.keyHeader);
            if (StickyCohorts.cacheable(key)) {
                String cached = sticky.lookup(key, System.currentTimeMillis());
                if (cached != null) {
                    metrics.cacheHits.increment();
                    setRequestHeader(config.requestHeader, cached);
                    return Action.CONTINUE;
                }
                metrics.cacheMisses.increment();
                user = key;
            }
        }
        metrics.calls.increment();
        callStartMillis = System.currentTimeMillis();
        try {
            httpCall(config.cluster, config.callHeaders, null, null, config.timeoutMillis, this::onAnswer);
        } catch (ProxyException e) {
            return failed(Failure.CALL_REJECTED, e.status() + " for cluster \"" + config.cluster + "\"");
        }
        awaiting = true;
        return Action.PAUSE;
    }

    // Envoy resumes a request whose headers were paused as soon as a body or trailers callback
    // continues, which would forward it before the cohort is known.
    @Override
    public Action onRequestBody(int bodySize, boolean endOfStream) {
        return awaiting ? Action.PAUSE : Action.CONTINUE;
    }

    @Override
    public Action onRequestTrailers(int trailerCount) {
        return awaiting ? Action.PAUSE : Action.CONTINUE;
    }

    @Override
    public Action onResponseHeaders(int headerCount, boolean endOfStream) {
        Headers add = config.responseHeaders;
        for (int i = 0; i < add.size(); i++) {
            addResponseHeader(add.name(i), add.value(i));
        }
        return Action.CONTINUE;
    }

    @Override
    public void onDelete() {
        if (awaiting) {
            metrics.abandoned.increment();
        }
    }

    private void onAnswer(HttpCallResponse response) {
        awaiting = false;
        long now = System.currentTimeMillis();
        metrics.callLatency.record(Math.max(0, now - callStartMillis));
        if (useAnswer(response, now) == Action.CONTINUE) {
            resumeRequest();
        }
    }

    /** Sets the cohort the answer holds, or applies the failure policy; returns what the request does next. */
    private Action useAnswer(HttpCallResponse response, long now) {
        if (response.failed()) {
            return failed(Failure.RESET, "reason \"" + response.failureReason() + "\"");
        }
        int status = response.status();
        if (status == 504 && isEnvoyTimeout(response)) {
            return failed(Failure.TIMEOUT, "after " + config.timeoutMillis + " ms");
        }
        if (status < 200 || status > 299) {
            return failed(Failure.BAD_STATUS, "status " + (status == 0 ? "missing or malformed" : status));
        }
        CohortValue value = readValue(response);
        if (value.failure() != null) {
            return failed(value.failure(), value.problem());
        }
        String cohort = user == null ? value.value() : sticky.remember(user, value.value(), now);
        setRequestHeader(config.requestHeader, cohort);
        return Action.CONTINUE;
    }

    /** Envoy's answer when the call's timeout fires, as opposed to a 504 from the bucket tester's own proxy. */
    private static boolean isEnvoyTimeout(HttpCallResponse response) {
        if (response.bodySize() != ENVOY_TIMEOUT_BODY.length) {
            return false;
        }
        byte[] body = response.body();
        for (int i = 0; i < body.length; i++) {
            if (body[i] != ENVOY_TIMEOUT_BODY[i]) {
                return false;
            }
        }
        return true;
    }

    private CohortValue readValue(HttpCallResponse response) {
        if (config.valueHeader != null) {
            String header = response.header(config.valueHeader);
            return CohortValue.of(header == null ? "" : header, config.maxValueLength);
        }
        // Whitespace around the value is trimmed, so a body may be a little longer than the
        // longest value; beyond that it is too long whatever it holds, and is not read at all.
        if (response.bodySize() > config.maxValueLength + TRIM_SLACK) {
            return CohortValue.tooLong(response.bodySize(), config.maxValueLength);
        }
        byte[] body = response.body();
        return CohortValue.of(body, 0, body.length, config.maxValueLength);
    }

    /** Applies the failure policy; returns what the request does next. */
    private Action failed(Failure failure, String detail) {
        metrics.failures(failure).increment();
        boolean closed = config.failurePolicy == FailurePolicy.FAIL_CLOSED;
        Log.warn("cohort-header: " + failure.description() + " (" + detail + "); "
                + (closed ? "answering 503" : config.defaultCohort == null ? "forwarding without "
                        + config.requestHeader : "forwarding with the default cohort"));
        if (closed) {
            sendLocalResponse(503, failure.responseDetails(), Utf8.encode(failure.replyBody()), LOCAL_REPLY_HEADERS);
            return Action.PAUSE;
        }
        // Replaced or removed either way: a client must not choose its own cohort.
        if (config.defaultCohort != null) {
            setRequestHeader(config.requestHeader, config.defaultCohort);
        } else {
            removeRequestHeader(config.requestHeader);
        }
        return Action.CONTINUE;
    }
}
