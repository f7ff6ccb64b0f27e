package org.parsimonylab;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dependency rule of DESIGN.md §2: engine <- metrics <- session <- ui; preset, export, sweep, cli beside. */
class LayerRulesTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.parsimonylab");
    }

    private static void forbid(String from, String... to) {
        noClasses()
                .that()
                .resideInAPackage(from)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(to)
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void engineDependsOnNothingAbove() {
        forbid(
                "org.parsimonylab.engine..",
                "org.parsimonylab.metrics..",
                "org.parsimonylab.session..",
                "org.parsimonylab.preset..",
                "org.parsimonylab.chart..",
                "org.parsimonylab.export..",
                "org.parsimonylab.cli..",
                "org.parsimonylab.sweep..",
                "org.parsimonylab.ui..");
    }

    @Test
    void metricsDependOnEngineOnly() {
        forbid(
                "org.parsimonylab.metrics..",
                "org.parsimonylab.session..",
                "org.parsimonylab.preset..",
                "org.parsimonylab.chart..",
                "org.parsimonylab.export..",
                "org.parsimonylab.cli..",
                "org.parsimonylab.sweep..",
                "org.parsimonylab.ui..");
    }

    @Test
    void sessionDependsOnEngineAndMetricsOnly() {
        forbid(
                "org.parsimonylab.session..",
                "org.parsimonylab.preset..",
                "org.parsimonylab.chart..",
                "org.parsimonylab.export..",
                "org.parsimonylab.cli..",
                "org.parsimonylab.sweep..",
                "org.parsimonylab.ui..");
    }

    @Test
    void besidePackagesNeverUseUi() {
        forbid(
                "org.parsimonylab.preset..",
                "org.parsimonylab.ui..",
                "org.parsimonylab.cli..",
                "org.parsimonylab.export..");
        forbid(
                "org.parsimonylab.chart..",
                "org.parsimonylab.ui..",
                "org.parsimonylab.cli..",
                "org.parsimonylab.preset..");
        forbid(
                "org.parsimonylab.export..",
                "org.parsimonylab.ui..",
                "org.parsimonylab.cli..",
                "org.parsimonylab.preset..");
        forbid("org.parsimonylab.cli..", "org.parsimonylab.ui..");
        // Sweeps run the command line as child processes and hand summaries to chart, which draws them.
        forbid(
                "org.parsimonylab.sweep..",
                "org.parsimonylab.ui..",
                "org.parsimonylab.cli..",
                "org.parsimonylab.chart..");
    }

    @Test
    void onlyUiImportsJavaFx() {
        noClasses()
                .that()
                .resideOutsideOfPackage("org.parsimonylab.ui..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("javafx..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void onlyChartUiAndExportImportJFreeChart() {
        noClasses()
                .that()
                .resideOutsideOfPackages(
                        "org.parsimonylab.chart..", "org.parsimonylab.ui..", "org.parsimonylab.export..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.jfree..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void engineAndMetricsStayFreeOfIoLibrariesAndPrinting() {
        noClasses()
                .that()
                .resideInAnyPackage("org.parsimonylab.engine..", "org.parsimonylab.metrics..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("com.fasterxml..", "picocli..", "java.awt..", "javax.swing..")
                .allowEmptyShould(true)
                .check(classes);
        noClasses()
                .that()
                .resideInAnyPackage(
                        "org.parsimonylab.engine..", "org.parsimonylab.metrics..", "org.parsimonylab.session..")
                .should()
                .accessField(System.class, "out")
                .orShould()
                .accessField(System.class, "err")
                .allowEmptyShould(true)
                .check(classes);
    }
}
