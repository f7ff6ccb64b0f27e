package org.parsimonylab.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parsimonylab.engine.linalg.EjmlLinAlg;
import org.parsimonylab.engine.linalg.LinAlg;

/** The MLP data kinds: digits, csv, class clusters, union of subspaces (docs/science.md §3.4, §4). */
class MlpDataTest {
    private final LinAlg la = new EjmlLinAlg();

    @TempDir
    Path dir;

    static DataSpec spec(DataKind kind, String file, String labelColumn, double testFraction, boolean whiten) {
        return new DataSpec(
                kind,
                20,
                20,
                3,
                300,
                4,
                50,
                0.2,
                whiten,
                1.0,
                TargetSpectrum.TRUNCATED_GAUSSIAN,
                TargetKind.LOW_RANK_MAP,
                file,
                labelColumn,
                testFraction,
                0.1);
    }

    @Test
    void digitsLoadScaledWithAStratifiedSeededSplit() {
        DataSpec s = spec(DataKind.DIGITS, DataSpec.DEFAULT_FILE, "", 0.25, true);
        Dataset d = DataGenerator.generate(s, 3, la, Path.of("presets"));
        int train = d.sampleCount();
        int test = d.labelsTest().length;
        assertEquals(1797, train + test);
        assertEquals(64, d.inputDim());
        assertEquals(10, d.outputDim());
        assertEquals(10, d.yTest().numRows);
        assertEquals(0.0, CommonOps_DDRM.elementMin(d.x()));
        assertEquals(1.0, CommonOps_DDRM.elementMax(d.x()));
        int[] perClassTest = new int[10];
        int[] perClassAll = new int[10];
        for (int l : d.labelsTest()) {
            perClassTest[l]++;
            perClassAll[l]++;
        }
        for (int l : d.labels()) {
            perClassAll[l]++;
        }
        for (int c = 0; c < 10; c++) {
            assertEquals(Math.round(0.25 * perClassAll[c]), perClassTest[c], "class " + c);
        }
        Dataset again = DataGenerator.generate(s, 3, la, Path.of("presets"));
        assertArrayEquals(d.labelsTest(), again.labelsTest());
        assertArrayEquals(d.xTest().data, again.xTest().data, 0.0);
        Dataset other = DataGenerator.generate(s, 4, la, Path.of("presets"));
        assertTrue(!java.util.Arrays.equals(d.labelsTest(), other.labelsTest())
                || !java.util.Arrays.equals(d.xTest().data, other.xTest().data));
    }

    private Path write(String name, String text, boolean gzip) throws IOException {
        Path p = dir.resolve(name);
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(p)) : Files.newOutputStream(p)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void csvWithHeaderNamedLabelAndWordLabels() throws IOException {
        write("t.csv.gz", "a,species,b\n1,cat,2\n3,dog,4\n\n5,cat,6\n7,dog,8\n", true);
        Dataset d = DataGenerator.generate(spec(DataKind.CSV, "t.csv.gz", "species", 0.0, true), 0, la, dir);
        assertEquals(2, d.inputDim());
        assertArrayEquals(new int[] {0, 1, 0, 1}, d.labels());
        assertArrayEquals(new double[] {1, 3, 5, 7, 2, 4, 6, 8}, d.x().data, 0.0);
        assertEquals(null, d.xTest());
        write("n.csv", "0.5,1,10\n0.25,2,2\n1,1,10\n", false);
        Dataset n =
                DataGenerator.generate(spec(DataKind.CSV, dir.resolve("n.csv").toString(), "", 0.0, false), 0, la);
        assertArrayEquals(new int[] {1, 0, 1}, n.labels(), "numeric labels sorted numerically: 2 < 10");
    }

    @Test
    void csvErrorsNameTheFileAndTheLine() throws IOException {
        write("ragged.csv", "1,2,0\n3,4\n", false);
        write("word.csv", "1,2,0\n3,x,1\n", false);
        write("empty.csv", "\n\n", false);
        write("one.csv", "1,2,0\n3,4,0\n", false);
        assertEquals(dir.resolve("ragged.csv") + " line 2: expected 3 columns, found 2", error("ragged.csv", ""));
        assertEquals(dir.resolve("word.csv") + " line 2, column 2: 'x' is not a finite number", error("word.csv", ""));
        assertEquals(dir.resolve("empty.csv") + ": the file is empty (no data rows)", error("empty.csv", ""));
        assertTrue(error("one.csv", "").contains("at least 2 classes"));
        assertEquals(
                dir.resolve("one.csv") + " line 1: no column named 'y' in the header (data.labelColumn)",
                error("one.csv", "y"));
        assertEquals("data.file " + dir.resolve("missing.csv") + ": no such file", error("missing.csv", ""));
        assertEquals(
                "file must name a table for data kind 'csv'",
                assertThrows(IllegalArgumentException.class, () -> spec(DataKind.CSV, " ", "", 0, false))
                        .getMessage());
    }

    @Test
    void csvSizeLimitIsEnforced() throws IOException {
        StringBuilder wide = new StringBuilder();
        for (int i = 0; i <= DataSpec.MAX_DIM + 1; i++) {
            wide.append(i % 2).append(',');
        }
        wide.append("0\n");
        write("wide.csv", wide.toString() + wide.toString().replaceFirst("0\n$", "1\n"), false);
        assertTrue(error("wide.csv", "").contains("more than the limit"), error("wide.csv", ""));
    }

    private String error(String file, String label) {
        return assertThrows(
                        IllegalArgumentException.class,
                        () -> DataGenerator.generate(spec(DataKind.CSV, file, label, 0, false), 0, la, dir))
                .getMessage();
    }

    @Test
    void whitenedClustersAndSubspacesHaveIdentityGramOnTheTrainingSet() {
        for (DataKind kind : new DataKind[] {DataKind.CLASS_CLUSTERS, DataKind.UNION_OF_SUBSPACES}) {
            Dataset d = DataGenerator.generate(spec(kind, "", "", 0.2, true), 1, la);
            assertEquals(160, d.sampleCount());
            assertEquals(40, d.labelsTest().length);
            DMatrixRMaj gram = new DMatrixRMaj(20, 20);
            CommonOps_DDRM.multTransB(d.x(), d.x(), gram);
            for (int i = 0; i < 20; i++) {
                for (int j = 0; j < 20; j++) {
                    assertEquals(i == j ? 1.0 : 0.0, gram.get(i, j), 1e-10, kind + " XXᵀ");
                }
            }
        }
    }

    @Test
    void unwhitenedClusterMeansLieInARankRSubspace() {
        DataSpec s = new DataSpec(
                DataKind.CLASS_CLUSTERS,
                20,
                20,
                2,
                300,
                5,
                40,
                0.2,
                false,
                1.0,
                TargetSpectrum.TRUNCATED_GAUSSIAN,
                TargetKind.LOW_RANK_MAP,
                "",
                "",
                0.0,
                0.0);
        Dataset d = DataGenerator.generate(s, 2, la);
        double[] sv = la.singularValues(d.x());
        assertTrue(sv[1] > 1.0, "two directions carry the means");
        assertEquals(0.0, sv[2], 1e-10, "noise 0: X has rank 2");
    }
}
