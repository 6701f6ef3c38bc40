package org.hashfed.cli.client;

import java.nio.file.Path;
import java.util.Map;

/** Where the CLI keeps its profiles: {@code $XDG_CONFIG_HOME/hashfed/config.json} or {@code ~/.config/hashfed/config.json}. */
public final class ConfigLocation {

  /** System property naming the configuration directory; it wins over the environment, so tests never touch a real home. */
  public static final String DIR_PROPERTY = "hashfed.config.dir";

  private ConfigLocation() {}

  /** The profiles file for the given environment. */
  public static Path configFile(Map<String, String> env) {
    String dir = System.getProperty(DIR_PROPERTY);
    if (dir != null && !dir.isBlank()) {
      return Path.of(dir, "config.json");
    }
    String xdg = env.get("XDG_CONFIG_HOME");
    if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
      return Path.of(xdg, "hashfed", "config.json");
    }
    return Path.of(System.getProperty("user.home"), ".config", "hashfed", "config.json");
  }
}
