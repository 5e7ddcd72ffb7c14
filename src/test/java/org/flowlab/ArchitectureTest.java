package org.flowlab;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The layering: a core without JavaFX; app and cli on top; the core never reaches up. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.flowlab");

    @Test
    void onlyTheAppPackageUsesJavaFx() {
        noClasses().that().resideOutsideOfPackage("org.flowlab.app..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..")
                .check(CLASSES);
    }

    @Test
    void theCoreDoesNotDependOnAppOrCli() {
        noClasses().that().resideInAnyPackage("org.flowlab.density..", "org.flowlab.flow..", "org.flowlab.nn..", "org.flowlab.train..", "org.flowlab.compute..", "org.flowlab.likelihood..",
                        "org.flowlab.ode..", "org.flowlab.metrics..", "org.flowlab.render..", "org.flowlab.export..",
                        "org.flowlab.format..", "org.flowlab.io..")
                .should().dependOnClassesThat().resideInAnyPackage("org.flowlab.app..", "org.flowlab.cli..")
                .check(CLASSES);
    }

    @Test
    void theCliDoesNotDependOnTheApp() {
        noClasses().that().resideInAPackage("org.flowlab.cli..")
                .should().dependOnClassesThat().resideInAPackage("org.flowlab.app..")
                .check(CLASSES);
    }

    @Test
    void odeSolversKnowNothingOfNetworks() {
        noClasses().that().resideInAnyPackage("org.flowlab.ode..", "org.flowlab.density..", "org.flowlab.flow..",
                        "org.flowlab.metrics..", "org.flowlab.render..")
                .should().dependOnClassesThat().resideInAnyPackage("org.deeplearning4j..", "org.nd4j..")
                .check(CLASSES);
    }
}
