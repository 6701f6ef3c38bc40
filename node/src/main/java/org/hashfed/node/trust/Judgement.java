package org.hashfed.node.trust;

/**
 * What this node makes of one match: the submitter's effective level for the submission's labels,
 * the confidence (0..1), and how many members agree and dispute (any level).
 */
public record Judgement(TrustLevel trust, double confidence, int agreements, int disputes) {}
