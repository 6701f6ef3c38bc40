package org.hashfed.node.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.hashfed.node.store.Store;
import org.hashfed.node.store.StoreWrite;
import org.hashfed.protocol.json.Json;

/**
 * The node's API keys: random 32-byte secrets, stored only as their SHA-256 hash with a role.
 *
 * <p>Authentication hashes the presented key and compares hashes in constant time, so neither the
 * store nor a timing side channel reveals a usable key. The hashes are cached in memory so the
 * hot path never touches RocksDB; revoking removes the cached hash too, so it takes effect at once.
 */
public final class ApiKeys {

  /** Every key starts with this, so a leaked key is recognisable by secret scanners. */
  public static final String PREFIX = "hfk_";

  private static final String META_PREFIX = "apikey/";
  private static final int SECRET_BYTES = 32;
  private static final int ID_LENGTH = 12;
  private static final int MAX_PRESENTED_LENGTH = 256;
  private static final ObjectMapper JSON = Json.mapper();

  private final Store store;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Entry> byHash = new ConcurrentHashMap<>();

  /** A stored key; {@code lastUsed} is kept in memory only, so authentication never writes. */
  private static final class Entry {
    final byte[] hash;
    final Role role;
    final String label;
    final Instant createdAt;
    final Instant expiresAt;
    volatile Instant lastUsed;

    Entry(byte[] hash, Role role, String label, Instant createdAt, Instant expiresAt) {
      this.hash = hash;
      this.role = role;
      this.label = label;
      this.createdAt = createdAt;
      this.expiresAt = expiresAt;
    }

    String id() {
      return HexFormat.of().formatHex(hash).substring(0, ID_LENGTH);
    }

    boolean expiredAt(Instant now) {
      return expiresAt != null && !now.isBefore(expiresAt);
    }
  }

