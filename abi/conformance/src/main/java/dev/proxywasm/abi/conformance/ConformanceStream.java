package dev.proxywasm.abi.conformance;

import dev.proxywasm.abi.Action;
import dev.proxywasm.abi.Base64;
import dev.proxywasm.abi.Bytes;
import dev.proxywasm.abi.ForeignFunction;
import dev.proxywasm.abi.GrpcHandler;
import dev.proxywasm.abi.GrpcStream;
import dev.proxywasm.abi.Headers;
import dev.proxywasm.abi.LocalReply;
import dev.proxywasm.abi.HttpContext;
import dev.proxywasm.abi.Log;
import dev.proxywasm.abi.LogLevel;
import dev.proxywasm.abi.Properties;
import dev.proxywasm.abi.ProxyException;
import dev.proxywasm.abi.SharedData;
import dev.proxywasm.abi.SharedQueue;
import dev.proxywasm.abi.Status;
import dev.proxywasm.abi.StreamType;
import dev.proxywasm.abi.internal.HostMemory;
import dev.proxywasm.abi.internal.StaticRootsRepair;
import dev.proxywasm.abi.internal.Utf8;
import java.util.ArrayList;
import java.util.List;
import java.util.Arrays;

/**
 * One HTTP stream of the conformance filter. The request path picks the ABI group to exercise;
 * results are reported as request headers (what the upstream would see), response headers, a
 * local reply, logs or metrics, so the harness tests can assert on them.
 */
final class ConformanceStream extends HttpContext {
    private static final List<Object> RETAINED = new ArrayList<>();

    /** Built once; its headers are changed after building, which must not change the reply. */
    private static final LocalReply PREPARED_REPLY = preparedReply();

    private final ConformanceRoot root;
    private String path = "";
    private boolean deferDone;

    ConformanceStream(ConformanceRoot root) {
        this.root = root;
    }

    @Override
    public Action onRequestHeaders(int headerCount, boolean endOfStream) {
        String p = requestHeader(":path");
        path = p == null ? "" : p;
        switch (route()) {
            case "/log":
                return logAtEveryLevel();
            case "/headers":
                return editHeaders(headerCount);
            case "/local-reply":
                sendLocalResponse(403, "conformance_denied", "denied\n".getBytes(), Headers.of("x-reason", "test"));
                return Action.PAUSE;
            case "/bytes":
                return reportBytes();
            case "/prepared-reply":
                sendLocalReply(PREPARED_REPLY);
                return Action.PAUSE;
            case "/http-call":
                return callUpstream();
            case "/grpc-call":
                return callGrpc();
            case "/grpc-stream":
                return streamGrpc();
            case "/properties":
                return readProperties();
            case "/shared-data":
                return updateSharedData();
            case "/queue":
                return enqueue();
            case "/metrics":
                return recordMetrics();
            case "/tick":
                root.resumeOnTick.add(this);
                return Action.PAUSE;
            case "/foreign-function":
                return callForeignFunction();
            case "/throw":
                throw new IllegalStateException("conformance filter asked to throw");
            case "/close":
                closeStream(StreamType.HTTP_REQUEST);
                return Action.PAUSE;
            case "/defer-done":
                deferDone = true;
                return Action.CONTINUE;
            case "/gc-stress":
                return stressAllocator();
            case "/static-roots":
                setRequestHeader("x-static-roots-repaired", String.valueOf(StaticRootsRepair.repaired()));
                return Action.CONTINUE;
            case "/read-all":
                root.lastHeaderCount = requestHeaders().size();
                return Action.CONTINUE;
            case "/read-one":
                root.lastUserAgent = requestHeader("user-agent");
                return Action.CONTINUE;
            default:
                return Action.CONTINUE;
        }
    }

    private String route() {
        int q = path.indexOf('?');
        return q < 0 ? path : path.substring(0, q);
    }

    // ---- logging --------------------------------------------------------------------------

    private Action logAtEveryLevel() {
        for (LogLevel level : LogLevel.values()) {
            Log.log(level, "log at " + level);
        }
        int[] built = new int[1];
        Log.debug(() -> {
            built[0]++;
            return "lazily built debug message";
        });
        setRequestHeader("x-debug-built", String.valueOf(built[0]));
        System.out.println("stdout line");
        System.err.println("stderr line");
        return Action.CONTINUE;
    }

