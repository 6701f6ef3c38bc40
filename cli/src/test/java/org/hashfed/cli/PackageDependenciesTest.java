package org.hashfed.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The direction of the CLI's packages: the command tree ({@code org.hashfed.cli}) on top, one
 * package per group of commands, {@code client} and {@code base} below them.
 */
@AnalyzeClasses(packages = "org.hashfed.cli", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageDependenciesTest {

  @ArchTest
  static final ArchRule commandPackages_formNoCycle =
      slices().matching("org.hashfed.cli.(*)..").should().beFreeOfCycles();

  // with the rule above, this makes the whole graph acyclic: the command tree is above every command
  @ArchTest
  static final ArchRule theCommandTree_isUsedByNoCommand = noClasses()
      .that().resideOutsideOfPackage("org.hashfed.cli")
      .should().dependOnClassesThat().resideInAPackage("org.hashfed.cli");

  // staff, auditors and importers talk to a node over its API only, so they work against any node
  @ArchTest
  static final ArchRule remoteCommands_doNotDependOnTheNode = noClasses()
      .that().resideInAnyPackage("org.hashfed.cli.audit..", "org.hashfed.cli.client..", "org.hashfed.cli.compare..",
          "org.hashfed.cli.exchange..", "org.hashfed.cli.hash..", "org.hashfed.cli.staff..", "org.hashfed.cli.trust..")
      .should().dependOnClassesThat().resideInAPackage("org.hashfed.node..");

  // the development cluster is for the demo and the benchmarks; `hashfed node` never starts it
  @ArchTest
  static final ArchRule theDevelopmentCluster_isUsedOnlyByTheDemoAndBenchmarks = noClasses()
      .that().resideOutsideOfPackages("org.hashfed.cli.demo..", "org.hashfed.cli.bench..")
      .should().dependOnClassesThat().resideInAPackage("org.hashfed.node.local..");

  // Vert.x's internal and impl packages are not its API: they change between minor versions
  @ArchTest
  static final ArchRule vertxInternals_areNotUsed = noClasses()
      .should().dependOnClassesThat().resideInAnyPackage("io.vertx..internal..", "io.vertx..impl..");
}
