package org.hashfed.protocol.audit;

import java.io.IOException;
import java.util.List;
import org.hashfed.protocol.dsse.Envelope;

/** Where an auditor reads a log from: a node over HTTP or a bundle file. Nothing it returns is trusted. */
public interface LogSource {

  /**
   * The latest checkpoint as a signed note, with cosignatures.
   *
   * @throws IOException when it cannot be read
   */
  String checkpoint() throws IOException;

  /**
   * The data of leaves {@code [start, end)} in log order; a source may return fewer than asked,
   * never more.
   *
   * @throws IOException when they cannot be read
   */
  List<byte[]> leaves(long start, long end) throws IOException;

  /**
   * The roster versions as envelopes, version 1 first.
   *
   * @throws IOException when they cannot be read
   */
  List<Envelope> rosterHistory() throws IOException;
}