  private ApiKeys(Store store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** Loads the stored key hashes; blocking. {@code clock} dates new keys and decides expiry. */
  public static ApiKeys load(Store store, Clock clock) {
    ApiKeys keys = new ApiKeys(store, clock);
    for (Map.Entry<String, byte[]> e : store.metaWithPrefix(META_PREFIX).entrySet()) {
      String hashHex = e.getKey().substring(META_PREFIX.length());
      keys.byHash.put(hashHex, readEntry(HexFormat.of().parseHex(hashHex), e.getValue()));
    }
    return keys;
  }

  /**
   * Reads the stored key hashes again, for a read follower whose store received its leader's keys:
   * keys added there work here, revoked ones stop; blocking.
   */
  public void reload() {
    Map<String, Entry> fresh = new java.util.HashMap<>();
    for (Map.Entry<String, byte[]> e : store.metaWithPrefix(META_PREFIX).entrySet()) {
      String hashHex = e.getKey().substring(META_PREFIX.length());
      Entry known = byHash.get(hashHex);
      fresh.put(hashHex, known != null ? known : readEntry(HexFormat.of().parseHex(hashHex), e.getValue()));
    }
    byHash.putAll(fresh);
    byHash.keySet().retainAll(fresh.keySet());
  }

  /** Creates a key with {@code role} that never expires; see {@link #create(Role, String, Optional)}. */
  public NewApiKey create(Role role, String label) {
    return create(role, label, Optional.empty());
  }

  /**
   * Creates a key with {@code role}, valid until {@code expiresAt} when given, stores its hash durably
   * and returns the secret once; blocking.
   */
  public NewApiKey create(Role role, String label, Optional<Instant> expiresAt) {
    NewApiKey key = generate(role);
    store(key, label, expiresAt.orElse(null));
    return key;
  }

  /**
   * Makes a new random key without storing it, for callers that must save the secret somewhere
   * first (the first admin key goes to a file before it becomes valid, so a crash never leaves a
   * valid key nobody has).
   */
  public NewApiKey generate(Role role) {
    byte[] raw = new byte[SECRET_BYTES];
    random.nextBytes(raw);
    String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    return new NewApiKey(HexFormat.of().formatHex(sha256(secret)).substring(0, ID_LENGTH), secret, role);
  }

  /** Stores the hash of a key made by {@link #generate} durably, making it valid without expiry; blocking. */
  public void register(NewApiKey key, String label) {
    store(key, label, null);
  }

  private void store(NewApiKey key, String label, Instant expiresAt) {
    byte[] hash = sha256(key.secret());
    String hashHex = HexFormat.of().formatHex(hash);
    Instant createdAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    ObjectNode record = JSON.createObjectNode()
        .put("role", key.role().wireName())
        .put("label", label == null ? "" : label)
        .put("created_at", createdAt.toString());
    if (expiresAt != null) {
      record.put("expires_at", expiresAt.toString());
    }
    try {
      store.commit(StoreWrite.create().putMeta(META_PREFIX + hashHex, JSON.writeValueAsBytes(record)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byHash.put(hashHex, new Entry(hash, key.role(), label == null ? "" : label, createdAt, expiresAt));
  }

  /** The role of {@code presented} when it is a current key of this node; never blocks. */
  public Optional<Role> authenticate(String presented) {
    return check(presented, clock.instant()) instanceof Authentication.Valid v ? Optional.of(v.role()) : Optional.empty();
  }

  /** Whether {@code presented} is a key of this node, current at {@code now}; never blocks. */
  public Authentication check(String presented, Instant now) {
    if (presented == null || presented.length() > MAX_PRESENTED_LENGTH || !presented.startsWith(PREFIX)) {
      return new Authentication.Unknown();
    }
    byte[] hash = sha256(presented);
    Entry e = byHash.get(HexFormat.of().formatHex(hash));
    if (e == null || !MessageDigest.isEqual(e.hash, hash)) {
      return new Authentication.Unknown();
    }
    if (e.expiredAt(now)) {
      return new Authentication.Expired(e.id(), e.expiresAt);
    }
    e.lastUsed = now;
    return new Authentication.Valid(e.id(), e.role);
  }

  /** Every key, oldest first, without secrets or hashes; never blocks. */
  public List<ApiKeyInfo> list() {
    List<ApiKeyInfo> out = new ArrayList<>();
    for (Entry e : byHash.values()) {
      out.add(new ApiKeyInfo(e.id(), e.role, e.label, e.createdAt, Optional.ofNullable(e.expiresAt),
          Optional.ofNullable(e.lastUsed)));
    }
    out.sort(Comparator.comparing(ApiKeyInfo::createdAt).thenComparing(ApiKeyInfo::id));
    return out;
  }

  /**
   * Deletes the key with {@code id} durably and at once; blocking.
   *
   * @return false when no key has that id
   * @throws IllegalStateException when it is the last admin key that has not expired: revoking it
   *     would lock every administrator out
   */
  public synchronized boolean revoke(String id, Instant now) {
    Map.Entry<String, Entry> found = null;
    int liveAdmins = 0;
    for (Map.Entry<String, Entry> e : byHash.entrySet()) {
      if (e.getValue().id().equals(id)) {
        found = e;
      }
      if (e.getValue().role == Role.ADMIN && !e.getValue().expiredAt(now)) {
        liveAdmins++;
      }
    }
    if (found == null) {
      return false;
    }
    Entry target = found.getValue();
    if (target.role == Role.ADMIN && !target.expiredAt(now) && liveAdmins == 1) {
      throw new IllegalStateException("key " + id + " is the last admin key that has not expired: create another "
          + "admin key before revoking it");
    }
    store.commit(StoreWrite.create().deleteMeta(META_PREFIX + found.getKey()));
    byHash.remove(found.getKey());
    return true;
  }

  /** Number of keys. */
  public int size() {
    return byHash.size();
  }

  private static Entry readEntry(byte[] hash, byte[] record) {
    try {
      JsonNode n = Json.readTree(record);
      String expires = n.path("expires_at").asText(null);
      String created = n.path("created_at").asText(null);
      return new Entry(hash, Role.parse(n.path("role").asText(null)), n.path("label").asText(""),
          created == null ? Instant.EPOCH : Instant.parse(created), expires == null ? null : Instant.parse(expires));
    } catch (IOException e) {
      throw new UncheckedIOException("stored API key record is not JSON", e);
    }
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
