package org.hashfed.node.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RoleTest {

  @Test
  void audit_readsTheLogOnly_andOnlyAdminIncludesIt() {
    assertTrue(Role.AUDIT.includes(Role.AUDIT));
    assertTrue(Role.ADMIN.includes(Role.AUDIT));
    assertFalse(Role.AUDIT.includes(Role.QUERY));
    assertFalse(Role.AUDIT.includes(Role.SUBMIT));
    assertFalse(Role.AUDIT.includes(Role.ADMIN));
    assertFalse(Role.QUERY.includes(Role.AUDIT));
    assertFalse(Role.SUBMIT.includes(Role.AUDIT));
  }

  @Test
  void watch_recordsUploadsOnly_andQuerySubmitAndAdminIncludeIt() {
    assertTrue(Role.WATCH.includes(Role.WATCH));
    assertTrue(Role.QUERY.includes(Role.WATCH));
    assertTrue(Role.SUBMIT.includes(Role.WATCH));
    assertTrue(Role.ADMIN.includes(Role.WATCH));
    assertFalse(Role.AUDIT.includes(Role.WATCH));
    assertFalse(Role.WATCH.includes(Role.QUERY));
    assertFalse(Role.WATCH.includes(Role.SUBMIT));
    assertFalse(Role.WATCH.includes(Role.ADMIN));
    assertFalse(Role.WATCH.includes(Role.AUDIT));
    assertEquals(Role.WATCH, Role.parse("watch"));
  }

  @Test
  void parse_audit_roundTrips() {
    assertEquals(Role.AUDIT, Role.parse("audit"));
    assertEquals("audit", Role.AUDIT.wireName());
  }
}
