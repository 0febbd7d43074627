package io.lanyard.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The layering every service keeps: its {@code domain} depends on nothing but Java, itself and the
 * plain-Java domain libraries (the kernel, the credential rules); only its {@code api} (HTTP in)
 * and its {@code client} (calls to other services) know HTTP. A service's test extends this with
 * its base package.
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
