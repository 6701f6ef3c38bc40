/**
 * In-memory PDQ matching: {@link org.hashfed.node.match.PdqIndex}, a multi-index hash over 11
 * substrings of 23 or 24 bits, and {@link org.hashfed.node.match.LinearScanIndex}, the baseline it is
 * measured and tested against. Both implement {@link org.hashfed.node.match.PdqMatcher}.
 */
package org.hashfed.node.match;
