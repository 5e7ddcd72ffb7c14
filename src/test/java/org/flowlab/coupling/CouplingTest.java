package org.flowlab.coupling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.flowlab.density.Preset;
import org.junit.jupiter.api.Test;

/** The assignment against brute force; minibatch OT and Sinkhorn against the independent pairs they replace. */
class CouplingTest {

    /** The minimum of Σ_i C[i, σ(i)] over all n! permutations (Heap's algorithm). */
    static double bruteForce(double[] c, int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        double best = cost(c, n, p);
        int[] idx = new int[n];
        int i = 0;
        while (i < n) {
            if (idx[i] < i) {
                int k = i % 2 == 0 ? 0 : idx[i];
                int tmp = p[k];
                p[k] = p[i];
                p[i] = tmp;
                best = Math.min(best, cost(c, n, p));
                idx[i]++;
                i = 0;
            } else {
                idx[i] = 0;
                i++;
            }
        }
        return best;
    }

    static double cost(double[] c, int n, int[] sigma) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += c[i * n + sigma[i]];
        }
        return s;
    }

    static void assertPermutation(int[] sigma, int n) {
        boolean[] seen = new boolean[n];
        for (int i = 0; i < n; i++) {
            assertTrue(sigma[i] >= 0 && sigma[i] < n && !seen[sigma[i]], "not a permutation: " + Arrays.toString(sigma));
            seen[sigma[i]] = true;
        }
    }

    @Test
    void theAssignmentIsAnOptimalPermutation() {
        SplittableRandom r = new SplittableRandom(17);
        LinearAssignment solver = new LinearAssignment();
        int cases = 0;
        for (int n = 1; n <= 8; n++) {
            for (int rep = 0; rep < 120; rep++) {
                double[] c = new double[n * n];
                int kind = rep % 3;
                for (int e = 0; e < c.length; e++) {
                    c[e] = switch (kind) {
                        case 0 -> r.nextDouble() * 10 - 3;                // real costs, some negative
                        case 1 -> r.nextInt(4);                           // many ties
                        default -> 0;
                    };
                }
                if (kind == 2) {                                          // squared distances of planar points
                    double[] a = new double[2 * n];
                    double[] b = new double[2 * n];
                    for (int e = 0; e < 2 * n; e++) {
                        a[e] = r.nextGaussian();
                        b[e] = r.nextGaussian() * 2;
                    }
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < n; j++) {
                            double dx = a[2 * i] - b[2 * j];
                            double dy = a[2 * i + 1] - b[2 * j + 1];
                            c[i * n + j] = dx * dx + dy * dy;
                        }
                    }
                }
                int[] sigma = new int[n];
                double got = solver.solve(c, n, sigma);
                assertPermutation(sigma, n);
                assertEquals(cost(c, n, sigma), got, 1e-9, "the returned total is the permutation's cost");
                assertEquals(bruteForce(c, n), got, 1e-9, "n = " + n + ", case " + rep);
                cases++;
            }
        }
        assertEquals(960, cases);
        assertThrows(IllegalArgumentException.class, () -> solver.solve(new double[]{0, Double.NaN, 1, 2}, 2,
                new int[2]));
    }

    @Test
    void aLargerAssignmentIsAPermutationNoSwapImproves() {
        // Beyond brute force: 2-opt optimality (no exchange of two rows' columns lowers the cost) for n = 200.
        SplittableRandom r = new SplittableRandom(5);
        int n = 200;
        double[] c = new double[n * n];
        for (int e = 0; e < c.length; e++) {
            c[e] = r.nextDouble();
        }
        int[] sigma = new int[n];
        new LinearAssignment().solve(c, n, sigma);
        assertPermutation(sigma, n);
        for (int i = 0; i < n; i++) {
            for (int k = i + 1; k < n; k++) {
                double now = c[i * n + sigma[i]] + c[k * n + sigma[k]];
                double swapped = c[i * n + sigma[k]] + c[k * n + sigma[i]];
                assertTrue(swapped >= now - 1e-12, "swapping rows " + i + " and " + k + " improves");
            }
        }
    }

    /** A batch as the trainer draws it: moons data, standard normal noise. */
    static float[][] batch(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x1 = Preset.MOONS.sample(n, r);
        float[] x0 = new float[2 * n];
        for (int e = 0; e < x0.length; e++) {
            x0[e] = (float) r.nextGaussian();
        }
        return new float[][]{x0, x1};
    }

    static float[] sortedRows(float[] x) {
        long[] keys = new long[x.length / 2];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = ((long) Float.floatToIntBits(x[2 * i]) << 32) | (Float.floatToIntBits(x[2 * i + 1]) & 0xFFFFFFFFL);
        }
        Arrays.sort(keys);
        float[] out = new float[x.length];
        for (int i = 0; i < keys.length; i++) {
            out[2 * i] = Float.intBitsToFloat((int) (keys[i] >> 32));
            out[2 * i + 1] = Float.intBitsToFloat((int) keys[i]);
        }
        return out;
    }

    @Test
    void minibatchOtPairsAreCloserThanRandomPairsAndOnlyPermuteTheNoise() {
        for (int n : new int[]{64, 256, 1000}) {
            float[][] b = batch(n, n);
            float[] x0 = b[0].clone();
            float[] x1 = b[1].clone();
            double random = Coupling.meanSquaredDistance(x0, x1, n);
            Coupling.parse("ot").pair(x0, x1, n, new SplittableRandom(1));
            double ot = Coupling.meanSquaredDistance(x0, x1, n);
            System.out.printf("minibatch OT, n = %d: mean ‖x1 − x0‖² %.3f (random pairs %.3f)%n", n, ot, random);
            assertTrue(ot < 0.5 * random, "OT " + ot + " vs random " + random);
            assertArrayEquals(b[1], x1, "the data rows stay where they were");
            assertArrayEquals(sortedRows(b[0]), sortedRows(x0), "the noise rows are only rearranged");
        }
        float[][] b = batch(50, 9);
        float[] x0 = b[0].clone();
        Coupling.INDEPENDENT.pair(x0, b[1], 50, new SplittableRandom(1));
        assertArrayEquals(b[0], x0, "the independent coupling changes nothing");
    }

    @Test
    void sinkhornMatchesItsMarginalsAndSpansExactToIndependent() {
        int m = 128;
        float[][] b = batch(m, 3);
        SinkhornCoupling.Workspace w = new SinkhornCoupling.Workspace();
        double exact = exactCost(b[0], b[1], m);
        double random = Coupling.meanSquaredDistance(b[0], b[1], m);
        double previous = 0;
        for (double eps : new double[]{0.002, 0.05, 1, 1000}) {
            int iterations = SinkhornCoupling.plan(b[0], b[1], 0, m, eps, w);
            double[] p = SinkhornCoupling.planMatrix(w, m);
            double planCost = 0;
            double rowError = 0;
            for (int i = 0; i < m; i++) {
                double row = 0;
                for (int j = 0; j < m; j++) {
                    row += p[i * m + j];
                    planCost += p[i * m + j] * w.cost[i * m + j];
                }
                rowError += Math.abs(row - 1.0 / m);
            }
            for (int j = 0; j < m; j++) {
                double col = 0;
                for (int i = 0; i < m; i++) {
                    col += p[i * m + j];
                }
                assertEquals(1.0 / m, col, 1e-12, "columns are exact after the g update");
            }
            System.out.printf("Sinkhorn ε = %g: %d iterations, plan cost %.4f (exact %.4f, random %.4f)%n", eps,
                    iterations, planCost, exact, random);
            assertTrue(rowError < SinkhornCoupling.TOLERANCE, "row marginals within the tolerance: " + rowError);
            assertTrue(planCost >= exact - 1e-9 && planCost >= previous - 1e-9, "cost grows with ε");
            if (eps == 0.002) {
                assertTrue(planCost < exact * 1.05, "small ε is nearly the exact plan");
            }
            if (eps == 1000) {
                assertEquals(random, planCost, 0.05 * random, "large ε is the product plan");
            }
            previous = planCost;
        }
    }

    static double exactCost(float[] x0, float[] x1, int n) {
        float[] p = x0.clone();
        new MinibatchOt().pair(p, x1, n, null);
        return Coupling.meanSquaredDistance(p, x1, n);
    }

    @Test
    void sinkhornPairsAreSeededDrawnFromTheBatchAndCloserThanRandom() {
        int n = 256;
        float[][] b = batch(n, 11);
        float[] a = b[0].clone();
        float[] c = b[0].clone();
        Coupling ot = Coupling.parse("ot:0.05");
        ot.pair(a, b[1], n, new SplittableRandom(4));
        ot.pair(c, b[1], n, new SplittableRandom(4));
        assertArrayEquals(a, c, "same generator, same pairs");
        float[] sortedOriginal = sortedRows(b[0]);
        for (int i = 0; i < n; i++) {
            float[] row = {a[2 * i], a[2 * i + 1]};
            boolean found = false;
            for (int j = 0; j < n && !found; j++) {
                found = sortedOriginal[2 * j] == row[0] && sortedOriginal[2 * j + 1] == row[1];
            }
            assertTrue(found, "row " + i + " is one of the batch's noise rows");
        }
        double random = Coupling.meanSquaredDistance(b[0], b[1], n);
        double entropic = Coupling.meanSquaredDistance(a, b[1], n);
        double exact = exactCost(b[0], b[1], n);
        assertTrue(entropic < 0.6 * random && entropic > exact, "exact " + exact + " < entropic " + entropic
                + " < random " + random);
    }

    @Test
    void specsParseAndBadOnesNameTheChoices() {
        assertEquals("independent", Coupling.parse("independent").id());
        assertEquals("ot", Coupling.parse("OT").id());
        assertEquals("ot:0.05", Coupling.parse("ot:0.05").id());
        assertEquals(0.05, ((SinkhornCoupling) Coupling.parse(Coupling.parse("ot:0.05").id())).epsilon());
        for (String bad : new String[]{"sinkhorn", "ot:", "ot:-1", "ot:0", "ot:nan", "ot:abc", ""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Coupling.parse(bad), bad);
            assertTrue(e.getMessage().contains("ot:"), e.getMessage());
        }
    }
}
