package org.hashfed.node.api;

/**
 * Routes mounted beside the platform API by a module the core does not know, such as a
 * compatibility layer for another project's clients. Found with {@link java.util.ServiceLoader},
 * so the core never names an extension.
 */
public interface ApiExtension {

  /** Adds this extension's routes through {@code mount}; called once, before the node listens. */
  void mount(Mount mount);
}
