package org.hashfed.node.auth;

import java.time.Instant;
import java.util.Optional;

/**
 * What an admin may see of an API key: never the secret nor its hash.
 *
 * @param id the key's public id, a prefix of its hash
 * @param role the key's role
 * @param label the label given at creation, empty when none
 * @param createdAt when the key was created
 * @param expiresAt when the key stops working, if it expires
 * @param lastUsedAt when the key last authenticated a request since the node started
 */
public record ApiKeyInfo(String id, Role role, String label, Instant createdAt, Optional<Instant> expiresAt,
    Optional<Instant> lastUsedAt) {}
