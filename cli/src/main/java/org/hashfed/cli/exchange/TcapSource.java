package org.hashfed.cli.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.cli.client.CommandError;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.signal.Signal;
import org.hashfed.protocol.signal.SignalType;

/**
 * Tech Against Terrorism's TCAP hash list ({@code GET api/hash-list/v2/all}), as python-threatexchange's
 * TAT client reads it: {@code order=asc&after=<checkpoint>}, following {@code next} until it is null;
 * each page's {@code checkpoint} ({@code "<unix time>,<id>"}) is where the next run starts. A JWT
 * is sent as a bearer token; with credentials it comes from {@code POST token-auth/tcap/} and is
 * fetched again once when the list answers 401 (it expired).
 */
final class TcapSource implements Source {

  /** The credentials or the token to read the list with. */
  record Auth(Optional<String> username, Optional<String> password, Optional<String> token) {
    static Auth credentials(String userColonPassword) {
      int colon = userColonPassword.indexOf(':');
      if (colon <= 0 || colon == userColonPassword.length() - 1) {
        throw new IllegalArgumentException("expected username:password");
      }
      return new Auth(Optional.of(userColonPassword.substring(0, colon)),
          Optional.of(userColonPassword.substring(colon + 1)), Optional.empty());
    }

    static Auth token(String token) {
      return new Auth(Optional.empty(), Optional.empty(), Optional.of(token));
    }

    @Override
    public String toString() {
      return "Auth{" + (token.isPresent() ? "token" : "credentials of " + username.orElse("?")) + "}";
    }
  }

  private static final Pattern CHECKPOINT = Pattern.compile("[0-9]{1,12}(\\.[0-9]{1,9})?,[0-9]{1,20}");

  private final SourceHttp http;
  private final URI base;
  private final Auth auth;
  private final ItemFactory items;
  private URI nextUri;
  private boolean done;
  private String token;

  TcapSource(SourceHttp http, URI base, Auth auth, String ideology, int pageSize, Optional<String> after,
      ItemFactory items) {
    this.http = http;
    this.base = base;
    this.auth = auth;
    this.items = items;
    this.token = auth.token().orElse(null);
    StringBuilder q = new StringBuilder("api/hash-list/v2/all?order=asc&limit=").append(pageSize)
        .append("&ideology=").append(URLEncoder.encode(ideology, StandardCharsets.UTF_8))
        .append("&after=").append(URLEncoder.encode(after.orElse(""), StandardCharsets.UTF_8));
    this.nextUri = base.resolve(q.toString());
  }

  /** Whether {@code value} is a checkpoint of the form TCAP answers, {@code "<unix time>,<id>"}. */
  static boolean isCheckpoint(String value) {
    return CHECKPOINT.matcher(value).matches();
  }

  @Override
  public Optional<SourcePage> next() throws CommandError {
    if (done) {
      return Optional.empty();
    }
    URI uri = nextUri;
    SourceHttp.Answer a = get(uri);
    if (a.status() == 401 && auth.username().isPresent()) {
      token = null;
      a = get(uri);
    }
    String where = "TCAP at " + SourceHttp.withoutQuery(uri);
    if (a.status() == 401 || a.status() == 403) {
      throw CommandError.of(ExitCodes.SERVER, where + " answered " + a.status() + ": " + (auth.token().isPresent()
          ? "the token is expired or not valid; get a new one, or give --credentials-file so that hashfed renews it"
          : "the credentials are not accepted") + ". The checkpoint is kept: rerun when fixed.");
    }
    if (a.status() != 200) {
      throw CommandError.of(ExitCodes.SERVER, where + " answered " + a.status() + ": "
          + Records.abbreviate(a.text().strip()));
    }
    JsonNode doc = Records.page(a, where);
    JsonNode results = doc.get("results");
    if (results == null || !results.isArray()) {
      throw CommandError.of(ExitCodes.SERVER, where + " answered a page without a \"results\" array: nothing of it "
          + "was imported");
    }
    List<SourceItem> list = new ArrayList<>();
    List<SourcePage.Malformed> malformed = new ArrayList<>();
    Map<String, Integer> unsupported = new TreeMap<>();
    for (int i = 0; i < results.size(); i++) {
      JsonNode r = results.get(i);
      String name = r.isObject() && r.has("id") ? "tcap:" + Records.abbreviate(r.get("id").asText()) : "TCAP page record " + i;
      try {
        record(r, list, unsupported);
      } catch (IllegalArgumentException e) {
        malformed.add(new SourcePage.Malformed(name, e.getMessage()));
      }
    }
    Optional<String> checkpoint = Optional.empty();
    JsonNode cp = doc.get("checkpoint");
    if (cp != null && cp.isTextual() && !cp.asText().isEmpty()) {
      if (!isCheckpoint(cp.asText())) {
        throw CommandError.of(ExitCodes.SERVER, where + " answered the checkpoint \"" + Records.abbreviate(cp.asText())
            + "\" (expected \"<unix time>,<id>\"): the page was not imported");
      }
      checkpoint = Optional.of(cp.asText());
    }
    JsonNode next = doc.get("next");
    if (next == null || next.isNull() || next.asText().isEmpty()) {
      done = true;
    } else {
      nextUri = sameOrigin(next.asText(), where);
    }
    return Optional.of(new SourcePage(list, malformed, unsupported, checkpoint));
  }

