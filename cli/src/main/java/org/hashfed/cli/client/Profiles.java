package org.hashfed.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.protocol.crypto.SecretFiles;

/**
 * The saved profiles: per name a node URL and an API key, plus which profile is the default.
 * The file holds secrets, so it is written through {@link SecretFiles}: owner-only (0600, a new
 * directory 0700) and atomically.
 *
 * <pre>{"default": "work", "profiles": {"work": {"node": "https://...", "api_key": "hfk_..."}}}</pre>
 */
public final class Profiles {

  /** A saved node URL and API key. */
  public record Profile(String node, String apiKey) {
    @Override
    public String toString() {
      return "Profile{node=" + node + "}";
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private final Path file;
  private final Map<String, Profile> profiles;
  private String defaultName;

  private Profiles(Path file, Map<String, Profile> profiles, String defaultName) {
    this.file = file;
    this.profiles = profiles;
    this.defaultName = defaultName;
  }

  /** Reads the profiles file; a missing file gives no profiles. */
  public static Profiles load(Path file) throws CommandError {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      return new Profiles(file, new LinkedHashMap<>(), null);
    } catch (IOException e) {
      throw CommandError.of(ExitCodes.USAGE, "cannot read the profiles file " + file + ": " + e.getMessage()
          + " (fix or delete it, then run hashfed login again)");
    }
    Map<String, Profile> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.path("profiles").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      out.put(e.getKey(), new Profile(e.getValue().path("node").asText(null), e.getValue().path("api_key").asText(null)));
    }
    String dflt = root.path("default").isTextual() ? root.get("default").asText() : null;
    return new Profiles(file, out, dflt);
  }

  /** Checks a profile name: 1 to 64 letters, digits, '.', '_' or '-'. */
  public static String checkName(String name) throws CommandError {
    if (name == null || !NAME.matcher(name).matches()) {
      throw CommandError.of(ExitCodes.USAGE, "invalid profile name \"" + name
          + "\": expected 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
    return name;
  }

  /** The profiles file. */
  public Path file() {
    return file;
  }

  /** The named profile. */
  public Optional<Profile> get(String name) {
    return Optional.ofNullable(profiles.get(name));
  }

  /** The name of the default profile, when there is one. */
  public Optional<String> defaultName() {
    return Optional.ofNullable(defaultName);
  }

  /** Adds or replaces a profile; the first profile saved becomes the default, or this one when asked. */
  public void put(String name, Profile profile, boolean makeDefault) {
    profiles.put(name, profile);
    if (makeDefault || defaultName == null || !profiles.containsKey(defaultName)) {
      defaultName = name;
    }
  }

  /** Adds or replaces a profile with a checked connection's URL and key. */
  public void put(String name, Connection connection, boolean makeDefault) {
    put(name, new Profile(connection.base().toString(), connection.apiKey()), makeDefault);
  }

  /** Writes the profiles atomically, readable by the owner only. */
  public void save() throws CommandError {
    ObjectNode root = JSON.createObjectNode();
    if (defaultName != null) {
      root.put("default", defaultName);
    }
    ObjectNode all = root.putObject("profiles");
    profiles.forEach((name, p) -> all.putObject(name).put("node", p.node()).put("api_key", p.apiKey()));
    try {
      SecretFiles.replace(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    } catch (IOException e) {
      throw CommandError.of(ExitCodes.USAGE, "cannot write the profiles file " + file + ": " + e.getMessage());
    }
  }
}
