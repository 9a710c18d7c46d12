package dev.proxywasm.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnvoyCompatibilityTest {
  @Test
  void theCFilterIsCompatible() {
    Path wasm = CModuleCompiler.compile(Path.of("src/test/c/raw_abi_filter.c"),
        Path.of("target/c-modules/raw_abi_filter.wasm"));

    assertEquals(List.of(), EnvoyCompatibility.problems(wasm));
  }

  @Test
  void anImportEnvoyDoesNotProvideIsAProblem() throws Exception {
    Path wasm = WatModules.assemble("foreign-import", """
        (import "env" "proxy_not_in_envoy" (func (result i32)))
        """ + WatModules.PROXY_WASM_BASICS);

    List<String> problems = EnvoyCompatibility.problems(wasm);

    assertEquals(List.of("imports env.proxy_not_in_envoy, which Envoy does not provide"), problems);
  }

  @Test
  void missingExportsAreProblems() throws Exception {
    Path wasm = WatModules.assemble("no-exports", """
        (memory 1)
        (func (export "_start"))
        """);

    List<String> problems = EnvoyCompatibility.problems(wasm);

    assertEquals(List.of("exports no memory",
        "exports no proxy_abi_version_0_2_1 (or 0_2_0, 0_1_0) marker",
        "exports no allocator (proxy_on_memory_allocate or malloc)"), problems);
  }

  @Test
  void aProposalOutsideTheAllowedSetFailsValidation() throws Exception {
    Path wasm = WatModules.assemble("sign-extension", WatModules.PROXY_WASM_BASICS + """
        (func (export "widen") (param i32) (result i32) local.get 0 i32.extend8_s)
        """);

    AssertionError failure = assertThrows(AssertionError.class,
        () -> EnvoyCompatibility.assertCompatible(wasm));

    assertTrue(failure.getMessage().contains("wasm-validate rejects it"), failure::getMessage);
  }

  @Test
  void aTrapInInitializeFailsInV8() throws Exception {
    Path wasm = WatModules.assemble("trapping-initialize", """
        (memory (export "memory") 1)
        (func (export "_initialize") unreachable)
        (func (export "proxy_abi_version_0_2_1"))
        (func (export "malloc") (param i32) (result i32) i32.const 1024)
        """);

    List<String> problems = EnvoyCompatibility.problems(wasm);

    assertEquals(1, problems.size(), problems::toString);
    assertTrue(problems.get(0).startsWith("node rejects it: V8: RuntimeError: unreachable"),
        problems::toString);
  }
}