  private void record(JsonNode r, List<SourceItem> list, Map<String, Integer> unsupported) {
    if (!r.isObject()) {
      throw new IllegalArgumentException("record " + Records.abbreviate(r.toString()) + " is not a JSON object");
    }
    String key = "tcap:" + Records.id(r, "id");
    if (Records.flag(r, "deleted")) {
      list.add(SourceItem.deletion(key));
      return;
    }
    String algorithm = Records.text(r, "algorithm").toUpperCase(Locale.ROOT);
    SignalType type = switch (algorithm) {
      case "PDQ" -> SignalType.PDQ;
      case "MD5" -> SignalType.MD5;
      case "SHA256" -> SignalType.SHA256;
      default -> null;
    };
    if (type == null) {
      unsupported.merge(algorithm, 1, Integer::sum);
      return;
    }
    Signal signal = Signal.of(type, Records.text(r, "hash_digest"));
    List<Label> labels = new ArrayList<>();
    JsonNode ideology = r.get("ideology");
    String ideologyText = ideology != null && ideology.isTextual() ? ideology.asText() : null;
    if (ideologyText != null && !ideologyText.equalsIgnoreCase("all")) {
      ItemFactory.tagLabel("ideology", ideologyText).ifPresent(labels::add);
    }
    JsonNode fileType = r.get("file_type");
    String note = "TCAP hash list id " + key.substring(5)
        + (fileType != null && fileType.isTextual() ? ", file type " + Records.abbreviate(fileType.asText()) : "")
        + (ideologyText != null ? ", ideology " + Records.abbreviate(ideologyText) : "");
    list.add(items.upsert(key, signal, labels, note));
  }

  private SourceHttp.Answer get(URI uri) throws CommandError {
    if (token == null) {
      token = authenticate();
    }
    return http.send(HttpRequest.newBuilder(uri).GET().header("Accept", "application/json")
        .header("Authorization", "Bearer " + token), uri);
  }

  private String authenticate() throws CommandError {
    URI uri = base.resolve("token-auth/tcap/");
    String form = "username=" + URLEncoder.encode(auth.username().orElseThrow(), StandardCharsets.UTF_8)
        + "&password=" + URLEncoder.encode(auth.password().orElseThrow(), StandardCharsets.UTF_8) + "&resend=false";
    SourceHttp.Answer a = http.send(HttpRequest.newBuilder(uri).header("Content-Type",
        "application/x-www-form-urlencoded").header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(form)), uri);
    String where = "TCAP at " + SourceHttp.withoutQuery(uri);
    if (a.status() == 400 || a.status() == 401 || a.status() == 403) {
      throw CommandError.of(ExitCodes.SERVER, where + " refused the credentials (" + a.status() + "): check the "
          + "credentials file");
    }
    if (a.status() != 200) {
      throw CommandError.of(ExitCodes.SERVER, where + " answered " + a.status() + " to the login");
    }
    JsonNode t = Records.page(a, where).get("token");
    if (t == null || !t.isTextual() || t.asText().isBlank() || t.asText().length() > Secrets.MAX_LENGTH
        || !t.asText().matches("[\\x21-\\x7e]+")) {
      throw CommandError.of(ExitCodes.SERVER, where + " answered the login without a usable \"token\"");
    }
    return t.asText();
  }

  private URI sameOrigin(String next, String where) throws CommandError {
    URI uri;
    try {
      uri = base.resolve(next);
    } catch (IllegalArgumentException e) {
      throw CommandError.of(ExitCodes.SERVER, where + " answered a \"next\" that is not a URL: stopped");
    }
    if (!base.getScheme().equalsIgnoreCase(uri.getScheme()) || !base.getHost().equalsIgnoreCase(uri.getHost())
        || base.getPort() != uri.getPort()) {
      // the token must never travel to a host the user did not name
      throw CommandError.of(ExitCodes.SERVER, where + " answered a \"next\" page on another host ("
          + SourceHttp.withoutQuery(uri) + "): stopped; the checkpoint of the pages before is kept");
    }
    return uri;
  }
}
