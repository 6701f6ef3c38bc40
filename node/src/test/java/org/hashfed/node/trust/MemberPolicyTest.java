package org.hashfed.node.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hashfed.protocol.entry.Label;
import org.junit.jupiter.api.Test;

class MemberPolicyTest {

  private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

  private static List<Label> labels(String... l) {
    return java.util.Arrays.stream(l).map(Label::parse).toList();
  }

  private static MemberPolicy acme() {
    return MemberPolicy.unconfigured().withLevel(TrustLevel.TRUSTED, Map.of(
        LabelPattern.parse("behavior:*"), TrustLevel.STANDARD,
        LabelPattern.parse("behavior:glorification"), TrustLevel.TRUSTED,
        LabelPattern.parse("ideology:*"), TrustLevel.OBSERVE), NOW, 0);
  }

  @Test
  void levelFor_usesMostSpecificOverridePerLabel_andLowestOverLabels() {
    MemberPolicy p = acme();
    assertEquals(TrustLevel.TRUSTED, p.levelFor(labels("group:example"), TrustLevel.STANDARD));
    assertEquals(TrustLevel.STANDARD, p.levelFor(labels("behavior:recruitment"), TrustLevel.STANDARD));
    assertEquals(TrustLevel.TRUSTED, p.levelFor(labels("behavior:glorification"), TrustLevel.STANDARD));
    assertEquals(TrustLevel.OBSERVE, p.levelFor(labels("behavior:glorification", "ideology:x"), TrustLevel.STANDARD));
  }

  @Test
  void unconfigured_followsTheDefault() {
    assertEquals(TrustLevel.OBSERVE, MemberPolicy.unconfigured().levelFor(labels("a:b"), TrustLevel.OBSERVE));
    assertEquals(TrustLevel.STANDARD, MemberPolicy.unconfigured().memberLevel(TrustLevel.STANDARD));
  }

  @Test
  void demotion_lowersEveryLevelOneStep_neverBelowObserve() {
    MemberPolicy once = acme().demotedOnce(NOW, 0);
    assertEquals(TrustLevel.STANDARD, once.memberLevel(TrustLevel.STANDARD));
    assertEquals(TrustLevel.OBSERVE, once.levelFor(labels("behavior:recruitment"), TrustLevel.STANDARD));
    assertEquals(TrustLevel.OBSERVE, once.levelFor(labels("ideology:x"), TrustLevel.STANDARD));
    MemberPolicy twice = once.demotedOnce(NOW, 0);
    assertEquals(TrustLevel.OBSERVE, twice.memberLevel(TrustLevel.STANDARD));
    assertFalse(twice.canBeDemoted(TrustLevel.STANDARD));
    assertEquals(TrustLevel.BLOCKED, TrustLevel.BLOCKED.demoted(2));
    assertEquals(TrustLevel.TRUSTED, twice.restored(NOW, 0).memberLevel(TrustLevel.STANDARD));
  }

  @Test
  void operatorSet_clearsDemotions_keepsPin() {
    MemberPolicy p = acme().withPinned(true).demotedOnce(NOW, 0).withLevel(TrustLevel.STANDARD, Map.of(), NOW, 0);
    assertEquals(0, p.demotions());
    assertTrue(p.pinned());
    assertEquals(Optional.of(TrustLevel.STANDARD), p.configured());
  }

  @Test
  void labelPattern_parsesNamespaceAndLabel_refusesOthers() {
    assertTrue(LabelPattern.parse("ideology:*").matches(Label.parse("ideology:x")));
    assertFalse(LabelPattern.parse("ideology:*").matches(Label.parse("ideologyx:x")));
    assertTrue(LabelPattern.parse("behavior:glorification").matches(Label.parse("behavior:glorification")));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LabelPattern.parse("*:x"));
    assertTrue(e.getMessage().contains("\"*:x\""), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> LabelPattern.parse("ideology"));
  }

  @Test
  void trustLevel_parse_namesExpectedValues() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrustLevel.parse("high"));
    assertEquals("invalid trust level \"high\": expected trusted, standard, observe or blocked", e.getMessage());
  }
}
