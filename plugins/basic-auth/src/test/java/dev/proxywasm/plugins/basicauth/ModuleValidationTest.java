package dev.proxywasm.plugins.basicauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shipped module is valid for the runtimes Envoy embeds: wabt's validator with only the
 * proposals TeaVM emits, and V8 (through Node), which also lists its imports and exports.
 */
class ModuleValidationTest {
    private static final String WASM = BasicAuthFilterTest.WASM.toString();

    record Run(int exitCode, String output) {
    }

    static Run run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(process.waitFor(), output);
    }

    @Test
    void wabtValidatesItWithOnlyTheProposalsTeaVmUses() throws Exception {
        // wabt enables bulk memory and non-trapping float-to-int (what TeaVM uses) by default.
        Run validation = run(List.of("wasm-validate", "--disable-reference-types", "--disable-multi-value",
                "--disable-simd", "--disable-sign-extension", "--disable-mutable-globals", WASM));
        assertEquals(0, validation.exitCode(), validation.output());
    }

    @Test
    void v8CompilesItAndItSpeaksOnlyProxyWasmAndWasi() throws Exception {
        String script = "const m = new WebAssembly.Module(require('fs').readFileSync(process.argv[1]));"
                + "for (const i of WebAssembly.Module.imports(m)) console.log('import ' + i.module + ' ' + i.name);"
                + "for (const e of WebAssembly.Module.exports(m)) console.log('export ' + e.name);";
        Run node = run(List.of("node", "-e", script, WASM));
        assertEquals(0, node.exitCode(), node.output());
        List<String> lines = node.output().lines().toList();
        for (String line : lines) {
            if (line.startsWith("import ")) {
                assertTrue(line.startsWith("import env proxy_") || line.startsWith("import wasi_snapshot_preview1 "), line);
            }
        }
        for (String export : new String[] {"proxy_abi_version_0_2_1", "proxy_on_context_create", "proxy_on_configure",
            "proxy_on_request_headers", "proxy_on_memory_allocate"}) {
            assertTrue(lines.contains("export " + export), "missing export " + export + " in " + lines);
        }
    }
}
