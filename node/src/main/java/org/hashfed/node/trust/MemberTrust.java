package org.hashfed.node.trust;

import org.hashfed.protocol.entry.MemberId;

/** A member's policy on this node and its member-wide effective level. */
public record MemberTrust(MemberId member, boolean own, MemberPolicy policy, TrustLevel level) {}
