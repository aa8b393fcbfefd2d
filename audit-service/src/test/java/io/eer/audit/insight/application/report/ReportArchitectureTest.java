package io.eer.audit.insight.application.report;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ReportArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.eer.audit");

    /** An auditor (or the standalone verifier) runs the report code on an export, without the service. */
    @Test
    void reportDomain_dependsOnlyOnJdkJacksonContractsAndLedgerHashing() {
        classes()
                .that().resideInAPackage("io.eer.audit.insight.application.report..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "com.fasterxml.jackson..",
                        "io.eer.contracts..", "io.eer.ledger.format..", "io.eer.audit.insight.application.report..",
                        "io.eer.audit.insight.domain..")
                .check(CLASSES);
    }
}
