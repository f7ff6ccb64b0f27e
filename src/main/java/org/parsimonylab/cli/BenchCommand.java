package org.parsimonylab.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.parsimonylab.engine.Labeled;
import org.parsimonylab.engine.data.DataGenerator;
import org.parsimonylab.engine.data.Dataset;
import org.parsimonylab.engine.linalg.LinAlg;
import org.parsimonylab.engine.train.GradientForm;
import org.parsimonylab.engine.train.Model;
import org.parsimonylab.engine.train.ModelFactory;
import org.parsimonylab.engine.train.Trainer;
import org.parsimonylab.engine.train.TrainingSpec;
import org.parsimonylab.session.ExperimentSpec;
import org.parsimonylab.session.VariantSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench PRESET}: times the training step of each variant (no monitoring) and prints ms/step, steps/s,
 * GFLOP/s and the BLAS/LAPACK backend. The figure is the median of 5 timed batches after a warm-up.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Time the training step of a preset's variants: steps/s, GFLOP/s and the backend in use.")
final class BenchCommand implements Callable<Integer> {
    @Mixin
    PresetOptions presetOptions;

    @Option(names = "--steps", paramLabel = "N", description = "steps per timed batch (default: about 1 s)")
    long steps;

    @Option(names = "--warmup", paramLabel = "W", description = "untimed steps first (default 3)")
    int warmup = 3;

    @Option(names = "--form", paramLabel = "FORM", description = "override the gradient form: auto, per-sample, moment")
    String form;

    @Option(names = "--variant", paramLabel = "NAME", description = "time only this variant (default: all)")
    String variant;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (steps < 0 || warmup < 0) {
            throw new IllegalArgumentException("--steps and --warmup must be >= 0");
        }
        ExperimentSpec experiment = presetOptions.load().toExperiment();
        Resources.checkMemory(presetOptions.preset, RunEstimate.of(experiment, steps + warmup, 0));
        PrintWriter out = spec.commandLine().getOut();
        LinAlg linAlg = presetOptions.linAlg();
        String threads = System.getenv().getOrDefault("OPENBLAS_NUM_THREADS", "default");
        out.printf(
                "backend: %s, OPENBLAS_NUM_THREADS=%s, %d cores%n",
                linAlg.describe(), threads, Runtime.getRuntime().availableProcessors());
        Dataset data = DataGenerator.generate(experiment.data(), experiment.seed(), linAlg, presetOptions.baseDir());
        out.printf(
                "%-16s %-10s %12s %12s %12s %10s%n", "variant", "form", "flop/step", "ms/step", "steps/s", "GFLOP/s");
        if (variant != null
                && experiment.variants().stream().noneMatch(v -> v.name().equals(variant))) {
            throw new IllegalArgumentException("--variant " + variant + " is not a variant of the preset (it has "
                    + experiment.variants().stream().map(VariantSpec::name).toList() + ")");
        }
        for (VariantSpec variant : experiment.variants()) {
            if (this.variant != null && !variant.name().equals(this.variant)) {
                continue;
            }
            TrainingSpec training = variant.training();
            if (form != null) {
                GradientForm f = Labeled.byLabel(GradientForm.class, form, "--form");
                training = training.withGradientForm(f);
            }
            Model model = ModelFactory.build(variant.network(), training, data, experiment.seed(), linAlg);
            Trainer trainer = new Trainer(model, training);
            for (int i = 0; i < warmup; i++) {
                trainer.evaluate();
                trainer.update();
            }
            long batch = steps;
            if (batch == 0) {
                long t0 = System.nanoTime();
                trainer.evaluate();
                trainer.update();
                batch = Math.max(1, (long) (1e9 / Math.max(1, System.nanoTime() - t0)));
            }
            double[] seconds = new double[5];
            for (int rep = 0; rep < seconds.length; rep++) {
                long t0 = System.nanoTime();
                for (long s = 0; s < batch; s++) {
                    trainer.evaluate();
                    trainer.update();
                }
                seconds[rep] = (System.nanoTime() - t0) * 1e-9 / batch;
            }
            Arrays.sort(seconds);
            double perStep = seconds[2];
            double flops = model.flopsPerStep();
            String usedForm = model instanceof org.parsimonylab.engine.train.DeepLinearModel dl
                    ? dl.gradientForm().label()
                    : "-";
            String epoch = "";
            if (model instanceof org.parsimonylab.engine.train.MlpModel mlp && mlp.batched()) {
                // an epoch is ceil(N / B) steps (the last batch of an epoch may be smaller)
                long perEpoch = (data.sampleCount() + training.batchSize() - 1) / training.batchSize();
                epoch = String.format(Locale.ROOT, "  ms/epoch=%.1f (%d steps)", perStep * 1e3 * perEpoch, perEpoch);
            }
            out.printf(
                    Locale.ROOT,
                    "%-16s %-10s %12.4g %12.4f %12.2f %10.2f%s%n",
                    variant.name(),
                    usedForm,
                    flops,
                    perStep * 1e3,
                    1.0 / perStep,
                    flops / perStep / 1e9,
                    epoch);
        }
        return 0;
    }
}
