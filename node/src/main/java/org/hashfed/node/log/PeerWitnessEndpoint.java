package org.hashfed.node.log;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.hashfed.node.peer.PeerAnswer;
import org.hashfed.node.peer.PeerClient;
import org.hashfed.protocol.entry.MemberId;

/**
 * The witness of a roster member, on its peer port ({@link LogPeerRoutes#WITNESS_PREFIX}), reached
 * with the node's peer client for that member (mutual TLS pinned by the roster).
 */
final class PeerWitnessEndpoint implements WitnessEndpoint {

  /** Bounds the wait beyond the client's own deadline, in case a future is never completed. */
  private static final long WAIT_MILLIS = 60_000;

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
  public AddCheckpointAnswer addCheckpoint(byte[] body) throws IOException {
    PeerClient client = clients.apply(member)
        .orElseThrow(() -> new IOException("peer " + member + " is not callable now (not an active member with a peer URL)"));
    PeerAnswer answer;
    try {
      answer = client.answer(HttpMethod.POST, LogPeerRoutes.ADD_CHECKPOINT, Buffer.buffer(body),
          Map.of("Content-Type", "text/plain; charset=utf-8"))
          .toCompletionStage().toCompletableFuture().get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) {
      // A client closed by a roster change or shutdown throws instead of failing the future.
      throw new IOException(describe() + ": " + e.getMessage(), e);
    } catch (ExecutionException e) {
      throw new IOException(describe() + ": " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IOException(describe() + " did not answer within " + WAIT_MILLIS / 1000 + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while calling " + describe(), e);
    }
    return new AddCheckpointAnswer(answer.status(), answer.contentType() == null ? "" : answer.contentType(),
        answer.body().toString(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    // the peer clients belong to the sync engine, which closes them
  }
}
