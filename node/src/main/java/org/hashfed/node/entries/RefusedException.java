package org.hashfed.node.entries;

/** The ledger refused a request; nothing was written. The message names the entry and the reason. */
public final class RefusedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final Refusal refusal;

  /** A refusal for {@code refusal}, described by {@code message}. */
  public RefusedException(Refusal refusal, String message) {
    super(message, null, false, false);
    this.refusal = refusal;
  }

  /** Why. */
  public Refusal refusal() {
    return refusal;
  }
}
