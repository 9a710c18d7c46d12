package dev.proxywasm.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The per-function instruction profile, checked on a C filter whose profile is known in advance
 * (src/test/c/profiled_filter.c): spin() loops as many rounds as the request asks, stamp() does
 * the same work every time.
 */
class InstructionProfileTest {
  private static Path named;
  private static Path unnamed;
  private ProxyWasmHost host;

  @BeforeAll
  static void compile() {
    // -O0: at -O1 and above clang runs binaryen's wasm-opt, which drops the name section.
    named = CModuleCompiler.compile(Path.of("src/test/c/profiled_filter.c"),
        Path.of("target/c-modules/profiled_filter.wasm"), "-O0");
    unnamed = CModuleCompiler.compile(Path.of("src/test/c/profiled_filter.c"),
        Path.of("target/c-modules/profiled_filter_unnamed.wasm"), "-O0", "-Wl,--strip-all");
  }

  @AfterEach
  void close() {
    if (host != null) {
      host.close();
    }
  }

  /** Sends one request asking spin() for {@code rounds} rounds. */
  private void send(int rounds) {
    host.newHttpStream().sendRequestHeaders(Headers.of(":method", "GET", ":path", "/",
        ":authority", "example.com", "x-rounds", Integer.toString(rounds)), true);
  }

  /** The profile of one request asking spin() for {@code rounds} rounds. */
  private InstructionProfile request(int rounds) {
    InstructionProfile before = host.instructionProfile();
    send(rounds);
    return host.instructionProfile().minus(before);
  }

  @Test
  void aLoopCostsItsOwnFunctionInProportionToItsRounds() {
    host = ProxyWasmHost.load(named).profileInstructions().start();

    InstructionProfile ten = request(10);
    InstructionProfile twenty = request(20);
    InstructionProfile thirty = request(30);

    long tenRounds = twenty.instructions("spin") - ten.instructions("spin");
    assertTrue(tenRounds >= 10, () -> "ten rounds ran only " + tenRounds + " instructions");
    assertEquals(tenRounds, thirty.instructions("spin") - twenty.instructions("spin"));
    assertEquals(ten.instructions("stamp"), thirty.instructions("stamp"));
    assertTrue(ten.instructions("stamp") > 0);
  }

  @Test
  void theLongestLoopComesFirst() {
    host = ProxyWasmHost.load(named).profileInstructions().start();

    InstructionProfile profile = request(1000);

    assertEquals("spin", profile.byFunction().keySet().iterator().next());
    assertTrue(profile.instructions("spin") > 1000 + profile.instructions("stamp"));
    assertTrue(profile.byFunction().containsKey("on_request_headers"), profile::toString);
    System.out.println("profiled_filter.c, one request of 1000 rounds:\n" + profile.top(5));
  }

  @Test
  void theProfileOfAWindowAddsUpToTheCallbacksInIt() {
    host = ProxyWasmHost.load(named).profileInstructions().start();
    request(5);
    int callsBefore = host.callCosts().size();

    InstructionProfile profile = request(50);

    List<CallCost> window = host.callCosts().subList(callsBefore, host.callCosts().size());
    assertEquals(window.stream().mapToLong(CallCost::instructions).sum(), profile.total());
    assertEquals(host.callCosts().stream().mapToLong(CallCost::instructions).sum(),
        host.instructionProfile().total());
  }

  @Test
  void profilingCountsTheSameInstructionsAsCounting() {
    host = ProxyWasmHost.load(named).countInstructions().start();
    send(0);
    long counted = host.lastCallCost().instructions();
    host.close();
    host = ProxyWasmHost.load(named).profileInstructions().start();

    assertEquals(counted, request(0).total());
  }

