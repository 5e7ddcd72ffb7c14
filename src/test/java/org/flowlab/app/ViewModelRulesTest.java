package org.flowlab.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.flowlab.compute.ComputeThread;
import org.flowlab.nn.Network;
import org.flowlab.nn.NetworkDivergence;
import org.flowlab.train.FlowMatchingTrainer;
import org.flowlab.train.TrainingRun;
import org.junit.jupiter.api.Test;

/**
 * What keeps the view models testable without a window: no scene graph, no networks (those are built and run
 * inside task-runner work, through {@link ModelFields}), and the background-work rules in one place.
 */
class ViewModelRulesTest {

    private static final JavaClasses APP = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.flowlab.app");

    @Test
    void viewModelsAndTheRunnerUseNoSceneGraph() {
        noClasses().that().haveSimpleNameEndingWith("ViewModel").or().haveSimpleNameEndingWith("TaskRunner")
                .or().haveSimpleNameStartingWith("TaskRunner")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..")
                .check(APP);
    }

    @Test
    void viewModelsDoNotBuildOrEvaluateNetworks() {
        noClasses().that().haveSimpleNameEndingWith("ViewModel")
                .should().dependOnClassesThat().belongToAnyOf(Network.class, NetworkDivergence.class,
                        ComputeThread.class, FlowMatchingTrainer.class)
                .check(APP);
    }

    @Test
    void onlyTheTrainingViewModelTouchesTheTrainer() {
        noClasses().that().resideOutsideOfPackage("org.flowlab.app.training")
                .should().dependOnClassesThat().belongToAnyOf(TrainingRun.class, FlowMatchingTrainer.class)
                .check(APP);
    }

    @Test
    void onlyTheRunnersStartThreadsForViewModels() {
        noClasses().that().haveSimpleNameEndingWith("ViewModel")
                .and().doNotHaveSimpleName("DocumentViewModel").and().doNotHaveSimpleName("TrainingViewModel")
                .should().dependOnClassesThat().belongToAnyOf(Thread.class, java.util.concurrent.Executors.class,
                        javafx.concurrent.Task.class)
                .check(APP);
    }
}
