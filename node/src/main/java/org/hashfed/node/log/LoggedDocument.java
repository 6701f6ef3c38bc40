package org.hashfed.node.log;

/** A leaf of the log: its index and its data, the DSSE envelope bytes. */
public record LoggedDocument(long index, byte[] envelope) {}
