package org.hashfed.node.api;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.hashfed.node.catalog.Catalog;
import org.hashfed.node.catalog.CatalogMatch;
import org.hashfed.node.catalog.VideoThresholds;
import org.hashfed.node.config.NodeConfig;
import org.hashfed.node.entries.EntryRecord;
import org.hashfed.node.entries.Ledger;
import org.hashfed.node.trust.Judgement;
import org.hashfed.node.trust.MatchFilter;
import org.hashfed.node.trust.TrustService;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.signal.Signal;

/**
 * The platform API's operations for an {@link ApiExtension}: parse a signal, match with this
 * node's trust policy, hash an uploaded file. Each behaves as on {@code /v1/match} and
 * {@code /v1/match/file}, and fails with the same {@link Problem}s.
 */
public final class PlatformOperations {

  /** A match this node's trust policy and the request's filter admitted, with its judgement. */
  public record Admitted(CatalogMatch match, Judgement judgement) {}

  private final NodeConfig config;
  private final Supplier<Ledger> ledger;
  private final WorkerExecutor worker;
  private final Clock clock;
  private final TrustService trust;
  private final FileMatchRoutes files;
  private final HeavyRequests heavy;

  PlatformOperations(NodeConfig config, Supplier<Ledger> ledger, WorkerExecutor worker, Clock clock,
      TrustService trust, FileMatchRoutes files, HeavyRequests heavy) {
    this.config = config;
    this.ledger = ledger;
    this.worker = worker;
    this.clock = clock;
    this.trust = trust;
    this.files = files;
    this.heavy = heavy;
  }

  /** Seconds a client refused with {@code too-many-heavy-requests} (429) should wait: its Retry-After. */
  public static final String HEAVY_RETRY_AFTER_SECONDS = HeavyRequests.RETRY_AFTER_SECONDS;

  /** The catalog, or empty while the node rebuilds its indexes. */
  public Optional<Catalog> catalog() {
    Ledger l = ledger.get();
    return l == null ? Optional.empty() : Optional.of(l.catalog());
  }

  /** The node's {@code matching.default_max_distance} for PDQ. */
  public int defaultMaxDistance() {
    return config.defaultMaxDistance();
  }

  /** The node's clock. */
  public Instant now() {
    return clock.instant();
  }

  /**
   * A signal of hashfed type {@code type}; a vpdq value may be python-threatexchange's string.
   *
   * @throws Problem {@code invalid-signal}, naming {@code where}
   */
  public Signal signal(String type, String value, String where) {
    return Requests.signal(type, value, null, where);
  }

  /**
   * The trust filter of {@code /v1/match}'s query parameters ({@code min_trust}, {@code min_confidence},
   * {@code include_observed}, {@code labels}); without them, blocked and observed members are left out.
   */
  public MatchFilter filter(MultiMap params) {
    return MatchFilters.fromQuery(params);
  }

  /**
   * The admitted matches of each signal, in order, found off the event loop under the node's
   * {@code match.*} caps, lowered by {@code max_matches_per_signal} and {@code max_matches} in
   * {@code params}; each says whether a cap cut it. A heavy query ({@code match.heavy_signals}
   * signals or more, or a vpdq signal) holds one of {@code ctx}'s key's slots until its response ends.
   *
   * @throws Problem {@code not-ready} (503) while the node rebuilds its indexes, {@code invalid-max-matches}
   *     (400) for a cap that is not a positive integer, {@code too-many-heavy-requests} (429) when the
   *     key has {@code match.heavy_per_key} heavy requests in flight
   */
  public Future<List<SignalMatches<Admitted>>> match(RoutingContext ctx, List<Signal> signals, int maxDistance,
      VideoThresholds video, MatchFilter filter, MultiMap params) {
    MatchCaps caps = MatchCaps.fromQuery(config.match(), params);
    Catalog catalog = MatchRoutes.requireReady(ledger).catalog();
    heavy.admit(ctx, signals);
    Instant now = clock.instant();
    return worker.executeBlocking(() -> MatchRoutes.capped(catalog, trust, signals, maxDistance, video, filter, now,
        caps, Admitted::new), false);
  }

  /** Whether {@code filter} admits a submission of {@code member} with {@code labels} at this node's trust. */
  public boolean admits(MemberId member, List<Label> labels, MatchFilter filter) {
    return filter.admits(trust.level(member, labels), labels);
  }

  /**
   * The members with stored entries.
   *
   * @throws Problem {@code not-ready} (503) while the node rebuilds its indexes
   */
  public List<MemberId> members() {
    List<MemberId> out = new ArrayList<>();
    for (String m : MatchRoutes.requireReady(ledger).entriesByMember().keySet()) {
      out.add(MemberId.parse(m));
    }
    return out;
  }

  /**
   * The stored entries whose id starts with {@code prefix}, read off the event loop.
   *
   * @throws Problem {@code not-ready} (503) while the node rebuilds its indexes
   */
  public Future<List<EntryRecord>> entriesWithIdPrefix(byte[] prefix) {
    Ledger l = MatchRoutes.requireReady(ledger);
    byte[] p = prefix.clone();
    return worker.executeBlocking(() -> {
      List<EntryRecord> out = new ArrayList<>();
      for (EntryId id : l.idsWithPrefix(p)) {
        l.find(id).ifPresent(out::add);
      }
      return out;
    }, false);
  }

  /**
   * The signals of a file uploaded to {@code ctx}'s route through {@link Mount#upload}: md5, sha256,
   * PDQ when it is an image and, when {@code tryVideo}, vPDQ when it is a video. Decoding stops when
   * the client leaves.
   *
   * The request holds one of its key's heavy-request slots until its response ends.
   *
   * @throws Problem {@code image-limit} or {@code video-limit} (422), or {@code busy} (503), from the
   *     image and video decoders, {@code too-many-heavy-requests} (429) when the key has
   *     {@code match.heavy_per_key} heavy requests in flight
   */
  public Future<List<Signal>> hashUpload(RoutingContext ctx, Path upload, boolean tryVideo) {
    return files.hash(ctx, upload, tryVideo);
  }
}
