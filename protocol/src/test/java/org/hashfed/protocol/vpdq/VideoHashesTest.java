package org.hashfed.protocol.vpdq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.hashfed.protocol.crypto.Ed25519PrivateKey;
import org.hashfed.protocol.dsse.Envelope;
import org.hashfed.protocol.entry.Entry;
import org.hashfed.protocol.entry.EntryFormatException;
import org.hashfed.protocol.entry.EntrySigner;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.entry.SignedEntry;
import org.hashfed.protocol.entry.Submit;
import org.hashfed.protocol.feed.FeedState;
import org.hashfed.protocol.pdq.PdqHash;
import org.hashfed.protocol.pdq.PdqResult;
import org.hashfed.protocol.signal.InvalidSignalException;
import org.hashfed.protocol.signal.Signal;
import org.junit.jupiter.api.Test;

class VideoHashesTest {

  private static final MemberId ACME = MemberId.parse("acme");

  static PdqHash randomHash(Random r) {
    return PdqHash.ofWords(r.nextLong(), r.nextLong(), r.nextLong(), r.nextLong());
  }

  /** {@code n} frames at 30 frames per second hashed once a second. */
  static List<VpdqFrame> frames(int n, long seed) {
    Random r = new Random(seed);
    List<VpdqFrame> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(VpdqFrame.of(i * 30, i * 1000L, randomHash(r), 50 + r.nextInt(51)));
    }
    return out;
  }

  static VpdqContent content(int n, long seed) {
    Random r = new Random(seed);
    List<PdqResult> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(PdqResult.of(randomHash(r), r.nextInt(101)));
    }
    return VpdqContent.of(0, 60, 640, 360, out);
  }

  static VpdqCentre centre(int n, long seed) {
    Random r = new Random(seed);
    List<PdqResult> narrow = new ArrayList<>(n);
    List<PdqResult> wide = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      narrow.add(PdqResult.of(randomHash(r), r.nextInt(101)));
      wide.add(PdqResult.of(randomHash(r), r.nextInt(101)));
    }
    return VpdqCentre.of(narrow, wide);
  }

  @Test
  void binaryForm_withCentre_isVersion2_andRoundTrips() {
    VideoHashes full = VideoHashes.of(frames(5, 1), Optional.of(content(5, 2)), Optional.of(centre(5, 3)));
    byte[] bytes = full.encoded();
    assertEquals(2, bytes[0]);
    assertEquals(1 + 4 + 5 * 41 + 1 + 16 + 5 * 33 + 2 * 5 * 33, bytes.length);
    VideoHashes back = VideoHashes.fromBase64(full.base64());
    assertEquals(full.centre(), back.centre());
    assertEquals(full.content(), back.content());
    assertEquals(full.digest(), back.digest());
    VideoHashes unboxed = VideoHashes.of(frames(5, 1), Optional.empty(), Optional.of(centre(5, 3)));
    assertEquals(unboxed.centre(), VideoHashes.decode(unboxed.encoded()).centre());
    assertEquals(1 + 4 + 5 * 41 + 1 + 2 * 5 * 33, unboxed.encoded().length);
  }

  @Test
  void withoutCentre_isTheVersion1FormOfTheSameFrames() {
    VideoHashes full = VideoHashes.of(frames(4, 1), Optional.of(content(4, 2)), Optional.of(centre(4, 3)));
    VideoHashes v1 = full.withoutCentre();
    assertEquals(1, v1.encoded()[0]);
    assertEquals(VideoHashes.of(frames(4, 1), Optional.of(content(4, 2))), v1);
    assertTrue(v1.centre().isEmpty());
    assertFalse(v1.digest().equals(full.digest()), "centre hashes are part of the identity");
  }

  @Test
  void of_withCentreOfOtherLength_throws() {
    InvalidSignalException e = assertThrows(InvalidSignalException.class,
        () -> VideoHashes.of(frames(3, 1), Optional.empty(), Optional.of(centre(2, 1))));
    assertEquals("invalid vpdq signal: 2 centre hashes for 3 frames (expected one per frame)", e.getMessage());
  }

  @Test
  void decode_version2WithoutItsCentreSection_orWithABadCentreQuality_throws() {
    byte[] v1 = VideoHashes.of(frames(2, 1)).encoded();
    byte[] claimsCentre = v1.clone();
    claimsCentre[0] = 2;
    assertTrue(assertThrows(InvalidSignalException.class, () -> VideoHashes.decode(claimsCentre)).getMessage()
        .startsWith("invalid vpdq hashes: truncated"));
    byte[] v2 = VideoHashes.of(frames(2, 1), Optional.empty(), Optional.of(centre(2, 1))).encoded();
    byte[] quality = v2.clone();
    quality[1 + 4 + 2 * 41 + 1 + 33] = (byte) 200;
    assertEquals("invalid vpdq hashes: centre 60% frame 1 has quality 200 (expected 0..100)",
        assertThrows(InvalidSignalException.class, () -> VideoHashes.decode(quality)).getMessage());
  }

  @Test
  void binaryForm_roundTrips_withAndWithoutContent() {
    VideoHashes plain = VideoHashes.of(frames(5, 1));
    VideoHashes boxed = VideoHashes.of(frames(5, 1), Optional.of(content(5, 2)));
    assertEquals(plain.frames(), VideoHashes.decode(plain.encoded()).frames());
    assertEquals(boxed.content(), VideoHashes.fromBase64(boxed.base64()).content());
    assertEquals(boxed.digest(), VideoHashes.fromBase64(boxed.base64()).digest());
    assertFalse(plain.digest().equals(boxed.digest()), "content hashes are part of the identity");
    assertEquals(1 + 4 + 5 * 41 + 1, plain.encoded().length);
  }

  @Test
  void of_withFrameNumbersOutOfOrder_throwsNamingTheFrames() {
    List<VpdqFrame> f = new ArrayList<>(frames(3, 1));
    f.set(2, VpdqFrame.of(30, 3000, f.get(2).hash(), 80));
    InvalidSignalException e = assertThrows(InvalidSignalException.class, () -> VideoHashes.of(f));
    assertTrue(e.getMessage().contains("frame 2 (number 30 at 3000 ms) does not follow frame 1"), e.getMessage());
  }

  @Test
  void of_withNoFramesOrTooMany_throws() {
    assertEquals("invalid vpdq signal: 0 frames (expected 1 to 3600; hash longer videos with more seconds per hash)",
        assertThrows(InvalidSignalException.class, () -> VideoHashes.of(List.of())).getMessage());
    assertThrows(InvalidSignalException.class, () -> VideoHashes.of(frames(VideoHashes.MAX_FRAMES + 1, 1)));
  }

  @Test
  void of_withContentOfOtherLength_throws() {
    InvalidSignalException e = assertThrows(InvalidSignalException.class,
        () -> VideoHashes.of(frames(3, 1), Optional.of(content(2, 1))));
    assertEquals("invalid vpdq signal: 2 content hashes for 3 frames (expected one per frame)", e.getMessage());
  }

  @Test
  void decode_refusesEveryNonCanonicalForm() {
    byte[] good = VideoHashes.of(frames(2, 1), Optional.of(content(2, 1))).encoded();
    byte[] version = good.clone();
    version[0] = 3;
    assertEquals("invalid vpdq hashes: form version 3 (expected 1 or 2)",
        assertThrows(InvalidSignalException.class, () -> VideoHashes.decode(version)).getMessage());
    byte[] trailing = Arrays.copyOf(good, good.length + 1);
    assertEquals("invalid vpdq hashes: 1 bytes after the end",
        assertThrows(InvalidSignalException.class, () -> VideoHashes.decode(trailing)).getMessage());
    byte[] truncated = Arrays.copyOf(good, good.length - 1);
    assertTrue(assertThrows(InvalidSignalException.class, () -> VideoHashes.decode(truncated)).getMessage()
        .startsWith("invalid vpdq hashes: truncated"));
    byte[] hugeCount = good.clone();
    hugeCount[1] = (byte) 0x7f;
    assertTrue(assertThrows(InvalidSignalException.class, () -> VideoHashes.decode(hugeCount)).getMessage()
        .contains("frames (expected 1 to 3600)"));
    byte[] quality = good.clone();
    quality[1 + 4 + 8] = (byte) 101;
    assertTrue(assertThrows(InvalidSignalException.class, () -> VideoHashes.decode(quality)).getMessage()
        .contains("quality 101"));
    byte[] flag = good.clone();
    flag[1 + 4 + 2 * 41] = 7;
    assertEquals("invalid vpdq hashes: content flag 7 (expected 0 or 1)",
        assertThrows(InvalidSignalException.class, () -> VideoHashes.decode(flag)).getMessage());
  }

  @Test
  void fromBase64_refusesUnpaddedAndUrlSafeText() {
    String b64 = VideoHashes.of(frames(1, 1)).base64();
    assertTrue(b64.endsWith("="), b64);
    assertThrows(InvalidSignalException.class, () -> VideoHashes.fromBase64(b64.replace("=", "")));
    assertThrows(InvalidSignalException.class, () -> VideoHashes.fromBase64("!" + b64.substring(1)));
  }

  @Test
  void signal_valueIsTheDigest_andCreateRefusesAValueAlone() {
    VideoHashes v = VideoHashes.of(frames(3, 1));
    Signal s = Signal.vpdq(v);
    assertEquals(v.digest(), s.value());
    assertEquals("vpdq:" + v.digest(), s.toString());
    assertThrows(InvalidSignalException.class, () -> Signal.parse("vpdq", v.digest()));
  }

  @Test
  void entry_withAnHourOfLetterboxedFramesAndEverySet_fitsOneEnvelope() throws Exception {
    int n = VideoHashes.MAX_FRAMES;
    VideoHashes v = VideoHashes.of(frames(n, 3), Optional.of(content(n, 4)), Optional.of(centre(n, 5)));
    SignedEntry e = signer().sign(FeedState.empty(ACME).next(Instant.parse("2026-12-03T10:00:00Z"),
        Submit.of(Signal.vpdq(v), List.of(Label.parse("content:attack-livestream")))));
    byte[] json = e.envelope().toJson();
    assertTrue(json.length <= Envelope.MAX_ENVELOPE_BYTES, json.length + " bytes");
    SignedEntry back = SignedEntry.verify(json, key().publicKey());
    assertEquals(v, ((Submit) back.entry().body()).signal().video().orElseThrow());
  }

  @Test
  void entryParse_withValueThatIsNotTheDigest_throws() {
    VideoHashes v = VideoHashes.of(frames(2, 1));
    String payload = "{\"kind\":\"submit\",\"member\":\"acme\",\"seq\":1,\"prev\":null,\"time\":\"2026-12-03T10:00:00Z\","
        + "\"signal\":{\"type\":\"vpdq\",\"value\":\"" + "0".repeat(64) + "\",\"hashes\":\"" + v.base64() + "\"},"
        + "\"labels\":[\"content:attack-livestream\"]}";
    EntryFormatException e = assertThrows(EntryFormatException.class,
        () -> Entry.parse(payload.getBytes(StandardCharsets.UTF_8)));
    assertTrue(e.getMessage().contains("is not the SHA-256 of its hashes (" + v.digest() + ")"), e.getMessage());
  }

  @Test
  void entryParse_withHashesOnAPdqSignal_throws() {
    String payload = "{\"kind\":\"submit\",\"member\":\"acme\",\"seq\":1,\"prev\":null,\"time\":\"2026-12-03T10:00:00Z\","
        + "\"signal\":{\"type\":\"pdq\",\"value\":\"" + "0".repeat(64) + "\",\"quality\":90,\"hashes\":\""
        + Base64.getEncoder().encodeToString(new byte[3]) + "\"},\"labels\":[\"content:attack-livestream\"]}";
    EntryFormatException e = assertThrows(EntryFormatException.class,
        () -> Entry.parse(payload.getBytes(StandardCharsets.UTF_8)));
    assertTrue(e.getMessage().contains("only vpdq signals carry hashes"), e.getMessage());
  }

  private static Ed25519PrivateKey key() {
    byte[] seed = new byte[32];
    Arrays.fill(seed, (byte) 7);
    return Ed25519PrivateKey.fromSeed(seed);
  }

  private static EntrySigner signer() {
    return EntrySigner.create(ACME, key());
  }
}
