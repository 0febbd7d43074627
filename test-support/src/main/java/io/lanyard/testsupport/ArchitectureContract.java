package io.lanyard.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The layering every service keeps: its {@code domain} depends on nothing but Java, itself and the
 * plain-Java domain libraries (the kernel, the credential rules); only its {@code api} (HTTP in)
 * and its {@code client} (calls to other services) know HTTP, and its use cases answer in outcomes
 * the {@code api} turns into statuses; no two packages need each other; what reads a topic is a
 * {@code …Feed} in the service's {@code feed} package. A service's test extends this with its base
 * package. docs/architecture.md says why each rule is there.
 */
public abstract class ArchitectureContract {

  private final String basePackage;
  private final JavaClasses classes;

  protected ArchitectureContract(String basePackage) {
    this.basePackage = basePackage;
    this.classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(basePackage);
  }

  @Test
  void theDomainDependsOnNothingButJavaItselfAndThePlainDomainLibraries() {
    classes()
        .that()
        .resideInAPackage(basePackage + ".domain..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..",
            basePackage + ".domain..",
            "io.lanyard.kernel..",
            "io.lanyard.credentialrules..")
        .check(classes);
  }

  @Test
  void onlyTheApiAndTheClientsKnowHttp() {
    classes()
        .that()
        .resideOutsideOfPackages(basePackage + ".api..", basePackage + ".client..")
        .should()
        .onlyDependOnClassesThat()
        .resideOutsideOfPackages("jakarta.ws.rs..", "org.jboss.resteasy..")
        .check(classes);
  }

  /**
   * A cycle means neither package can be understood, tested or replaced without the other; it is
   * where layers start to leak.
   */
  @Test
  void noTwoPackagesNeedEachOther() {
    slices().matching(basePackage + ".(**)").should().beFreeOfCycles().check(classes);
  }

  /**
   * The same between layers, each with its subpackages ({@code application.google} is {@code
   * application}): package by package, {@code application → infra} and {@code infra.google →
   * application.google} are no cycle, layer by layer they are one. The use cases declare the ports
   * they need and {@code infra} implements them, so the dependency runs one way.
   */
  @Test
  void noTwoLayersNeedEachOther() {
    slices().matching(basePackage + ".(*)..").should().beFreeOfCycles().check(classes);
  }

  /**
   * Use cases are called by HTTP resources, feeds and schedulers alike: they answer with outcomes,
   * and only the {@code api} knows the statuses and problem bodies those become.
   */
  @Test
  void useCasesAndTheDomainKnowNeitherHttpNorTheApiRuntime() {
    classes()
        .that()
        .resideInAnyPackage(basePackage + ".application..", basePackage + ".domain..")
        .should()
        .onlyDependOnClassesThat()
        .resideOutsideOfPackages(
            "jakarta.ws.rs..",
            "org.jboss.resteasy..",
            "io.vertx.core.http..",
            "io.vertx.ext.web..",
            "io.lanyard.runtime.api..")
        .check(classes);
  }

  /** One place and one name for what reads a topic, so a reader finds every consumer at once. */
  @Test
  void whatReadsATopicIsAFeedInTheFeedPackage() {
    classes()
        .that()
        .implement("io.lanyard.eventstore.consumer.EventHandler")
        .or()
        .implement("io.lanyard.eventstore.consumer.Projection")
        .should()
        .resideInAPackage(basePackage + ".feed")
        .andShould()
        .haveSimpleNameEndingWith("Feed")
        .allowEmptyShould(true)
        .check(classes);
  }

  /**
   * An internal endpoint names the clients it accepts; without the annotation the filter accepts no
   * service (fail closed), so a forgotten one shows here rather than as a 403 in production.
   */
  @Test
  void everyInternalEndpointNamesItsCallers() {
    classes()
        .that()
        .areAnnotatedWith("jakarta.ws.rs.Path")
        .and()
        .areNotInterfaces()
        .and(
            com.tngtech.archunit.base.DescribedPredicate.describe(
                "serve /internal",
                type ->
                    type.tryGetAnnotationOfType("jakarta.ws.rs.Path")
                        .flatMap(path -> path.get("value"))
                        .map(value -> value.toString().startsWith("/internal"))
                        .orElse(false)))
        .should()
        .beAnnotatedWith("io.lanyard.runtime.api.InternalCallers")
        .allowEmptyShould(true)
        .check(classes);
  }
}
