package org.hashfed.node.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.hashfed.node.catalog.CatalogMatch;
import org.hashfed.node.catalog.Listing;
import org.hashfed.node.catalog.VideoMatch;
import org.hashfed.node.trust.Judgement;
import org.hashfed.node.trust.TrustLevel;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.pdq.PdqHash;
import org.hashfed.protocol.pdq.PdqResult;
import org.hashfed.protocol.signal.Signal;
import org.hashfed.protocol.signal.SignalType;
import org.hashfed.protocol.vpdq.VideoHashes;
import org.hashfed.protocol.vpdq.VpdqContent;
import org.hashfed.protocol.vpdq.VpdqFrame;
import org.junit.jupiter.api.Test;

/** The streamed match response is the document the tree of {@link Views#match} gives, field for field and in order. */
class MatchJsonTest {

  private static final Instant T0 = Instant.parse("2026-11-28T13:45:00Z");

  @Test
  void response_equalsTheTreeEncoding_forEveryKindOfMatch() {
    SplittableRandom random = new SplittableRandom(15);
    List<SignalMatches<MatchJson.Scored>> streamed = new ArrayList<>();
    List<SignalMatches<JsonObject>> tree = new ArrayList<>();
    for (int q = 0; q < 40; q++) {
      Signal query = q % 5 == 4 ? Signal.vpdq(video(random, q % 2 == 0)) : pdq(random, q % 3 == 0 ? 80 : null);
      List<MatchJson.Scored> found = new ArrayList<>();
      for (int m = 0; m < q % 4; m++) {
        found.add(scored(random, q, m));
      }
      boolean cut = q % 7 == 3;
      streamed.add(new SignalMatches<>(query, found, cut));
      tree.add(new SignalMatches<>(query, found.stream().map(s -> Views.match(s.match(), s.judgement())).toList(),
          cut));
    }
    String expected = MatchRoutes.response(tree).encode();
    assertEquals(expected, MatchJson.response(streamed).toString());
  }

  @Test
  void response_withoutSignals_isAnEmptyResultList() {
    assertEquals(MatchRoutes.response(List.of()).encode(), MatchJson.response(List.of()).toString());
  }

  private static MatchJson.Scored scored(SplittableRandom random, int q, int m) {
    boolean video = (q + m) % 5 == 0;
    Signal signal = video ? Signal.vpdq(video(random, m % 2 == 0))
        : m % 3 == 2 ? Signal.create(SignalType.MD5, hex(random, 32), null) : pdq(random, 50 + random.nextInt(51));
    List<Label> labels = m % 2 == 0 ? List.of(Label.parse("behavior:glorification"))
        : List.of(Label.parse("behavior:glorification"), Label.parse("ideology:accelerationism"));
    Listing listing = Listing.create(EntryId.parse(hex(random, 64)), MemberId.parse(m % 2 == 0 ? "alpha" : "beta"),
        signal, labels, q % 3 == 0 ? Optional.of("incident-" + q + " \"quoted\" é") : Optional.empty(),
        T0.plusSeconds(random.nextInt(1_000_000)),
        m % 2 == 1 ? Optional.of(T0.plusSeconds(2_000_000 + random.nextInt(1000))) : Optional.empty());
    Optional<VideoMatch> how = video ? Optional.of(new VideoMatch(83.33, 100.0, 12, "content",
        List.of(new VideoMatch.TimeRange(0, 12_500)), List.of(new VideoMatch.TimeRange(1000, 13_250))))
        : Optional.empty();
    Judgement j = new Judgement(TrustLevel.values()[random.nextInt(3)], random.nextDouble(), random.nextInt(4),
        random.nextInt(3));
    return new MatchJson.Scored(new CatalogMatch(listing, random.nextInt(32), how), j);
  }

  private static Signal pdq(SplittableRandom random, Integer quality) {
    return Signal.create(SignalType.PDQ, hex(random, 64), quality);
  }

  private static VideoHashes video(SplittableRandom random, boolean withContent) {
    List<VpdqFrame> frames = new ArrayList<>();
    List<PdqResult> inner = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      PdqHash h = PdqHash.ofWords(random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong());
      frames.add(VpdqFrame.of(i * 30, i * 1000L, h, 90));
      inner.add(PdqResult.of(h, 90));
    }
    return withContent ? VideoHashes.of(frames, Optional.of(VpdqContent.of(0, 60, 640, 360, inner)))
        : VideoHashes.of(frames);
  }

  private static String hex(SplittableRandom random, int digits) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < digits; i++) {
      sb.append(Character.forDigit(random.nextInt(16), 16));
    }
    return sb.toString();
  }
}
