package org.parsimonylab.bench;

import java.util.Arrays;
import java.util.List;
import org.parsimonylab.engine.data.DataGenerator;
import org.parsimonylab.engine.data.DataKind;
import org.parsimonylab.engine.data.DataSpec;
import org.parsimonylab.engine.data.Dataset;
import org.parsimonylab.engine.data.TargetKind;
import org.parsimonylab.engine.data.TargetSpectrum;
import org.parsimonylab.engine.linalg.LinAlg;
import org.parsimonylab.engine.linalg.LinAlgs;
import org.parsimonylab.engine.net.Activation;
import org.parsimonylab.engine.net.CompressionKind;
import org.parsimonylab.engine.net.CompressionSpec;
import org.parsimonylab.engine.net.InitKind;
import org.parsimonylab.engine.net.InitSpec;
import org.parsimonylab.engine.net.NetworkKind;
import org.parsimonylab.engine.net.NetworkSpec;
import org.parsimonylab.engine.train.GradientForm;
import org.parsimonylab.engine.train.LossKind;
import org.parsimonylab.engine.train.Model;
import org.parsimonylab.engine.train.ModelFactory;
import org.parsimonylab.engine.train.OptimizerKind;
import org.parsimonylab.engine.train.Trainer;
import org.parsimonylab.engine.train.TrainingSpec;
import org.parsimonylab.metrics.MetricsSpec;
import org.parsimonylab.metrics.Probes;
import org.parsimonylab.metrics.SvdKind;
import org.parsimonylab.session.ExperimentRun;
import org.parsimonylab.session.ExperimentSpec;
import org.parsimonylab.session.RunListener;
import org.parsimonylab.session.VariantResult;
import org.parsimonylab.session.VariantSpec;

/**
 * Benchmark harness of issue #3 (not a test): (1) one GD step of the wide network vs its compressed twin at d=500,
 * r=5, L=3 (E6-like factorization, ε=1e-3); (2) the monitoring overhead at d=500, L=3 with the default metrics
 * (auto cadence, values-only SVD) and with full SVD at the same cadence, as monitoring time / training time of one run
 * and as the wall-time ratio of paired runs with and without probes. Prints its figures; the numbers in
 * docs/subspaces.md come from it.
 *
 * <pre>mvn -q -o -B test-compile && java -cp target/classes:target/test-classes:$(cat cp.txt) \
 *     org.parsimonylab.bench.SubspaceBench [d] [wideSteps] [twinSteps] [monitorSteps] [pairs] [values,randomized,full]</pre>
 *
 * The "without" run of a pair still records step 0 and the last step (the probes' one-off work included), so the
 * paired ratio isolates the cadence; monitoring/training is measured inside one run and is less sensitive to other
 * load on the machine.
 */
public final class SubspaceBench {
    private SubspaceBench() {}

