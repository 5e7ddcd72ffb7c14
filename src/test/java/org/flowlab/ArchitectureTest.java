package org.flowlab;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The structure the folder tree promises (README, Architecture): a core without JavaFX; only the network and
 * compute packages touch ND4J/DL4J; view models free of the scene graph; app and cli on top; no cycles.
 */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.flowlab");

    private static final String[] CORE = {"org.flowlab.density..", "org.flowlab.flow..", "org.flowlab.nn..",
            "org.flowlab.train..", "org.flowlab.compute..", "org.flowlab.likelihood..", "org.flowlab.ode..",
            "org.flowlab.metrics..", "org.flowlab.marginal..", "org.flowlab.render..", "org.flowlab.export..",
            "org.flowlab.format..", "org.flowlab.io..", "org.flowlab.coupling..", "org.flowlab.reflow..",
            "org.flowlab.nfe.."};

    @Test
    void onlyTheAppPackageUsesJavaFx() {
        noClasses().that().resideOutsideOfPackage("org.flowlab.app..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..")
                .check(CLASSES);
    }

    @Test
    void theCoreDoesNotDependOnAppOrCli() {
        noClasses().that().resideInAnyPackage(CORE)
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
    void onlyTheNetworkAndComputePackagesTouchNd4j() {
        noClasses().that().resideOutsideOfPackages("org.flowlab.nn..", "org.flowlab.compute..")
                .should().dependOnClassesThat().resideInAnyPackage("org.deeplearning4j..", "org.nd4j..")
                .check(CLASSES);
    }

    @Test
    void viewModelsDoNotTouchTheSceneGraph() {
        noClasses().that().haveSimpleNameEndingWith("ViewModel")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..")
                .check(CLASSES);
    }

    @Test
    void networksAreReachedOnlyThroughTheirComputeThread() {
        // VelocityNet and its DL4J implementations are package-private; Network is the public handle.
        classes().that().resideInAPackage("org.flowlab.nn").and().haveSimpleNameEndingWith("Net")
                .should().notBePublic()
                .check(CLASSES);
    }

    @Test
    void noCyclesBetweenPackages() {
        slices().matching("org.flowlab.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void appFeaturesDoNotDependOnEachOtherInCycles() {
        slices().matching("org.flowlab.app.(*)..").should().beFreeOfCycles().check(CLASSES);
    }
}
