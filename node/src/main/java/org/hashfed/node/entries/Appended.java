package org.hashfed.node.entries;

import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.MemberId;

/** An entry the ledger stored durably: its id and place in its member's feed. */
public record Appended(EntryId entryId, MemberId member, long seq) {}
