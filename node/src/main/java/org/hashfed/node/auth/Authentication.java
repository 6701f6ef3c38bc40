package org.hashfed.node.auth;

import java.time.Instant;

/** The outcome of checking a presented API key. */
public sealed interface Authentication {

  /** The key is known and current. */
  record Valid(String id, Role role) implements Authentication {}

  /** The key is known but its expiry has passed. */
  record Expired(String id, Instant expiredAt) implements Authentication {}

  /** The key is not a key of this node (never was, or was revoked). */
  record Unknown() implements Authentication {}
}
