package org.parsimonylab;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
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

    /** The layers the rules name: each must hold classes, or a renamed package would make its rules vacuous. */
    static final List<String> LAYERS = List.of(
            "org.parsimonylab.engine..",
            "org.parsimonylab.metrics..",
            "org.parsimonylab.session..",
            "org.parsimonylab.preset..",
            "org.parsimonylab.chart..",
            "org.parsimonylab.export..",
            "org.parsimonylab.cli..",
            "org.parsimonylab.checkpoints..",
            "org.parsimonylab.sweep..",
            "org.parsimonylab.ui..");

    /**
     * No class in {@code from} depends on a class in {@code to}; an empty {@code from} fails the rule (ArchUnit's
     * allowEmptyShould(false)), so renaming a package cannot turn its rule into one that checks nothing.
     */
    static ArchRule forbidRule(String from, String... to) {
        return noClasses()
                .that()
                .resideInAPackage(from)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(to)
                .allowEmptyShould(false);
    }

    private static void forbid(String from, String... to) {
        forbidRule(from, to).check(classes);
    }

    @Test
    void everyLayerTheRulesNameHoldsClasses() {
        // The target side of a rule ("... should not depend on ui") is vacuous too when ui is renamed: check it here.
        for (String layer : LAYERS) {
            classes()
                    .that()
                    .resideInAPackage(layer)
                    .should()
                    .bePublic()
                    .orShould()
                    .notBePublic()
                    .allowEmptyShould(false)
                    .because(layer + " is named by the layer rules")
                    .check(classes);
        }
    }

    @Test
    void aRuleOnAPackageThatIsGoneFails() {
        // The build fails when a package is renamed: the same rule checked against the classes without metrics.
        JavaClasses withoutMetrics =
                classes.that(JavaClass.Predicates.resideOutsideOfPackage("org.parsimonylab.metrics.."));
        forbidRule("org.parsimonylab.engine..", "org.parsimonylab.ui..").check(withoutMetrics);
        AssertionError e = assertThrows(
                AssertionError.class, () -> forbidRule("org.parsimonylab.metrics..", "org.parsimonylab.ui..")
                        .check(withoutMetrics));
        assertTrue(e.getMessage().contains("failed to check any classes"), e.getMessage());
        assertThrows(AssertionError.class, () -> classes()
                .that()
                .resideInAPackage("org.parsimonylab.metrics..")
                .should()
                .bePublic()
                .orShould()
                .notBePublic()
                .allowEmptyShould(false)
                .check(withoutMetrics));
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
                "org.parsimonylab.checkpoints..",
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
                "org.parsimonylab.checkpoints..",
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
                "org.parsimonylab.checkpoints..",
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
        forbid(
                "org.parsimonylab.checkpoints..",
                "org.parsimonylab.ui..",
                "org.parsimonylab.cli..",
                "org.parsimonylab.chart..",
                "org.parsimonylab.preset..");
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
                .allowEmptyShould(false)
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
                .allowEmptyShould(false)
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
                .allowEmptyShould(false)
                .check(classes);
        noClasses()
                .that()
                .resideInAnyPackage(
                        "org.parsimonylab.engine..",
                        "org.parsimonylab.metrics..",
                        "org.parsimonylab.session..",
                        "org.parsimonylab.checkpoints..")
                .should()
                .accessField(System.class, "out")
                .orShould()
                .accessField(System.class, "err")
                .allowEmptyShould(false)
                .check(classes);
    }
}