    // ---- headers, bodies, trailers --------------------------------------------------------

    private static LocalReply preparedReply() {
        Headers headers = Headers.of("x-reason", "prepared");
        LocalReply reply = new LocalReply(401, "conformance_prepared", "prepared\n".getBytes(), headers);
        headers.set("x-reason", "changed after building");
        return reply;
    }

    /** Runs Bytes and Base64 (their in-memory Wasm path) on header bytes and reports the results. */
    private Action reportBytes() {
        byte[] text = requestHeaderBytes("x-text");
        byte[] other = requestHeaderBytes("x-other");
        byte[] decoded = Base64.decode(text, 0, text.length);
        setRequestHeader("x-base64", decoded == null ? "invalid" : Arrays.toString(decoded));
        setRequestHeader("x-region", String.valueOf(Bytes.regionMatches(text, 1, other, 0, other.length)));
        setRequestHeader("x-secret", String.valueOf(Bytes.constantTimeEquals(text, other)));
        setRequestHeader("x-hash", String.valueOf(Bytes.hashCode(text, 0, text.length)));
        return Action.CONTINUE;
    }

    private Action editHeaders(int headerCount) {
        Headers all = requestHeaders();
        setRequestHeader("x-header-count", all.size() + "/" + headerCount);
        String a = requestHeader("x-a");
        setRequestHeader("x-a-seen", a == null ? "absent" : a);
        setRequestHeader("x-missing", requestHeader("x-not-sent") == null ? "absent" : "present");
        addRequestHeader("x-added", "1");
        setRequestHeader("x-replace", "new");
        removeRequestHeader("x-remove");
        String unicode = requestHeader("x-unicode");
        if (unicode != null) {
            setRequestHeader("x-unicode-length", String.valueOf(unicode.length()));
            setRequestHeader("x-unicode-bytes", String.valueOf(requestHeaderBytes("x-unicode").length));
        }
        setRequestHeader("x-missing-bytes", requestHeaderBytes("x-not-sent") == null ? "absent" : "present");
        return Action.CONTINUE;
    }

    @Override
    public Action onRequestBody(int bodySize, boolean endOfStream) {
        String route = route();
        if (!route.equals("/body") && !route.equals("/latin1")) {
            return Action.CONTINUE;
        }
        if (!endOfStream) {
            return Action.PAUSE;
        }
        byte[] body = requestBody(0, bodySize);
        if (route.equals("/latin1")) {
            // The body's Latin-1 text in UTF-8, for the test to compare with the JVM's.
            setRequestBody(Utf8.encode(Bytes.latin1(body) + (Bytes.isAscii(body) ? " (ascii)" : " (not ascii)")));
            return Action.CONTINUE;
        }
        setRequestBody(Utf8.encode(Utf8.decode(body, 0, body.length).toUpperCase()));
        return Action.CONTINUE;
    }

    @Override
    public Action onRequestTrailers(int trailerCount) {
        Headers trailers = requestTrailers();
        Log.info("request trailers " + trailers.size() + "/" + trailerCount);
        return Action.CONTINUE;
    }

    @Override
    public Action onResponseHeaders(int headerCount, boolean endOfStream) {
        if (route().equals("/headers")) {
            addResponseHeader("x-response", "yes");
            removeResponseHeader("server");
            setResponseHeader("x-response-count", String.valueOf(responseHeaders().size()));
            String status = responseHeader(":status");
            setResponseHeader("x-upstream-status", status == null ? "absent" : status);
            byte[] upstream = responseHeaderBytes("x-u");
            setResponseHeader("x-u-bytes", upstream == null ? "absent" : String.valueOf(upstream.length));
        }
        return Action.CONTINUE;
    }

    @Override
    public Action onResponseBody(int bodySize, boolean endOfStream) {
        if (!route().equals("/body")) {
            return Action.CONTINUE;
        }
        if (!endOfStream) {
            return Action.PAUSE;
        }
        byte[] body = responseBody(0, bodySize);
        setResponseBody(Utf8.encode(Utf8.decode(body, 0, body.length) + " (filtered)"));
        return Action.CONTINUE;
    }

    @Override
    public Action onResponseTrailers(int trailerCount) {
        if (route().equals("/headers")) {
            Log.info("response trailers " + responseTrailers().size() + "/" + trailerCount);
        }
        return Action.CONTINUE;
    }

