/**
 * The development cluster: whole consortia of nodes on loopback in one JVM, for {@code hashfed
 * demo}, {@code hashfed bench gossip} and the node's federation tests.
 *
 * <p>It sits on top of the node (it starts {@code Node}s), never below it: nothing in the node
 * depends on it, so {@code hashfed node} never loads it (PackageDependenciesTest holds this). It
 * stays in the node module rather than moving to the CLI's demo package because the node's own
 * tests (federation, witnessing, peer scoring) start consortia with it and cannot depend on the
 * CLI.
 */
package org.hashfed.node.local;
