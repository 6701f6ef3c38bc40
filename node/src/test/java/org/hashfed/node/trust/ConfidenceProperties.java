package org.hashfed.node.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The confidence formula: bounded, monotone in agreement and trust, antitone in disputes and distance. */
class ConfidenceProperties {

  @Provide
  Arbitrary<TrustLevel> levels() {
    return Arbitraries.of(TrustLevel.class);
  }

  @Provide
  Arbitrary<List<TrustLevel>> opinions() {
    return Arbitraries.of(TrustLevel.class).list().ofMaxSize(40);
  }

  private static List<TrustLevel> plus(List<TrustLevel> l, TrustLevel extra) {
    List<TrustLevel> out = new ArrayList<>(l);
    out.add(extra);
    return out;
  }

  @Property(tries = 1000)
  void isWithinZeroAndOne(@ForAll("levels") TrustLevel submitter, @ForAll("opinions") List<TrustLevel> agree,
      @ForAll("opinions") List<TrustLevel> dispute, @ForAll @IntRange(min = 0, max = 63) int distance) {
    double c = Confidence.of(submitter, agree, dispute, distance);
    assertTrue(c >= 0 && c <= 1, "confidence " + c);
  }

  @Property(tries = 1000)
  void oneMoreAgreement_neverLowersIt(@ForAll("levels") TrustLevel submitter, @ForAll("opinions") List<TrustLevel> agree,
      @ForAll("opinions") List<TrustLevel> dispute, @ForAll("levels") TrustLevel extra,
      @ForAll @IntRange(min = 0, max = 63) int distance) {
    assertTrue(Confidence.of(submitter, plus(agree, extra), dispute, distance)
        >= Confidence.of(submitter, agree, dispute, distance));
  }

  @Property(tries = 1000)
  void moreTrustedAgreement_neverLowersIt(@ForAll("levels") TrustLevel submitter,
      @ForAll("opinions") @Size(min = 1) List<TrustLevel> agree, @ForAll("opinions") List<TrustLevel> dispute,
      @ForAll @IntRange(min = 0, max = 39) int which, @ForAll @IntRange(min = 0, max = 63) int distance) {
    int i = which % agree.size();
    if (agree.get(i) == TrustLevel.TRUSTED) {
      return;
    }
    List<TrustLevel> raised = new ArrayList<>(agree);
    raised.set(i, TrustLevel.values()[agree.get(i).ordinal() + 1]);
    assertTrue(Confidence.of(submitter, raised, dispute, distance) >= Confidence.of(submitter, agree, dispute, distance));
  }

  @Property(tries = 1000)
  void oneMoreDispute_neverRaisesIt(@ForAll("levels") TrustLevel submitter, @ForAll("opinions") List<TrustLevel> agree,
      @ForAll("opinions") List<TrustLevel> dispute, @ForAll("levels") TrustLevel extra,
      @ForAll @IntRange(min = 0, max = 63) int distance) {
    assertTrue(Confidence.of(submitter, agree, plus(dispute, extra), distance)
        <= Confidence.of(submitter, agree, dispute, distance));
  }

  @Property(tries = 1000)
  void moreTrustedDispute_neverRaisesIt(@ForAll("levels") TrustLevel submitter,
      @ForAll("opinions") List<TrustLevel> agree, @ForAll("opinions") @Size(min = 1) List<TrustLevel> dispute,
      @ForAll @IntRange(min = 0, max = 39) int which, @ForAll @IntRange(min = 0, max = 63) int distance) {
    int i = which % dispute.size();
    if (dispute.get(i) == TrustLevel.TRUSTED) {
      return;
    }
    List<TrustLevel> raised = new ArrayList<>(dispute);
    raised.set(i, TrustLevel.values()[dispute.get(i).ordinal() + 1]);
    assertTrue(Confidence.of(submitter, agree, raised, distance) <= Confidence.of(submitter, agree, dispute, distance));
  }

  @Property(tries = 1000)
  void moreTrustedSubmitter_neverLowersIt(@ForAll("levels") TrustLevel submitter,
      @ForAll("opinions") List<TrustLevel> agree, @ForAll("opinions") List<TrustLevel> dispute,
      @ForAll @IntRange(min = 0, max = 63) int distance) {
    if (submitter == TrustLevel.TRUSTED) {
      return;
    }
    TrustLevel higher = TrustLevel.values()[submitter.ordinal() + 1];
    assertTrue(Confidence.of(higher, agree, dispute, distance) >= Confidence.of(submitter, agree, dispute, distance));
  }

  @Property(tries = 1000)
  void largerDistance_neverRaisesIt(@ForAll("levels") TrustLevel submitter, @ForAll("opinions") List<TrustLevel> agree,
      @ForAll("opinions") List<TrustLevel> dispute, @ForAll @IntRange(min = 0, max = 62) int distance) {
    assertTrue(Confidence.of(submitter, agree, dispute, distance + 1)
        <= Confidence.of(submitter, agree, dispute, distance));
  }

  @Test
  void workedExampleOfTheSpec() {
    // spec/trust.md: acme trusted, delta (trusted) agrees, beta (trusted) and gamma (standard) dispute
    List<TrustLevel> agree = List.of(TrustLevel.TRUSTED);
    List<TrustLevel> dispute = List.of(TrustLevel.TRUSTED, TrustLevel.STANDARD);
    assertEquals(0.38, Confidence.of(TrustLevel.TRUSTED, agree, dispute, 0));
    assertEquals(0.306, Confidence.of(TrustLevel.TRUSTED, agree, dispute, 20));
    // another node: acme standard, delta trusted, beta observe, gamma blocked
    assertEquals(0.727, Confidence.of(TrustLevel.STANDARD, agree, List.of(TrustLevel.OBSERVE, TrustLevel.BLOCKED), 0));
    assertEquals(0.9, Confidence.of(TrustLevel.TRUSTED, List.of(), List.of(), 0));
    assertEquals(0.63, Confidence.of(TrustLevel.TRUSTED, List.of(), List.of(), 31));
  }
}
