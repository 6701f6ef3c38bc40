package org.hashfed.node;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The direction of the node's packages: each can be read and changed knowing only those below it.
 * The wiring ({@code org.hashfed.node}: {@code Node}) sits on top, the store at the bottom.
 */
@AnalyzeClasses(packages = "org.hashfed.node", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageDependenciesTest {

  @ArchTest
  static final ArchRule featurePackages_formNoCycle =
      slices().matching("org.hashfed.node.(*)..").should().beFreeOfCycles();

  // with the rule above, this makes the whole graph acyclic: the wiring is above every feature
  @ArchTest
  static final ArchRule theWiring_isUsedOnlyByTheDevelopmentCluster = noClasses()
      .that().resideOutsideOfPackages("org.hashfed.node", "org.hashfed.node.local..")
      .should().dependOnClassesThat().resideInAPackage("org.hashfed.node");

  // node.local starts whole consortia for the demo, benchmarks and tests: a node never runs it
  @ArchTest
  static final ArchRule theDevelopmentCluster_isOutsideTheProductionPath = noClasses()
      .that().resideOutsideOfPackage("org.hashfed.node.local..")
      .should().dependOnClassesThat().resideInAPackage("org.hashfed.node.local..");

  // features publish through the core's own types; only the wiring and adapters know HTTP routes
  // (a read follower's Follower is wiring too: it serves the same API over a replicated store)
  @ArchTest
  static final ArchRule thePlatformApi_isUsedOnlyByTheWiringAndAdapters = noClasses()
      .that().resideOutsideOfPackages("org.hashfed.node", "org.hashfed.node.follow", "org.hashfed.node.api..",
          "org.hashfed.node.hma..")
      .should().dependOnClassesThat().resideInAPackage("org.hashfed.node.api..");

  // ecosystem adapters translate to the core's operations; the core learns nothing about them
  @ArchTest
  static final ArchRule adapters_areUsedByNoOtherPackage = noClasses()
      .that().resideOutsideOfPackage("org.hashfed.node.hma..")
      .should().dependOnClassesThat().resideInAPackage("org.hashfed.node.hma..");

  @ArchTest
  static final ArchRule theStore_dependsOnNoOtherNodePackage = noClasses()
      .that().resideInAPackage("org.hashfed.node.store..")
      .should().dependOnClassesThat(resideInAPackage("org.hashfed.node..")
          .and(not(resideInAPackage("org.hashfed.node.store.."))));

  // Vert.x's internal and impl packages are not its API: they change between minor versions
  @ArchTest
  static final ArchRule vertxInternals_areNotUsed = noClasses()
      .should().dependOnClassesThat().resideInAnyPackage("io.vertx..internal..", "io.vertx..impl..");
}
