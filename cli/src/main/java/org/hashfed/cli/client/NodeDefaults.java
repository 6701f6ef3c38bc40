package org.hashfed.cli.client;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What a command falls back to beyond the common sources of {@link NodeOptions}: a key-file
 * variable that beats {@code HASHFED_API_KEY} (audit's {@code HASHFED_AUDIT_KEY_FILE}), and a node
 * URL and key file used only when no profile applies (the local node and its admin key).
 */
public final class NodeDefaults {

  /** The URL a node listens on by default. */
  public static final String LOCAL_NODE = "http://127.0.0.1:8700";
  /** The admin key file {@code hashfed node} writes in its default data directory. */
  public static final Path LOCAL_ADMIN_KEY = Path.of("hashfed-data", "admin.key");

  private static final NodeDefaults NONE = new NodeDefaults(null, null, null);

  private final String node;
  private final Path keyFile;
  private final String keyFileVariable;

  private NodeDefaults(String node, Path keyFile, String keyFileVariable) {
    this.node = node;
    this.keyFile = keyFile;
    this.keyFileVariable = keyFileVariable;
  }

  /** No fallback: the flags, the environment or a profile must name the node and the key. */
  public static NodeDefaults none() {
    return NONE;
  }

  /** Without a profile, the node at {@link #LOCAL_NODE} with the key in {@link #LOCAL_ADMIN_KEY}. */
  public static NodeDefaults localAdmin() {
    return new NodeDefaults(LOCAL_NODE, LOCAL_ADMIN_KEY, null);
  }

  /** Without a profile, the key in {@code file}; the node must still be named. */
  public static NodeDefaults keyFile(Path file) {
    return new NodeDefaults(null, file, null);
  }

  /** The same defaults, with the environment variable {@code name} naming a key file that wins over {@code HASHFED_API_KEY}. */
  public NodeDefaults withKeyFileVariable(String name) {
    if (name == null || !name.matches("[A-Z][A-Z0-9_]*")) {
      throw new IllegalArgumentException("invalid environment variable name \"" + name
          + "\": expected upper-case letters, digits and '_'");
    }
    return new NodeDefaults(node, keyFile, name);
  }

  Optional<String> node() {
    return Optional.ofNullable(node);
  }

  Optional<Path> keyFile() {
    return Optional.ofNullable(keyFile);
  }

  Optional<String> keyFileVariable() {
    return Optional.ofNullable(keyFileVariable);
  }
}
