package org.hashfed.node.catalog;

/** A listing that matched a query signal, at a PDQ Hamming distance (0 for exact signals). */
public record CatalogMatch(Listing listing, int distance) {}
