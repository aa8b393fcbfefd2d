package io.eer.request;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import io.eer.support.testing.LayeringRules;

@AnalyzeClasses(packages = "io.eer.request", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchTests layering = ArchTests.in(LayeringRules.class);
}
