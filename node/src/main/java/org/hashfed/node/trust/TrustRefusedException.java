package org.hashfed.node.trust;

/** An operator's trust change that cannot apply (the own member, nothing to restore); nothing changed. */
public final class TrustRefusedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  TrustRefusedException(String message) {
    super(message);
  }
}
