package org.hashfed.protocol.entry;

/** The kind-specific part of an entry. */
public sealed interface EntryBody permits Submit, Retract, Opinion, Relabel {

  /** The kind this body makes an entry. */
  EntryKind kind();
}
