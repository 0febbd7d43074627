package io.lanyard.identity;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

  static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.lanyard.identity");

  @Test
  void theDomainDependsOnNothingButJavaItselfAndTheKernel() {
    classes()
        .that()
        .resideInAPackage("..domain..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "io.lanyard.identity.domain..", "io.lanyard.kernel..")
        .check(CLASSES);
  }

  @Test
  void onlyTheApiKnowsHttp() {
    classes()
        .that()
        .resideOutsideOfPackage("..api..")
        .should()
        .onlyDependOnClassesThat()
        .resideOutsideOfPackages("jakarta.ws.rs..", "org.jboss.resteasy..")
        .check(CLASSES);
  }
}