    // ---- HTTP and gRPC calls --------------------------------------------------------------

    private Action callUpstream() {
        String cluster = requestHeader("x-cluster");
        try {
            httpCall(cluster == null ? "upstream" : cluster,
                    Headers.of(":method", "GET", ":path", "/answer", ":authority", "upstream.local"),
                    "question".getBytes(), null, 1000, response -> {
                        if (response.failed()) {
                            setRequestHeader("x-call-failed", response.failureReason());
                        } else {
                            setRequestHeader("x-call-status", String.valueOf(response.status()));
                            byte[] body = response.body();
                            setRequestHeader("x-call-body", Utf8.decode(body, 0, body.length));
                            String echoed = response.header("x-echo");
                            setRequestHeader("x-call-header", echoed == null ? "absent" : echoed);
                            setRequestHeader("x-call-trailers", String.valueOf(response.trailers().size()));
                        }
                        resumeRequest();
                    });
            return Action.PAUSE;
        } catch (ProxyException e) {
            sendLocalResponse(503, "conformance_call_rejected", ("call rejected: " + e.status()).getBytes(), null);
            return Action.PAUSE;
        }
    }

    private Action callGrpc() {
        grpcCall("grpc-upstream", "conformance.Echo", "Say", Headers.of("x-md", "1"), "ping".getBytes(), 1000,
                new GrpcHandler() {
                    @Override
                    public void onMessage(byte[] message) {
                        setRequestHeader("x-grpc-message", Utf8.decode(message, 0, message.length));
                        resumeRequest();
                    }

                    @Override
                    public void onClose(int statusCode, String message) {
                        setRequestHeader("x-grpc-status", statusCode + " " + message);
                        resumeRequest();
                    }
                });
        return Action.PAUSE;
    }

    private Action streamGrpc() {
        StringBuilder received = new StringBuilder();
        GrpcStream stream = grpcStream("grpc-upstream", "conformance.Echo", "Chat", null, new GrpcHandler() {
            @Override
            public void onInitialMetadata(Headers metadata) {
                received.append("[md ").append(metadata.size()).append(']');
            }

            @Override
            public void onMessage(byte[] message) {
                received.append(Utf8.decode(message, 0, message.length)).append(';');
            }

            @Override
            public void onTrailingMetadata(Headers metadata) {
                received.append("[trailers ").append(metadata.size()).append(']');
            }

            @Override
            public void onClose(int statusCode, String message) {
                setRequestHeader("x-grpc-stream", received + " closed " + statusCode);
                resumeRequest();
            }
        });
        stream.send("one".getBytes(), false);
        stream.send("two".getBytes(), true);
        return Action.PAUSE;
    }

    // ---- properties, shared data, queues, metrics, foreign functions ----------------------

    private Action readProperties() {
        setRequestHeader("x-prop-path", orAbsent(Properties.requestPath()));
        setRequestHeader("x-prop-source", orAbsent(Properties.sourceAddress()));
        setRequestHeader("x-prop-plugin", orAbsent(Properties.pluginName()));
        setRequestHeader("x-prop-missing", orAbsent(Properties.getString("no", "such", "property")));
        Status set = Properties.set("marked".getBytes(), "conformance", "mark");
        setRequestHeader("x-prop-set", set + " " + orAbsent(Properties.getString("conformance", "mark")));
        return Action.CONTINUE;
    }

    private static String orAbsent(String s) {
        return s == null ? "absent" : s;
    }

    private Action updateSharedData() {
        String key = "conformance.counter";
        SharedData current = SharedData.get(key);
        int value = current == null ? 0 : Integer.parseInt(Utf8.decode(current.value(), 0, current.value().length));
        int cas = current == null ? 0 : current.cas();
        boolean stored = SharedData.compareAndSet(key, String.valueOf(value + 1).getBytes(), cas);
        setRequestHeader("x-shared-counter", stored ? String.valueOf(value + 1) : "lost race");
        if (current != null) {
            boolean stale = SharedData.compareAndSet(key, "stale".getBytes(), cas);
            setRequestHeader("x-shared-stale-write", stale ? "accepted" : "rejected");
        }
        return Action.CONTINUE;
    }

