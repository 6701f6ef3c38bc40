package org.hashfed.node.log;

import io.vertx.core.Future;

/** Where a C2SP tlog-witness takes {@code add-checkpoint} requests. */
interface WitnessEndpoint {

  /** The witness, for messages. */
  String describe();

  /**
   * POSTs an {@code add-checkpoint} body; completes with the witness's answer whatever its status,
   * fails when the witness cannot be reached or does not answer in time.
   */
  Future<AddCheckpointAnswer> addCheckpoint(byte[] body);

  /** Releases the connections. */
  void close();
}
