package org.hashfed.node.log;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.hashfed.node.peer.PeerClient;
import org.hashfed.protocol.entry.MemberId;

/**
 * The witness of a roster member, on its peer port ({@link LogPeerRoutes#WITNESS_PREFIX}), reached
 * with the node's peer client for that member (mutual TLS pinned by the roster), within the
 * client's deadline.
 */
final class PeerWitnessEndpoint implements WitnessEndpoint {

  private final MemberId member;
  private final Function<MemberId, Optional<PeerClient>> clients;

  PeerWitnessEndpoint(MemberId member, Function<MemberId, Optional<PeerClient>> clients) {
    this.member = member;
    this.clients = clients;
  }

  @Override
  public String describe() {
    return "peer " + member;
  }

  @Override
  public Future<AddCheckpointAnswer> addCheckpoint(byte[] body) {
    Optional<PeerClient> client = clients.apply(member);
    if (client.isEmpty()) {
      return Future.failedFuture(new IOException("peer " + member
          + " is not callable now (not an active member with a peer URL)"));
    }
    Future<AddCheckpointAnswer> answer;
    try {
      answer = client.get().answer(HttpMethod.POST, LogPeerRoutes.ADD_CHECKPOINT, Buffer.buffer(body),
          Map.of("Content-Type", "text/plain; charset=utf-8"))
          .map(a -> new AddCheckpointAnswer(a.status(), a.contentType() == null ? "" : a.contentType(),
              a.body().toString(StandardCharsets.UTF_8)));
    } catch (RuntimeException e) {
      // A client closed by a roster change or shutdown throws instead of failing the future.
      answer = Future.failedFuture(e);
    }
    return answer.recover(e -> Future.failedFuture(new IOException(describe() + ": " + e.getMessage(), e)));
  }

  @Override
  public void close() {
    // the peer clients belong to the sync engine, which closes them
  }
}