    private Action enqueue() {
        String item = requestHeader("x-item");
        root.queue.enqueue((item == null ? "" : item).getBytes());
        String vmId = Properties.pluginVmId();
        SharedQueue resolved = SharedQueue.resolve(vmId == null ? "" : vmId, "conformance");
        setRequestHeader("x-queue-resolved", resolved != null && resolved.id() == root.queue.id() ? "same" : "different");
        setRequestHeader("x-queue-unknown", SharedQueue.resolve("no-such-vm", "nope") == null ? "absent" : "present");
        return Action.CONTINUE;
    }

    private Action recordMetrics() {
        root.requests.increment();
        root.inFlight.record(5);
        root.inFlight.increment(-2);
        root.sizes.record(123);
        setRequestHeader("x-requests", String.valueOf(root.requests.value()));
        setRequestHeader("x-in-flight", String.valueOf(root.inFlight.value()));
        try {
            root.requests.increment(-1);
            setRequestHeader("x-counter-decrement", "accepted");
        } catch (ProxyException e) {
            setRequestHeader("x-counter-decrement", e.status().toString());
        }
        return Action.CONTINUE;
    }

    private Action callForeignFunction() {
        String name = requestHeader("x-function");
        try {
            byte[] result = ForeignFunction.call(name == null ? "reverse" : name, "abc".getBytes());
            setRequestHeader("x-ffi-result", Utf8.decode(result, 0, result.length));
        } catch (ProxyException e) {
            setRequestHeader("x-ffi-error", e.status().toString());
        }
        return Action.CONTINUE;
    }

    /** Called by the root on a timer tick: this stream is not the effective context then. */
    void resumeFromTick() {
        if (deferDone) {
            Log.info("deferred work done for " + id());
            done();
            return;
        }
        setRequestHeader("x-resumed-by", "tick");
        resumeRequest();
    }

    @Override
    public boolean onDone() {
        if (deferDone) {
            root.resumeOnTick.add(this);
            return false;
        }
        return true;
    }

    @Override
    public void onLog() {
        if (route().equals("/log")) {
            Log.info("access log for " + path);
        }
    }

    // ---- allocator under GC stress --------------------------------------------------------

    /**
     * Reads the same host data many times while every heap allocation made for the host is
     * preceded by a full compacting collection and the heap is churned in between, then reports
     * how many reads differed from the first. The request carries a large header so that some
     * answers exceed the allocator's arena and take the fresh-array path.
     */
    private Action stressAllocator() {
        String roundsHeader = requestHeader("x-rounds");
        int rounds = roundsHeader == null ? 100 : Integer.parseInt(roundsHeader);
        HostMemory.collectBeforeEachAllocation(true);
        try {
            Headers expectedAll = requestHeaders();
            String expectedBig = requestHeader("x-big");
            String expectedSmall = requestHeader("x-small");
            String expectedPath = Properties.requestPath();
            int mismatches = 0;
            for (int i = 0; i < rounds; i++) {
                churn(i);
                if (!requestHeaders().equals(expectedAll)) {
                    mismatches++;
                }
                churn(i + 1);
                if (!equal(requestHeader("x-big"), expectedBig)) {
                    mismatches++;
                }
                if (!equal(requestHeader("x-small"), expectedSmall)) {
                    mismatches++;
                }
                if (!equal(bytesAsString(requestHeaderBytes("x-big")), expectedBig)
                        || !equal(bytesAsString(requestHeaderBytes("x-small")), expectedSmall)) {
                    mismatches++;
                }
                if (!equal(Properties.requestPath(), expectedPath)) {
                    mismatches++;
                }
            }
            setRequestHeader("x-gc-rounds", String.valueOf(rounds));
            setRequestHeader("x-gc-mismatches", String.valueOf(mismatches));
            setRequestHeader("x-big-length", String.valueOf(expectedBig == null ? -1 : expectedBig.length()));
        } finally {
            HostMemory.collectBeforeEachAllocation(false);
            RETAINED.clear();
        }
        return Action.CONTINUE;
    }

    private static String bytesAsString(byte[] bytes) {
        return bytes == null ? null : new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Allocates and drops objects of varied sizes, keeping some, so that collections move things. */
    private static void churn(int seed) {
        for (int i = 0; i < 64; i++) {
            byte[] garbage = new byte[32 + (seed * 31 + i * 17) % 2048];
            if (i % 5 == 0) {
                RETAINED.add(garbage);
            }
        }
        if (RETAINED.size() > 256) {
            RETAINED.subList(0, 128).clear();
        }
    }

    private static boolean equal(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }
}
