package org.hashfed.protocol.log;

/** Signs note text for one key: a log key (signature type 0x01) or a witness key (type 0x04). */
public interface NoteSigner {

  /** The key name written in the signature line. */
  String name();

  /** The 32-bit key ID written before the signature bytes. */
  int keyId();

  /** The signature bytes (without the key ID) over the note text. */
  byte[] sign(byte[] text);
}
