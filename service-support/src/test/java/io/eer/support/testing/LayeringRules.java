package io.eer.support.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layering every service keeps (DESIGN.md "Inside a service"). A service's ArchitectureTest includes them with
 * {@code @ArchTest static final ArchTests layering = ArchTests.in(LayeringRules.class);}.
 */
public final class LayeringRules {

    private LayeringRules() {
    }

    @ArchTest
    public static final ArchRule domain_dependsOnNoFramework = noClasses().that().resideInAPackage("..domain..")
            .should().dependOnClassesThat().resideInAnyPackage("jakarta..", "io.quarkus..", "io.smallrye..",
                    "io.vertx..", "org.hibernate..", "io.eer.support..");

    @ArchTest
    public static final ArchRule domain_dependsOnNoOtherLayer = noClasses().that().resideInAPackage("..domain..")
            .should().dependOnClassesThat().resideInAnyPackage("..api..", "..application..", "..infra..",
                    "..projection..");
}
