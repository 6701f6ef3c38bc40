package org.hashfed.protocol.roster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hashfed.protocol.entry.EntryTime;

/** Reads roster payload bytes, naming the field at fault in every error. */
final class RosterParser {

  private static final List<String> FIELDS = List.of("consortium", "version", "previous", "issued", "quorum", "members");
  private static final List<String> QUORUM_FIELDS = List.of("numerator", "denominator");

  private RosterParser() {}

  static Roster parse(byte[] payload) throws RosterFormatException {
    ObjectNode root = RosterJson.readObject(payload, "roster payload");
    try {
      RosterJson.checkFields(root, FIELDS, "roster");
      String consortium = RosterJson.string(root, "consortium", "roster");
      long version = integer(RosterJson.require(root, "version", "roster"), "version", 1, Roster.MAX_VERSION);
      JsonNode prev = RosterJson.require(root, "previous", "roster");
      Optional<String> previous = prev.isNull() ? Optional.empty()
          : Optional.of(RosterJson.string(root, "previous", "roster"));
      Instant issued = EntryTime.parse(RosterJson.string(root, "issued", "roster"), "roster issued");
      Quorum quorum = quorum(RosterJson.require(root, "quorum", "roster"));
      JsonNode arr = RosterJson.require(root, "members", "roster");
      if (!arr.isArray() || arr.isEmpty() || arr.size() > Roster.MAX_MEMBERS) {
        throw new IllegalArgumentException("roster field \"members\" must be an array of 1 to " + Roster.MAX_MEMBERS
            + " member objects");
      }
      List<MemberRecord> members = new ArrayList<>();
      for (int i = 0; i < arr.size(); i++) {
        MemberRecord m = RosterJson.readMember(arr.get(i), "roster members[" + i + "]", true);
        if (!members.isEmpty() && members.get(members.size() - 1).id().compareTo(m.id()) >= 0) {
          throw new IllegalArgumentException("roster members[" + i + "] id " + m.id() + " does not follow "
              + members.get(members.size() - 1).id() + ": expected members sorted by id, each id once");
        }
        members.add(m);
      }
      return Roster.of(consortium, version, previous, issued, quorum, members);
    } catch (IllegalArgumentException e) {
      throw new RosterFormatException("invalid roster: " + e.getMessage(), e);
    }
  }

  private static Quorum quorum(JsonNode q) {
    if (!q.isObject()) {
      throw new IllegalArgumentException("roster field \"quorum\" is a JSON " + RosterJson.typeName(q)
          + ": expected {\"numerator\":n,\"denominator\":d}");
    }
    RosterJson.checkFields(q, QUORUM_FIELDS, "roster quorum");
    int n = (int) integer(RosterJson.require(q, "numerator", "roster quorum"), "quorum.numerator", 1,
        Quorum.MAX_DENOMINATOR);
    int d = (int) integer(RosterJson.require(q, "denominator", "roster quorum"), "quorum.denominator", 1,
        Quorum.MAX_DENOMINATOR);
    return Quorum.of(n, d);
  }

  private static long integer(JsonNode n, String field, long min, long max) {
    if (!n.isIntegralNumber()) {
      throw new IllegalArgumentException("roster field \"" + field + "\" is " + RosterText.quote(n.toString())
          + ": expected an integer " + min + ".." + max);
    }
    BigInteger v = n.bigIntegerValue();
    if (v.compareTo(BigInteger.valueOf(min)) < 0 || v.compareTo(BigInteger.valueOf(max)) > 0) {
      throw new IllegalArgumentException("roster field \"" + field + "\" is " + v + ": expected " + min + ".." + max);
    }
    return v.longValueExact();
  }
}
