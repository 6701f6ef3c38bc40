package org.hashfed.node.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.hashfed.node.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeysTest {

  @TempDir Path dir;

  @Test
  void create_thenReload_authenticatesWithRole() {
    String secret;
    try (Store store = Store.open(dir)) {
      NewApiKey k = ApiKeys.load(store).create(Role.SUBMIT, "ingest");
      secret = k.secret();
      assertTrue(secret.startsWith(ApiKeys.PREFIX));
    }
    try (Store store = Store.open(dir)) {
      assertEquals(Optional.of(Role.SUBMIT), ApiKeys.load(store).authenticate(secret));
    }
  }

  @Test
  void store_holdsOnlyTheHash_notTheSecret() {
    try (Store store = Store.open(dir)) {
      NewApiKey k = ApiKeys.load(store).create(Role.ADMIN, "root");
      store.metaWithPrefix("").values().forEach(v ->
          assertFalse(new String(v, StandardCharsets.UTF_8).contains(k.secret().substring(4))));
      assertFalse(k.toString().contains(k.secret()));
    }
  }

  @Test
  void authenticate_withFlippedCharacter_isEmpty() {
    try (Store store = Store.open(dir)) {
      ApiKeys keys = ApiKeys.load(store);
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
  void role_includesLowerRolesOnly() {
    assertTrue(Role.ADMIN.includes(Role.SUBMIT));
    assertTrue(Role.SUBMIT.includes(Role.QUERY));
    assertFalse(Role.QUERY.includes(Role.SUBMIT));
    assertFalse(Role.SUBMIT.includes(Role.ADMIN));
  }

  @Test
  void parseRole_unknown_throwsNamingValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Role.parse("root"));
    assertEquals("invalid role \"root\": expected query, submit, admin or audit", e.getMessage());
  }
}
