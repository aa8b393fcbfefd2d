package io.eer.audit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.eer.audit");

    @Test
    void domain_dependsOnNoFramework() {
        noClasses().that().resideInAPackage("..domain..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta..", "io.quarkus..", "io.smallrye..",
                        "io.vertx..", "org.hibernate..", "io.eer.support..")
                .check(CLASSES);
    }

    @Test
    void domain_dependsOnNoOtherLayer() {
        noClasses().that().resideInAPackage("..domain..")
                .should().dependOnClassesThat().resideInAnyPackage("io.eer.audit.api..",
                        "io.eer.audit.application..", "io.eer.audit.infra..", "io.eer.audit.projection..")
                .check(CLASSES);
    }

    /** The standalone verifier will reuse the hashing code: it may use only the JDK, Jackson and event-contracts. */
    @Test
    void ledgerHashing_dependsOnlyOnJdkJacksonAndContracts() {
        classes()
                .that().resideInAPackage("io.eer.audit.domain.ledger..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "com.fasterxml.jackson..",
                        "io.eer.contracts..", "io.eer.audit.domain.ledger..", "io.eer.audit.domain.merkle..")
                .check(CLASSES);
    }
}