    public static void main(String[] args) {
        int d = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int wideSteps = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int twinSteps = args.length > 2 ? Integer.parseInt(args[2]) : 200_000;
        int monitorSteps = args.length > 3 ? Integer.parseInt(args[3]) : 120;
        int pairs = args.length > 4 ? Integer.parseInt(args[4]) : 3;
        String kinds = args.length > 5 ? args[5] : "values,randomized,full";
        int r = 5;
        LinAlg la = LinAlgs.create();
        System.out.println("backend: " + la.describe() + ", d=" + d + ", r=" + r + ", L=3");
        DataSpec spec = new DataSpec(
                DataKind.FACTORIZATION,
                d,
                d,
                r,
                d,
                5,
                10,
                0.2,
                true,
                1.0,
                TargetSpectrum.TRUNCATED_GAUSSIAN,
                TargetKind.LOW_RANK_MAP);
        Dataset data = DataGenerator.generate(spec, 0, la);
        double eta = 0.01 * d * d; // η_eff = 0.01 in the 1/2-mean convention
        TrainingSpec wideTraining = new TrainingSpec(
                OptimizerKind.GD, eta, 0.9, LossKind.HALF_MEAN, 1.0, 1_000_000, 0, 1, 0, GradientForm.AUTO);
        TrainingSpec twinTraining = new TrainingSpec(
                OptimizerKind.GD, eta, 0.9, LossKind.HALF_MEAN, 0.0, 1_000_000, 0, 1, 0, GradientForm.AUTO);
        Model wide = ModelFactory.build(net(d, CompressionKind.NONE, r), wideTraining, data, 0, la);
        Model twin = ModelFactory.build(net(d, CompressionKind.PARSIMONY, r), twinTraining, data, 0, la);
        double wideSeconds = secondsPerStep(new Trainer(wide, wideTraining), 3, wideSteps);
        double twinSeconds = secondsPerStep(new Trainer(twin, twinTraining), twinSteps / 10, twinSteps);
        System.out.printf(
                "step: wide %.3f ms (%.1f steps/s), compressed twin (%s, k=%d) %.3f us (%.0f steps/s), ratio %.3g%n",
                wideSeconds * 1e3,
                1 / wideSeconds,
                twin.getClass().getSimpleName(),
                2 * r,
                twinSeconds * 1e6,
                1 / twinSeconds,
                wideSeconds / twinSeconds);

        for (SvdKind svd : List.of(SvdKind.VALUES, SvdKind.RANDOMIZED, SvdKind.FULL)) {
            if (!List.of(kinds.split(",")).contains(svd.label())) {
                continue;
            }
            MetricsSpec metrics = new MetricsSpec(0, 1, r, svd);
            long every = Probes.cadence(metrics, wide, data);
            MetricsSpec off = new MetricsSpec(Integer.MAX_VALUE, Integer.MAX_VALUE, r, svd);
            double[] ratios = new double[pairs];
            double share = 0;
            for (int p = 0; p < pairs; p++) {
                double on = run(data, d, r, wideTraining.withSteps(monitorSteps), metrics, la);
                double[] split = lastSplit;
                double without = run(data, d, r, wideTraining.withSteps(monitorSteps), off, la);
                ratios[p] = on / without;
                share = split[1] / split[0];
            }
            Arrays.sort(ratios);
            System.out.printf(
                    "monitoring %-10s cadence %d: monitoring/training %.1f %% (last run); paired wall with/without"
                            + " probes, median of %d: %.3f (min %.3f)%n",
                    svd.label(), every, 100 * share, pairs, ratios[pairs / 2], ratios[0]);
        }
    }

    private static double[] lastSplit = new double[2];

    /** Wall seconds of one variant run of {@code steps} steps (step 0 and the last step are always recorded). */
    private static double run(Dataset data, int d, int r, TrainingSpec training, MetricsSpec metrics, LinAlg la) {
        VariantSpec v = new VariantSpec("wide", net(d, CompressionKind.NONE, r), training, metrics);
        ExperimentSpec e = new ExperimentSpec(0, data.spec(), List.of(v));
        ExperimentRun run = new ExperimentRun(e, la);
        long t0 = System.nanoTime();
        VariantResult result = run.run(new RunListener() {}, 0, 0).get(0);
        double wall = (System.nanoTime() - t0) * 1e-9;
        lastSplit = new double[] {result.trainingSeconds(), result.monitoringSeconds()};
        return wall;
    }

    private static double secondsPerStep(Trainer trainer, int warmup, int steps) {
        for (int i = 0; i < warmup; i++) {
            trainer.evaluate();
            trainer.update();
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            trainer.evaluate();
            trainer.update();
        }
        return (System.nanoTime() - t0) * 1e-9 / steps;
    }

    private static NetworkSpec net(int d, CompressionKind kind, int r) {
        return new NetworkSpec(
                NetworkKind.LINEAR,
                3,
                d,
                Activation.IDENTITY,
                false,
                new InitSpec(InitKind.ORTHOGONAL, 1e-3),
                true,
                new CompressionSpec(kind, r));
    }
}
