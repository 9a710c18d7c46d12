package dev.proxywasm.harness;

import io.github.kawamuray.wasmtime.FuncType;
import io.github.kawamuray.wasmtime.Val;

/**
 * One function the host offers a module: its import name, its signature and its body.
 *
 * @param module the import module ({@code env}, {@code wasi_snapshot_preview1}, ...)
 * @param name the import name
 * @param type the signature a module must import it with
 * @param body what it does; the returned int is the i32 result, ignored when the type has none
 */
record HostFunction(String module, String name, FuncType type, Body body) {

  /** The body of a host function. */
  @FunctionalInterface
  interface Body {
    int call(Val[] args);
  }

  /**
   * A signature from a compact spelling: one letter per parameter ({@code i} i32, {@code I} i64),
   * then {@code ->} and the result letter, if any. {@code "iii->i"} is (i32, i32, i32) -> i32.
   */
  static FuncType signature(String spelling) {
    String[] parts = spelling.split("->", -1);
    return new FuncType(types(parts[0]), types(parts[1]));
  }

  private static Val.Type[] types(String letters) {
    Val.Type[] types = new Val.Type[letters.length()];
    for (int i = 0; i < types.length; i++) {
      types[i] = switch (letters.charAt(i)) {
        case 'i' -> Val.Type.I32;
        case 'I' -> Val.Type.I64;
        default -> throw new IllegalArgumentException("unknown type letter in " + letters);
      };
    }
    return types;
  }

  String qualifiedName() {
    return module + "." + name;
  }
}
