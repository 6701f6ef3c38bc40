/**
 * HMA 2.0 compatibility: Meta's Hasher-Matcher-Actioner matching, hashing and status routes
 * ({@code /m/*}, {@code /h/hash}, {@code /status}) on a hashfed node, built only on the platform
 * API's public operations. Nothing outside this package imports it; the node finds it through
 * {@link java.util.ServiceLoader}. The mapping is in spec/hma.md.
 */
package org.hashfed.node.hma;
