package dev.proxywasm.plugins.waflite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxywasm.harness.LogLevel;
import dev.proxywasm.harness.ProxyWasmHost;
import dev.proxywasm.harness.WasmTrapException;
import dev.proxywasm.plugins.waflite.corpus.CorpusRecord;
import dev.proxywasm.plugins.waflite.corpus.WasmRequests;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * 12,000 mutated requests (corpus records with flipped, inserted and truncated bytes, invalid
 * UTF-8, deeply nested JSON, broken multipart, bodies up to the limit) through the compiled
 * module: none may trap, and none may reach the fail-closed 500 that an escaping exception
 * produces. Seeded, so a failure reproduces.
 */
class WasmFuzzTest {
  private static final int REQUESTS = 12_000;
  private static final int BODY_LIMIT = 8192;
  private static final String[] CONTENT_TYPES = {
    "application/json", "application/x-www-form-urlencoded", "multipart/form-data; boundary=XyZ",
    "multipart/form-data", "text/xml", "application/xml", "text/plain", "multipart/form-data; boundary=",
    "application/json; charset=utf-16", "\u00ff\u00fe;;;==", ""
  };

  @Test
  void mutatedRequestsNeverTrapOrFail() throws IOException {
    Random random = new Random(20240611L);
    List<CorpusRecord> seeds = new ArrayList<>(CorpusRecord.read(CorpusRecord.corpusDir().resolve("crs-dev.jsonl")));
    seeds.addAll(CorpusRecord.read(CorpusRecord.corpusDir().resolve("benign-dev.jsonl")));
    int traps = 0;
    int failures = 0;
    String firstProblem = null;
    String config = "{\"request_body_limit\": " + BODY_LIMIT + ", \"request_body_limit_action\": \"ProcessPartial\"}";
    try (ProxyWasmHost host = ProxyWasmHost.load(WafLiteWasmTest.WASM).pluginConfig(config)
        .logLevel(LogLevel.ERROR).start()) {
      for (int i = 0; i < REQUESTS; i++) {
        CorpusRecord seed = seeds.get(random.nextInt(seeds.size()));
        List<String[]> headers = new ArrayList<>();
        for (String[] h : seed.headers) {
          headers.add(new String[] {h[0], random.nextInt(20) == 0 ? mutateText(h[1], random) : h[1]});
        }
        byte[] body = body(seed, random, headers);
        String uri = random.nextInt(4) == 0 ? mutateText(seed.uri, random) : seed.uri;
        try {
          int status = WasmRequests.send(host, seed.method, uri, headers, body);
          if (status == 500) {
            failures++;
            firstProblem = firstProblem != null ? firstProblem : "500 on " + seed.id + " " + uri;
          }
        } catch (WasmTrapException e) {
          traps++;
          firstProblem = firstProblem != null ? firstProblem : "trap on " + seed.id + ": " + e.getMessage();
        }
      }
      assertTrue(host.logMessages(LogLevel.ERROR).isEmpty(), () -> host.logMessages(LogLevel.ERROR).get(0));
    }
    System.out.println("fuzz: " + REQUESTS + " requests, " + traps + " traps, " + failures + " failures");
    assertEquals(0, traps, firstProblem);
    assertEquals(0, failures, firstProblem);
  }

  private static byte[] body(CorpusRecord seed, Random random, List<String[]> headers) {
    switch (random.nextInt(6)) {
      case 0: {
        setContentType(headers, "application/json");
        int depth = 1 + random.nextInt(5000);
        String open = random.nextBoolean() ? "[" : "{\"a\":";
        return (open.repeat(depth) + "1" + (random.nextBoolean() ? "]".repeat(depth) : "")).getBytes(StandardCharsets.UTF_8);
      }
      case 1: {
        setContentType(headers, "multipart/form-data; boundary=XyZ");
        String part = "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a;b.php\"\r\n"
            + "Content-Type: text/plain; charset=utf-7\r\n\r\n<?php system($_GET[1]); ?>\r\n";
        return truncate(part.repeat(1 + random.nextInt(40)), random).getBytes(StandardCharsets.ISO_8859_1);
      }
      case 2: {
        setContentType(headers, CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)]);
        byte[] noise = new byte[random.nextInt(BODY_LIMIT + 2048)];
        random.nextBytes(noise);
        return noise;
      }
      case 3:
        return seed.body == null ? null : mutateBytes(seed.bodyBytes(), random);
      default:
        return seed.bodyBytes();
    }
  }

  private static void setContentType(List<String[]> headers, String type) {
    headers.removeIf(h -> h[0].equalsIgnoreCase("content-type"));
    headers.add(new String[] {"Content-Type", type});
  }

  private static String truncate(String s, Random random) {
    return random.nextBoolean() ? s : s.substring(0, random.nextInt(s.length() + 1));
  }

  private static String mutateText(String s, Random random) {
    return new String(mutateBytes(s.getBytes(StandardCharsets.UTF_8), random), StandardCharsets.ISO_8859_1)
        .replace('\r', ' ').replace('\n', ' ').replace('\0', ' ');
  }

  private static byte[] mutateBytes(byte[] in, Random random) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + 16);
    byte[] specials = "%u\\'\"<>&;|`$(){}[]\u00c0\u00ff#-*/=".getBytes(StandardCharsets.ISO_8859_1);
    for (int i = 0; i < in.length; i++) {
      int dice = random.nextInt(40);
      if (dice == 0) {
        continue;
      } else if (dice == 1) {
        out.write(specials[random.nextInt(specials.length)]);
      } else if (dice == 2) {
        out.write(0x80 + random.nextInt(0x80));
      }
      out.write(dice == 3 ? in[i] ^ (1 << random.nextInt(8)) : in[i]);
    }
    return out.toByteArray();
  }
}
