package dev.proxywasm.abi.jackson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The outcome of running a command-line tool or a WASI command module to completion. */
record WasiRun(int exitCode, String stdout, String stderr) {
    /** Runs the compiled fixture module with Node's WASI (preview1, argv ["x"]). */
    static WasiRun fixture() {
        return run(List.of("node", "--no-warnings", property("fixture.runner"), property("fixture.wasm")));
    }

    /**
     * @param command the program and its arguments
     * @return what it printed and how it exited
     */
    static WasiRun run(List<String> command) {
        try {
            Path stderr = Files.createTempFile("wasi-run", ".stderr");
            try {
                Process process = new ProcessBuilder(command)
                        .redirectError(stderr.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                        .start();
                String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                // A guard against a hung child, not a timing assertion.
                if (!process.waitFor(2, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("did not finish: " + command);
                }
                return new WasiRun(process.exitValue(), stdout, Files.readString(stderr));
            } finally {
                Files.deleteIfExists(stderr);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command + " (is it installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String property(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("system property " + name + " is set by this module's pom");
        }
        return value;
    }
}
