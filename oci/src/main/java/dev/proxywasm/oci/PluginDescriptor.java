package dev.proxywasm.oci;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What a plugin module says about how it is deployed, read from its
 * {@code src/main/proxywasm-plugin/} directory:
 *
 * <ul>
 *   <li>{@code wasmplugin.properties}: {@code name} (image and WasmPlugin name; a lower-case DNS
 *       label), {@code phase} ({@code AUTHN}, {@code AUTHZ}, {@code STATS}, or empty for none),
 *       {@code priority} (optional integer; within a phase, higher runs first);
 *   <li>{@code example-config.json} (optional): a JSON object, the WasmPlugin's
 *       {@code pluginConfig}.
 * </ul>
 *
 * @param name the image repository's last component and the WasmPlugin's name
 * @param phase the filter phase, if any
 * @param priority the order within the phase, if set
 * @param pluginConfig the example configuration, if the module has one
 */
public record PluginDescriptor(
    String name, Optional<FilterPhase> phase, OptionalInt priority, Optional<ObjectNode> pluginConfig) {

  /** The file with name, phase and priority. */
  public static final String PROPERTIES_FILE = "wasmplugin.properties";

  /** The file with the example {@code pluginConfig}. */
  public static final String CONFIG_FILE = "example-config.json";

  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
  private static final Set<String> KEYS = Set.of("name", "phase", "priority");

  /**
   * Reads the descriptor in {@code directory}.
   *
   * @throws PublishException naming the file and the field that is wrong
   */
  public static PluginDescriptor read(Path directory) throws PublishException {
    Path propertiesFile = directory.resolve(PROPERTIES_FILE);
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(propertiesFile, StandardCharsets.UTF_8)) {
      properties.load(in);
    } catch (NoSuchFileException e) {
      throw new PublishException(
          "missing " + propertiesFile + ": a plugin module needs it to be published (name,"
              + " phase, priority; see oci/README.md)");
    } catch (IOException | IllegalArgumentException e) {
      throw new PublishException("cannot read " + propertiesFile + ": " + e.getMessage(), e);
    }
    Set<String> unknown = new TreeSet<>(properties.stringPropertyNames());
    unknown.removeAll(KEYS);
    if (!unknown.isEmpty()) {
      throw new PublishException(
          propertiesFile + ": unknown key(s) " + unknown + "; the keys are name, phase, priority");
    }
    String name = properties.getProperty("name", "").trim();
    if (!DNS_LABEL.matcher(name).matches()) {
      throw new PublishException(
          propertiesFile + ": name '" + name + "' must be a lower-case DNS label (a-z, 0-9, '-',"
              + " at most 63 characters): it names both the image and the WasmPlugin");
    }
    return new PluginDescriptor(
        name,
        phase(propertiesFile, properties.getProperty("phase", "").trim()),
        priority(propertiesFile, properties.getProperty("priority", "").trim()),
        pluginConfig(directory.resolve(CONFIG_FILE)));
  }

  private static Optional<FilterPhase> phase(Path file, String text) throws PublishException {
    if (text.isEmpty()) {
      return Optional.empty();
    }
    for (FilterPhase phase : FilterPhase.values()) {
      if (phase.name().equals(text)) {
        return Optional.of(phase);
      }
    }
    throw new PublishException(
        file + ": phase '" + text + "' must be AUTHN, AUTHZ, STATS, or empty for no phase");
  }

  private static OptionalInt priority(Path file, String text) throws PublishException {
    if (text.isEmpty()) {
      return OptionalInt.empty();
    }
    try {
      return OptionalInt.of(Integer.parseInt(text));
    } catch (NumberFormatException e) {
      throw new PublishException(file + ": priority '" + text + "' must be an integer");
    }
  }

  private static Optional<ObjectNode> pluginConfig(Path file) throws PublishException {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    JsonNode config;
    try {
      config = new ObjectMapper().readTree(file.toFile());
    } catch (JacksonException e) {
      throw new PublishException(file + " is not valid JSON: " + e.getOriginalMessage()
          + " (line " + e.getLocation().getLineNr() + ")", e);
    } catch (IOException e) {
      throw new PublishException("cannot read " + file + ": " + e.getMessage(), e);
    }
    if (!(config instanceof ObjectNode object)) {
      throw new PublishException(
          file + " must hold a JSON object: Istio passes pluginConfig to the plugin as an object");
    }
    return Optional.of(object);
  }
}
