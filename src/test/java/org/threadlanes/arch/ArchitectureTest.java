package org.threadlanes.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The layering of DEVELOPERS.md: dependencies point toward the core, and JavaFX stays in {@code ui}. */
@AnalyzeClasses(packages = "org.threadlanes", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** Only the ui package may import JavaFX. */
    @ArchTest
    static final ArchRule noJavaFxOutsideUi = noClasses()
            .that().resideOutsideOfPackage("org.threadlanes.ui..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "atlantafx..", "org.controlsfx..",
                    "org.kordamp.ikonli..")
            .because("the core, analysis, scenarios and CLI must run headless");

    /** Only the FX bridge may hand work to the JavaFX thread. */
    @ArchTest
    static final ArchRule onlyTheBridgeCallsRunLater = noClasses()
            .that().doNotHaveFullyQualifiedName("org.threadlanes.ui.FxBridge")
            .should().callMethod(javafx.application.Platform.class, "runLater", Runnable.class)
            .because("events reach the UI in batches through one seam");

    /** trace ← executor ← analysis ← scenario ← cli, ui. */
    @ArchTest
    static final ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("trace").definedBy("org.threadlanes.trace..")
            .layer("executor").definedBy("org.threadlanes.executor..")
            .layer("analysis").definedBy("org.threadlanes.analysis..")
            .layer("scenario").definedBy("org.threadlanes.scenario..")
            .layer("cli").definedBy("org.threadlanes.cli..")
            .layer("ui").definedBy("org.threadlanes.ui..")
            .whereLayer("ui").mayNotBeAccessedByAnyLayer()
            .whereLayer("cli").mayNotBeAccessedByAnyLayer()
            .whereLayer("scenario").mayOnlyBeAccessedByLayers("cli", "ui")
            .whereLayer("analysis").mayOnlyBeAccessedByLayers("scenario", "cli", "ui")
            .whereLayer("executor").mayOnlyBeAccessedByLayers("analysis", "scenario", "cli", "ui");
}
