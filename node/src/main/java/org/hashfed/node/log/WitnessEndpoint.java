package org.hashfed.node.log;

import java.io.IOException;

/** Where a C2SP tlog-witness takes {@code add-checkpoint} requests; blocking, call from a worker. */
interface WitnessEndpoint {

  /** The witness, for messages. */
  String describe();

  /**
   * POSTs an {@code add-checkpoint} body and returns the witness's answer whatever its status.
   *
   * @throws IOException when the witness cannot be reached or does not answer in time
   */
  AddCheckpointAnswer addCheckpoint(byte[] body) throws IOException;

  /** Releases the connections. */
  void close();
}
