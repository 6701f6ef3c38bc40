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
  void parse_audit_roundTrips() {
    assertEquals(Role.AUDIT, Role.parse("audit"));
    assertEquals("audit", Role.AUDIT.wireName());
  }
}
