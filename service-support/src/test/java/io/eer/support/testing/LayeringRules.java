package io.eer.support.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The one shape of every EER service (docs/ARCHITECTURE.md, "Inside a service"). A service's ArchitectureTest
 * includes them with {@code @ArchTest static final ArchTests layering = ArchTests.in(LayeringRules.class);}.
 *
 * <pre>
 *   api (REST, inbound)   infra.in (Kafka consumers, schedulers)
 *            \              /
 *             application (one operation object per use case)
 *            /      |       \
 *       domain  projection  infra.out (stores, event mappings, connectors, senders)
 * </pre>
 *
 * The patterns match at any depth, so a service with two parts (audit's {@code ledger} and {@code insight}) keeps
 * the same layers inside each part. {@code config} holds typed settings that any layer but the domain reads.
 */
public final class LayeringRules {

    private static final String API = "..api..";
    private static final String INFRA_IN = "..infra.in..";
    private static final String APPLICATION = "..application..";
    private static final String INFRA_OUT = "..infra.out..";
    private static final String PROJECTION = "..projection..";
    private static final String DOMAIN = "..domain..";
    private static final String CONFIG = "..config..";

    private LayeringRules() {
    }

    @ArchTest
    public static final ArchRule everyClass_belongsToALayer = classes()
            .should().resideInAnyPackage(API, INFRA_IN, APPLICATION, INFRA_OUT, PROJECTION, DOMAIN, CONFIG)
            .because("a newcomer who knows one service knows where everything is in all of them");

    @ArchTest
    public static final ArchRule layers_dependOnlyDownwards = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("Api").definedBy(API)
            .layer("InfraIn").definedBy(INFRA_IN)
            .layer("Application").definedBy(APPLICATION)
            .layer("InfraOut").definedBy(INFRA_OUT)
            .layer("Projection").definedBy(PROJECTION)
            .layer("Domain").definedBy(DOMAIN)
            .layer("Config").definedBy(CONFIG)
            .whereLayer("Api").mayNotBeAccessedByAnyLayer()
            .whereLayer("InfraIn").mayNotBeAccessedByAnyLayer()
            .whereLayer("Application").mayOnlyBeAccessedByLayers("Api", "InfraIn")
            .whereLayer("InfraOut").mayOnlyBeAccessedByLayers("Application")
            .whereLayer("Projection").mayOnlyBeAccessedByLayers("Api", "Application", "InfraOut")
            .whereLayer("Config").mayOnlyBeAccessedByLayers("Api", "InfraIn", "Application", "InfraOut");

    @ArchTest
    public static final ArchRule domain_dependsOnNoFrameworkAndNoWireFormat = noClasses().that()
            .resideInAPackage(DOMAIN)
            .should().dependOnClassesThat().resideInAnyPackage("jakarta..", "io.quarkus..", "io.smallrye..",
                    "io.vertx..", "org.hibernate..", "com.fasterxml..", "io.eer.contracts..", "io.eer.support.api..",
                    "io.eer.support.eventsourcing..", "io.eer.support.outbox..", "io.eer.support.inbox..",
                    "io.eer.support.problem..", "io.eer.support.security..", "io.eer.support.time..",
                    "io.eer.support.webhook..", "io.eer.support.resilience..", "io.eer.support.lifecycle..")
            .because("the domain speaks in its own events and typed ids (io.eer.support.decider is plain Java);"
                    + " event-contracts are translated at the edge, in infra.out");

    @ArchTest
    public static final ArchRule httpProblems_onlyInApi = noClasses().that().resideOutsideOfPackage(API)
            .should().dependOnClassesThat().resideInAnyPackage("io.eer.support.problem..", "jakarta.ws.rs.core..",
                    "jakarta.ws.rs.container..")
            .because("the application answers with decisions and refusals; only the REST edge speaks HTTP");

    @ArchTest
    public static final ArchRule layers_haveNoCycles = slices().matching("io.eer.(**)")
            .should().beFreeOfCycles();
}
