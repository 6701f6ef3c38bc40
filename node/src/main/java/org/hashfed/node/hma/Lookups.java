package org.hashfed.node.hma;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hashfed.node.api.PlatformOperations.Admitted;

/** HMA's match JSON from the matches this node's trust policy admitted. */
final class Lookups {

  private Lookups() {}

  /**
   * HMA's shapes have no room for a flag (a look-up's keys are bank names), so a cut by the
   * node's match caps is said in a response header instead.
   */
  static final String TRUNCATED_HEADER = "Hashfed-Matches-Truncated";

  /** Sets {@link #TRUNCATED_HEADER} when a match cap left matches out. */
  static void markTruncated(RoutingContext ctx, boolean truncated) {
    if (truncated) {
      ctx.response().putHeader(TRUNCATED_HEADER, "true");
    }
  }

  /** The {@code banks} query parameter: HMA splits it on commas; absent or empty means every bank. */
  static Set<String> banks(String param) {
    return param == null || param.isEmpty() ? null : new LinkedHashSet<>(List.of(param.split(",", -1)));
  }

  /** {@code {"<BANK>": [{"bank_content_id": n, "distance": "..."}]}}, banks in order of their best match. */
  static JsonObject byBank(List<Admitted> matches, Set<String> banks) {
    JsonObject out = new JsonObject();
    for (Admitted a : matches) {
      String bank = Banks.bankName(a.match().listing().member());
      if (banks != null && !banks.contains(bank)) {
        continue;
      }
      JsonArray list = out.getJsonArray(bank);
      if (list == null) {
        list = new JsonArray();
        out.put(bank, list);
      }
      list.add(withDistance(a));
    }
    return out;
  }

  /** {@code /m/raw_lookup}'s {@code matches}: bank content ids, or objects with their distance. */
  static JsonArray raw(List<Admitted> matches, Set<String> banks, boolean includeDistance) {
    JsonArray out = new JsonArray();
    for (Admitted a : matches) {
      if (banks != null && !banks.contains(Banks.bankName(a.match().listing().member()))) {
        continue;
      }
      out.add(includeDistance ? withDistance(a) : Banks.contentId(a.match().listing().entryId()));
    }
    return out;
  }

  private static JsonObject withDistance(Admitted a) {
    return new JsonObject()
        .put("bank_content_id", Banks.contentId(a.match().listing().entryId()))
        .put("distance", HmaSignalTypes.distance(a.match()));
  }
}
