package io.eer.audit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

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

    /**
     * The ledger (ingest, chain, checkpoints, proofs, export, verify) runs without insight (projections, reports,
     * SOC, alerts): insight reads the ledger, never the other way round. The ledger tells followers through its own
     * {@code LedgerAppended} event, {@code DeadLetterAlarm} and {@code EventFormat}, which insight implements.
     */
    @ArchTest
    static final ArchRule ledger_neverDependsOnInsight = noClasses()
            .that().resideInAPackage("io.eer.audit.ledger..")
            .should().dependOnClassesThat().resideInAPackage("io.eer.audit.insight..");

    /** The chain verifier stays as plain as the standalone verifier: the JDK, Jackson and event-contracts. */
    @ArchTest
    static final ArchRule ledgerHashing_dependsOnlyOnJdkJacksonAndContracts = classes()
            .that().resideInAPackage("io.eer.audit.ledger.application.verify..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "com.fasterxml.jackson..",
                    "io.eer.contracts..", "io.eer.ledger.format..", "io.eer.audit.ledger.application.verify..");
}
