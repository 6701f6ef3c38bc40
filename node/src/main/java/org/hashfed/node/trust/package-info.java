/**
 * Per-member trust: this node's local policy (levels, label overrides, pins), opinions of other
 * members, automatic demotion on disputes and the confidence every match carries. Never gossiped.
 */
package org.hashfed.node.trust;
