package org.hashfed.node.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.hashfed.node.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeysTest {

  @TempDir Path dir;

  /** Where the keys' clock stands; tests move it to see expiry without waiting. */
  private Instant now = Instant.parse("2029-01-01T00:00:00Z");
  private final Clock clock = new Clock() {
    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  };

  @Test
  void create_thenReload_authenticatesWithRole() {
    String secret;
    try (Store store = Store.open(dir)) {
      NewApiKey k = ApiKeys.load(store, clock).create(Role.SUBMIT, "ingest");
      secret = k.secret();
      assertTrue(secret.startsWith(ApiKeys.PREFIX));
    }
    try (Store store = Store.open(dir)) {
      assertEquals(Optional.of(Role.SUBMIT), ApiKeys.load(store, clock).authenticate(secret));
    }
  }

  @Test
  void store_holdsOnlyTheHash_notTheSecret() {
    try (Store store = Store.open(dir)) {
      NewApiKey k = ApiKeys.load(store, clock).create(Role.ADMIN, "root");
      store.metaWithPrefix("").values().forEach(v ->
          assertFalse(new String(v, StandardCharsets.UTF_8).contains(k.secret().substring(4))));
      assertFalse(k.toString().contains(k.secret()));
    }
  }

  @Test
  void authenticate_withFlippedCharacter_isEmpty() {
    try (Store store = Store.open(dir)) {
      ApiKeys keys = ApiKeys.load(store, clock);
      String secret = keys.create(Role.QUERY, null).secret();
      char last = secret.charAt(secret.length() - 1);
      String wrong = secret.substring(0, secret.length() - 1) + (last == 'A' ? 'B' : 'A');
      assertEquals(Optional.empty(), keys.authenticate(wrong));
      assertEquals(Optional.empty(), keys.authenticate(null));
      assertEquals(Optional.empty(), keys.authenticate(""));
      assertEquals(Optional.empty(), keys.authenticate("hfk_" + "x".repeat(1000)));
    }
  }

  @Test
  void expiringKey_isValidBefore_andExpiredFrom_itsExpiry_acrossReload() {
    Instant expiry = Instant.parse("2030-01-01T00:00:00Z");
    String secret;
    try (Store store = Store.open(dir)) {
      secret = ApiKeys.load(store, clock).create(Role.QUERY, "temp", Optional.of(expiry)).secret();
    }
    try (Store store = Store.open(dir)) {
      ApiKeys keys = ApiKeys.load(store, clock);
      assertTrue(keys.check(secret, expiry.minusSeconds(1)) instanceof Authentication.Valid);
      Authentication late = keys.check(secret, expiry);
      assertEquals(expiry, ((Authentication.Expired) late).expiredAt());
      assertEquals(Optional.of(expiry), keys.list().get(0).expiresAt());
    }
  }

  @Test
  void list_showsIdsRolesLabelsAndLastUse_neverSecrets() {
    try (Store store = Store.open(dir)) {
      ApiKeys keys = ApiKeys.load(store, clock);
      NewApiKey a = keys.create(Role.ADMIN, "root");
      NewApiKey q = keys.create(Role.QUERY, null);
      Instant now = Instant.parse("2029-05-05T10:00:00Z");
      keys.check(q.secret(), now);
      List<ApiKeyInfo> list = keys.list();
      assertEquals(2, list.size());
      ApiKeyInfo qi = list.stream().filter(k -> k.id().equals(q.id())).findFirst().orElseThrow();
      assertEquals(Role.QUERY, qi.role());
      assertEquals("", qi.label());
      assertEquals(Optional.of(now), qi.lastUsedAt());
      assertTrue(list.stream().anyMatch(k -> k.id().equals(a.id()) && k.label().equals("root")));
      assertFalse(list.toString().contains(q.secret().substring(4)));
    }
  }

  @Test
  void revoke_takesEffectAtOnce_andSurvivesReload() {
    String secret;
    try (Store store = Store.open(dir)) {
      ApiKeys keys = ApiKeys.load(store, clock);
      keys.create(Role.ADMIN, "root");
      NewApiKey k = keys.create(Role.SUBMIT, "ingest");
      secret = k.secret();
      assertTrue(keys.revoke(k.id(), Instant.now()));
      assertTrue(keys.check(secret, Instant.now()) instanceof Authentication.Unknown);
      assertFalse(keys.revoke(k.id(), Instant.now()));
    }
    try (Store store = Store.open(dir)) {
      ApiKeys keys = ApiKeys.load(store, clock);
      assertEquals(Optional.empty(), keys.authenticate(secret));
      assertEquals(1, keys.size());
    }
  }

  @Test
  void revoke_lastLiveAdminKey_isRefused() {
    try (Store store = Store.open(dir)) {
      ApiKeys keys = ApiKeys.load(store, clock);
      NewApiKey admin = keys.create(Role.ADMIN, "root");
      keys.create(Role.ADMIN, "old", Optional.of(Instant.parse("2020-01-01T00:00:00Z")));
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> keys.revoke(admin.id(), Instant.now()));
      assertTrue(e.getMessage().contains(admin.id()), e.getMessage());
      NewApiKey second = keys.create(Role.ADMIN, "second");
      assertTrue(keys.revoke(admin.id(), Instant.now()));
      assertEquals(Optional.of(Role.ADMIN), keys.authenticate(second.secret()));
    }
  }

  @Test
  void role_includesLowerRolesOnly() {
    assertTrue(Role.ADMIN.includes(Role.SUBMIT));
    assertTrue(Role.SUBMIT.includes(Role.QUERY));
    assertFalse(Role.QUERY.includes(Role.SUBMIT));
    assertFalse(Role.SUBMIT.includes(Role.ADMIN));
  }

  @Test
  void parseRole_unknown_throwsNamingValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Role.parse("root"));
    assertEquals("invalid role \"root\": expected query, submit, admin, audit or watch", e.getMessage());
  }

  @Test
  void authenticate_decidesExpiryByTheInjectedClock_andCreatedAtComesFromIt() {
    try (Store store = Store.open(dir)) {
      ApiKeys keys = ApiKeys.load(store, clock);
      Instant expiry = now.plusSeconds(60);
      String secret = keys.create(Role.QUERY, "temp", Optional.of(expiry)).secret();
      assertEquals(now, keys.list().get(0).createdAt());
      assertEquals(Optional.of(Role.QUERY), keys.authenticate(secret));
      now = expiry;
      assertEquals(Optional.empty(), keys.authenticate(secret));
    }
  }
}
