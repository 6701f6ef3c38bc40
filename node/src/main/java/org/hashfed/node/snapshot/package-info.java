/**
 * The byte-level form of the start-up snapshot (spec/store.md section 3.2): {@link
 * org.hashfed.node.snapshot.SnapshotOutput} writes a checksummed file through a temporary file and
 * an atomic rename, {@link org.hashfed.node.snapshot.SnapshotInput} reads one back, checking every
 * length against what is left of the file before it allocates. The catalog and the PDQ index
 * write and read their own sections with them.
 */
package org.hashfed.node.snapshot;
