package org.hashfed.cli.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.hashfed.cli.base.ExitCodes;
import picocli.CommandLine.Option;

/**
 * The options every command that calls a node takes to find it: flags win over the environment
 * ({@code HASHFED_NODE}, {@code HASHFED_API_KEY}, {@code HASHFED_PROFILE}), which wins over the
 * profile ({@code --profile} or the default one saved by {@code hashfed login}); a command may add
 * {@link NodeDefaults} for when none of them names the node or the key.
 */
public final class NodeOptions {

  /** Environment variable with the node URL. */
  public static final String ENV_NODE = "HASHFED_NODE";
  /** Environment variable with the API key. */
  public static final String ENV_API_KEY = "HASHFED_API_KEY";
  /** Environment variable naming the profile to use. */
  public static final String ENV_PROFILE = "HASHFED_PROFILE";

  @Option(names = "--node", paramLabel = "URL", description = "The node's URL (default: $HASHFED_NODE, then the profile).")
  String node;

  @Option(names = "--api-key-file", paramLabel = "FILE",
      description = "File holding the API key (default: $HASHFED_API_KEY, then the profile).")
  Path apiKeyFile;

  @Option(names = "--api-key", paramLabel = "KEY",
      description = "The API key itself; visible to other users in the process list, prefer --api-key-file.")
  String apiKey;

  @Option(names = "--profile", paramLabel = "NAME",
      description = "Saved profile to use (default: $HASHFED_PROFILE, then the default profile).")
  String profile;

  /** The connection from the flags, then {@code env}, then the profiles file. */
  public Connection resolve(Map<String, String> env) throws CommandError {
    return resolve(env, NodeDefaults.none());
  }

  /**
   * The connection from the flags, then {@code env} (with the command's key-file variable before
   * {@code HASHFED_API_KEY}), then the profiles file, then, when no profile applies, the command's defaults.
   */
  public Connection resolve(Map<String, String> env, NodeDefaults defaults) throws CommandError {
    String flagKey = apiKey != null ? apiKey : apiKeyFile != null ? readKeyFile(apiKeyFile) : null;
    String envNode = blankToNull(env.get(ENV_NODE));
    String url = node != null ? node : envNode;
    String urlSource = node != null ? "--node" : ENV_NODE;
    String key = flagKey != null ? flagKey : envKey(env, defaults);
    if (url != null && key != null) {
      return Connection.create(url, key, urlSource);
    }
    Profiles profiles = Profiles.load(ConfigLocation.configFile(env));
    String name = profile != null ? profile : blankToNull(env.get(ENV_PROFILE));
    if (name == null) {
      name = profiles.defaultName().orElse(null);
    }
    if (name == null) {
      return withoutProfile(url, key, urlSource, defaults);
    }
    String chosen = name;
    Profiles.Profile p = profiles.get(name).orElseThrow(() -> CommandError.of(ExitCodes.USAGE, "no profile \""
        + chosen + "\" in " + profiles.file() + ": run hashfed login --node URL --api-key-file FILE --profile "
        + chosen));
    return Connection.create(url != null ? url : p.node(), key != null ? key : p.apiKey(), "profile \"" + name + "\"");
  }

  /** These options with the key file {@code file}, given under another flag such as audit's {@code --audit-key-file}. */
  public NodeOptions withKeyFile(String flag, Path file) throws CommandError {
    if (file == null) {
      return this;
    }
    if (apiKey != null || apiKeyFile != null) {
      throw CommandError.of(ExitCodes.USAGE, "the API key is given twice (" + flag + " " + file + " and "
          + (apiKey != null ? "--api-key" : "--api-key-file " + apiKeyFile) + "): expected one of them");
    }
    NodeOptions o = new NodeOptions();
    o.node = node;
    o.apiKeyFile = file;
    o.profile = profile;
    return o;
  }

  /** Whether {@code --node} was given on the command line. */
  public boolean nodeGiven() {
    return node != null;
  }

  private static String envKey(Map<String, String> env, NodeDefaults defaults) throws CommandError {
    if (defaults.keyFileVariable().isPresent()) {
      String variable = defaults.keyFileVariable().get();
      String file = blankToNull(env.get(variable));
      if (file != null) {
        try {
          return readKeyFile(Path.of(file));
        } catch (InvalidPathException e) {
          throw CommandError.of(ExitCodes.USAGE, "invalid $" + variable + " \"" + file + "\": expected the path of "
              + "an API key file");
        }
      }
    }
    return blankToNull(env.get(ENV_API_KEY));
  }

  private static Connection withoutProfile(String url, String key, String urlSource, NodeDefaults defaults)
      throws CommandError {
    if (url == null && defaults.node().isPresent()) {
      url = defaults.node().get();
      urlSource = "the default node URL";
    }
    if (url == null) {
      throw CommandError.of(ExitCodes.USAGE, "no node to talk to: run hashfed login --node URL --api-key-file FILE "
          + "once, or give --node URL and --api-key-file FILE (or set HASHFED_NODE and HASHFED_API_KEY)");
    }
    if (key == null && defaults.keyFile().isPresent()) {
      Path file = defaults.keyFile().get();
      if (!Files.exists(file)) {
        throw CommandError.of(ExitCodes.USAGE, "no API key: give --api-key-file FILE, set HASHFED_API_KEY, or run "
            + "hashfed login --node URL --api-key-file FILE (the default key file " + file + " does not exist)");
      }
      key = readKeyFile(file);
    }
    return Connection.create(url, key, urlSource);
  }

  /** Reads an API key file: its first line, trimmed. */
  public static String readKeyFile(Path file) throws CommandError {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8).strip();
      int nl = text.indexOf('\n');
      return nl < 0 ? text : text.substring(0, nl).strip();
    } catch (NoSuchFileException e) {
      throw CommandError.of(ExitCodes.USAGE, "API key file " + file + " does not exist (expected a file holding "
          + "one key, as printed by hashfed keys create)");
    } catch (IOException e) {
      throw CommandError.of(ExitCodes.USAGE, "cannot read API key file " + file + ": " + e.getMessage());
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