  @Test
  void functionsWithoutNamesAreShownByIndex() {
    host = ProxyWasmHost.load(named).profileInstructions().start();
    List<Long> namedCounts = List.copyOf(request(1000).byFunction().values());
    host.close();
    host = ProxyWasmHost.load(unnamed).profileInstructions().start();

    InstructionProfile profile = request(1000);

    assertEquals(namedCounts, List.copyOf(profile.byFunction().values()));
    assertTrue(profile.byFunction().keySet().stream().allMatch(f -> f.matches("func\\[\\d+]")),
        profile::toString);
  }

  @Test
  void topPrintsTheBiggestFunctionsThenTheRestAndTheTotal() {
    host = ProxyWasmHost.load(named).profileInstructions().start();

    InstructionProfile profile = request(1000);
    List<String> lines = profile.top(2).lines().toList();

    assertEquals(5, lines.size(), profile.top(2));
    assertTrue(lines.get(0).endsWith("function"), lines.get(0));
    assertTrue(lines.get(1).endsWith("%  spin"), lines.get(1));
    assertTrue(lines.get(3).endsWith("%  (" + (profile.byFunction().size() - 2)
        + " more functions)"), lines.get(3));
    assertTrue(lines.get(4).contains(String.format("%,d 100.0%%  total", profile.total())),
        lines.get(4));
  }

  @Test
  void subtractingALaterSnapshotIsAClearError() {
    host = ProxyWasmHost.load(named).profileInstructions().start();
    InstructionProfile earlier = host.instructionProfile();
    request(1);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> earlier.minus(host.instructionProfile()));
    assertTrue(e.getMessage().contains("not an earlier snapshot"), e.getMessage());
  }

  @Test
  void askingForAFunctionTheModuleLacksIsAClearError() {
    host = ProxyWasmHost.load(named).profileInstructions().start();

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> request(1).instructions("spinn"));
    assertTrue(e.getMessage().contains("no function named \"spinn\""), e.getMessage());
  }

  @Test
  void withoutProfilingAskingForAProfileIsAClearError() {
    host = ProxyWasmHost.load(named).countInstructions().start();

    IllegalStateException e = assertThrows(IllegalStateException.class,
        host::instructionProfile);
    assertTrue(e.getMessage().contains("profileInstructions()"), e.getMessage());
  }

  @Test
  void profilesModulesWithMoreFunctionsThanOneReaderReturns() throws Exception {
    int functions = InstructionCounter.SELF_READER_SIZE + 200;
    StringBuilder module = new StringBuilder(WatModules.PROXY_WASM_BASICS);
    module.append("(func (export \"proxy_on_request_headers\") (param i32 i32 i32) (result i32)\n");
    for (int f = 0; f < functions; f++) {
      module.append("  call $f").append(f).append('\n');
    }
    module.append("  i32.const 0)\n");
    for (int f = 0; f < functions; f++) {
      module.append("(func $f").append(f).append(" i32.const ").append(f).append(" drop)\n");
    }
    host = ProxyWasmHost.load(WatModules.assemble("many_functions", module.toString()))
        .profileInstructions().start();

    InstructionProfile profile = request(0);

    // The basics define three functions, then the handler; each $f runs i32.const, drop, end.
    int first = 4;
    for (int f = 0; f < functions; f++) {
      assertEquals(3, profile.instructions("func[" + (first + f) + "]"), "$f" + f);
    }
    assertEquals(functions + 2, profile.instructions("func[3]"));
  }

  @Test
  void aCallCostCountsTheHostFunctionsCalledAndTheirTime() {
    host = ProxyWasmHost.load(unnamed).start();

    send(1000);

    // proxy_get_header_map_value (x-rounds), then proxy_add_header_map_value (x-stamped); the
    // allocator the first one calls is the plugin's own code, not a host function.
    CallCost cost = host.lastCallCost();
    assertEquals(2, cost.hostCalls());
    assertTrue(cost.hostTime().toNanos() > 0, cost::toString);
    assertTrue(cost.hostTime().compareTo(cost.wallTime()) < 0, cost::toString);
  }
}
