package dev.proxywasm.oci;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A plugin module of this repository: a directory under {@code plugins/} with a
 * {@code src/main/proxywasm-plugin/} directory (which also makes the parent pom compile it to
 * {@code target/plugin.wasm}).
 *
 * @param directory the module directory, e.g. {@code plugins/basic-auth}
 * @param descriptor what its {@code src/main/proxywasm-plugin/} says about deploying it
 */
public record PluginModule(Path directory, PluginDescriptor descriptor) {

  /** The directory, relative to a module, that marks it as a plugin and holds its descriptor. */
  public static final String DESCRIPTOR_DIRECTORY = "src/main/proxywasm-plugin";

  /** The module the plugin's build leaves, relative to the module directory. */
  public static final String MODULE_FILE = "target/plugin.wasm";

  /** The compiled module this plugin ships. */
  public Path wasm() {
    return directory.resolve(MODULE_FILE);
  }

  /**
   * Every plugin module directly under {@code pluginsDirectory}, sorted by name.
   *
   * @throws PublishException if there is none, if a descriptor is wrong, or if two plugins share
   *     a name
   */
  public static List<PluginModule> findAll(Path pluginsDirectory) throws PublishException {
    List<Path> candidates;
    try (Stream<Path> children = Files.list(pluginsDirectory)) {
      candidates =
          children
              .filter(dir -> Files.isDirectory(dir.resolve(DESCRIPTOR_DIRECTORY)))
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new PublishException("cannot list plugin modules in " + pluginsDirectory + ": " + e, e);
    }
    if (candidates.isEmpty()) {
      throw new PublishException(
          "no plugin modules in " + pluginsDirectory + " (directories with "
              + DESCRIPTOR_DIRECTORY + ")");
    }
    List<PluginModule> modules = new ArrayList<>();
    Map<String, Path> byName = new HashMap<>();
    for (Path dir : candidates) {
      PluginDescriptor descriptor = PluginDescriptor.read(dir.resolve(DESCRIPTOR_DIRECTORY));
      Path clash = byName.put(descriptor.name(), dir);
      if (clash != null) {
        throw new PublishException(
            "plugins " + clash + " and " + dir + " are both named '" + descriptor.name() + "'");
      }
      modules.add(new PluginModule(dir, descriptor));
    }
    modules.sort(Comparator.comparing(module -> module.descriptor().name()));
    return modules;
  }
}
