package org.hashfed.node.config;

/** A configuration option, file or environment variable is invalid; the message names which and why. */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An invalid configuration, described by {@code message}. */
  public ConfigException(String message) {
    super(message);
  }

  /** An invalid configuration caused by {@code cause}, for example a file that cannot be read. */
  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
