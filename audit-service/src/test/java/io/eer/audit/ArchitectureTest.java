package io.eer.audit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import io.eer.support.testing.LayeringRules;

@AnalyzeClasses(packages = "io.eer.audit", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchTests layering = ArchTests.in(LayeringRules.class);

    /** The ledger hashing code stays as plain as the standalone verifier: the JDK, Jackson and event-contracts. */
    @ArchTest
    static final ArchRule ledgerHashing_dependsOnlyOnJdkJacksonAndContracts = classes()
            .that().resideInAPackage("io.eer.audit.domain.ledger..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "com.fasterxml.jackson..",
                    "io.eer.contracts..", "io.eer.ledger.format..", "io.eer.audit.domain.ledger..");
}
