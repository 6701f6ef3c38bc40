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
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.hashfed.node.store.Store;
import org.hashfed.node.store.StoreWrite;

/**
 * The node's API keys: random 32-byte secrets, stored only as their SHA-256 hash with a role.
 *
 * <p>Authentication hashes the presented key and compares hashes in constant time, so neither the
 * store nor a timing side channel reveals a usable key. The hashes are cached in memory so the
 * hot path never touches RocksDB.
 */
public final class ApiKeys {

  /** Every key starts with this, so a leaked key is recognisable by secret scanners. */
  public static final String PREFIX = "hfk_";

  private static final String META_PREFIX = "apikey/";
  private static final int SECRET_BYTES = 32;
  private static final int MAX_PRESENTED_LENGTH = 256;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Store store;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Entry> byHash = new ConcurrentHashMap<>();

  private record Entry(byte[] hash, Role role) {}

  private ApiKeys(Store store) {
    this.store = store;
  }

  /** Loads the stored key hashes; blocking. */
  public static ApiKeys load(Store store) {
    ApiKeys keys = new ApiKeys(store);
    for (Map.Entry<String, byte[]> e : store.metaWithPrefix(META_PREFIX).entrySet()) {
      String hashHex = e.getKey().substring(META_PREFIX.length());
      keys.byHash.put(hashHex, new Entry(HexFormat.of().parseHex(hashHex), readRole(e.getValue())));
    }
    return keys;
  }

  /** Creates a key with {@code role}, stores its hash durably and returns the secret once; blocking. */
  public NewApiKey create(Role role, String label) {
    NewApiKey key = generate(role);
    register(key, label);
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
    return new NewApiKey(HexFormat.of().formatHex(sha256(secret)).substring(0, 12), secret, role);
  }

  /** Stores the hash of a key made by {@link #generate} durably, making it valid; blocking. */
  public void register(NewApiKey key, String label) {
    byte[] hash = sha256(key.secret());
    String hashHex = HexFormat.of().formatHex(hash);
    Role role = key.role();
    ObjectNode record = JSON.createObjectNode()
        .put("role", role.wireName())
        .put("label", label == null ? "" : label)
        .put("created_at", Instant.now().toString());
    try {
      store.commit(StoreWrite.create().putMeta(META_PREFIX + hashHex, JSON.writeValueAsBytes(record)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byHash.put(hashHex, new Entry(hash, role));
  }

  /** The role of {@code presented}, or empty when it is not a key of this node; never blocks. */
  public Optional<Role> authenticate(String presented) {
    if (presented == null || presented.length() > MAX_PRESENTED_LENGTH || !presented.startsWith(PREFIX)) {
      return Optional.empty();
    }
    byte[] hash = sha256(presented);
    Entry e = byHash.get(HexFormat.of().formatHex(hash));
    if (e == null || !MessageDigest.isEqual(e.hash(), hash)) {
      return Optional.empty();
    }
    return Optional.of(e.role());
  }

  /** Number of keys. */
  public int size() {
    return byHash.size();
  }

  private static Role readRole(byte[] record) {
    try {
      JsonNode n = JSON.readTree(record);
      return Role.parse(n.path("role").asText(null));
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
