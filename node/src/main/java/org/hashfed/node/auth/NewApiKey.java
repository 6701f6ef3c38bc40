package org.hashfed.node.auth;

/** A freshly created API key: the only time its secret exists outside the caller's hands. */
public final class NewApiKey {

  private final String id;
  private final String secret;
  private final Role role;

  NewApiKey(String id, String secret, Role role) {
    this.id = id;
    this.secret = secret;
    this.role = role;
  }

  /** A short public identifier of the key (a prefix of its hash), safe to log and list. */
  public String id() {
    return id;
  }

  /** The secret to put in {@code Authorization: Bearer}; shown once, never stored by the node. */
  public String secret() {
    return secret;
  }

  /** The role of the key. */
  public Role role() {
    return role;
  }

  @Override
  public String toString() {
    return "NewApiKey{id=" + id + ", role=" + role.wireName() + "}";
  }
}
