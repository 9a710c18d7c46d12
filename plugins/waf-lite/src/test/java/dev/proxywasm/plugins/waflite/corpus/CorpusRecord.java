package dev.proxywasm.plugins.waflite.corpus;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One request of the WAF corpus (../shared/waf-corpus, JSON Lines). */
public final class CorpusRecord {
  private static final JsonFactory JSON = new JsonFactory();

  public String id;
  public String method;
  public String uri;
  public String httpVersion;
  public final List<String[]> headers = new ArrayList<>();
  public String body;
  public String expect;
  public String family;
  public boolean pl1Critical;

  /** True for the cases a default configuration must block. */
  public boolean mustBlock() {
    return "attack".equals(expect) && pl1Critical;
  }

  /** The body as bytes (UTF-8, as the test tools send it). */
  public byte[] bodyBytes() {
    return body == null ? null : body.getBytes(StandardCharsets.UTF_8);
  }

  /** The corpus directory (set by the pom, or ../shared/waf-corpus from the project root). */
  public static Path corpusDir() {
    String dir = System.getProperty("waf.corpus.dir");
    return dir != null ? Path.of(dir) : Path.of("../../../shared/waf-corpus");
  }

  /** Reads every record of {@code file}. */
  public static List<CorpusRecord> read(Path file) throws IOException {
    List<CorpusRecord> records = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (!line.isBlank()) {
          records.add(parse(line));
        }
      }
    }
    return records;
  }

  private static CorpusRecord parse(String line) throws IOException {
    CorpusRecord r = new CorpusRecord();
    try (JsonParser p = JSON.createParser(line)) {
      p.nextToken();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "id" -> r.id = p.getText();
          case "method" -> r.method = p.getText();
          case "uri" -> r.uri = p.getText();
          case "http_version" -> r.httpVersion = p.getText();
          case "body" -> r.body = value == JsonToken.VALUE_NULL ? null : p.getText();
          case "expect" -> r.expect = p.getText();
          case "rule_family" -> r.family = value == JsonToken.VALUE_NULL ? null : p.getText();
          case "pl1_critical" -> r.pl1Critical = value == JsonToken.VALUE_TRUE;
          case "headers" -> {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String name = p.currentName();
              p.nextToken();
              r.headers.add(new String[] {name, p.getText()});
            }
          }
          default -> p.skipChildren();
        }
      }
    }
    return r;
  }
}
