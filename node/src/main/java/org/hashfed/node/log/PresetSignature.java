package org.hashfed.node.log;

import org.hashfed.protocol.log.NoteSignature;
import org.hashfed.protocol.log.NoteSigner;

/** A signature someone else made and this node verified, re-attached to the same note text. */
final class PresetSignature implements NoteSigner {

  private final NoteSignature signature;

  PresetSignature(NoteSignature signature) {
    this.signature = signature;
  }

  @Override
  public String name() {
    return signature.name();
  }

  @Override
  public int keyId() {
    return signature.keyId();
  }

  @Override
  public byte[] sign(byte[] text) {
    return signature.signature();
  }
}
