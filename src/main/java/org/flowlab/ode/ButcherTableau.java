package org.flowlab.ode;

/**
 * Coefficients of an explicit Runge–Kutta method: stage i evaluates f at t + c[i]·h and
 * x + h·Σ_{j&lt;i} a[i][j]·k_j; the step is x + h·Σ b[i]·k_i.
 *
 * <p>For embedded pairs, {@code errorWeights} = b − b̂ (b̂ the lower-order weights), so the local error
 * estimate is h·Σ errorWeights[i]·k_i. {@code fsal} means the last stage is evaluated at the new point
 * (a[s-1] == b, c[s-1] == 1), so it serves as the first stage of the next step.
 *
 * @param order         classical order of the propagated solution
 * @param errorOrder    order of the embedded estimate (0 when there is none)
 */
public record ButcherTableau(String name, int order, int errorOrder,
                             double[] c, double[][] a, double[] b, double[] errorWeights, boolean fsal) {

    public int stages() {
        return b.length;
    }

    public boolean adaptive() {
        return errorWeights != null;
    }

    public static final ButcherTableau EULER = new ButcherTableau("euler", 1, 0,
            new double[]{0}, new double[][]{{}}, new double[]{1}, null, false);

    public static final ButcherTableau MIDPOINT = new ButcherTableau("midpoint", 2, 0,
            new double[]{0, 0.5}, new double[][]{{}, {0.5}}, new double[]{0, 1}, null, false);

    /** Heun's method (explicit trapezoid). */
    public static final ButcherTableau HEUN = new ButcherTableau("heun", 2, 0,
            new double[]{0, 1}, new double[][]{{}, {1}}, new double[]{0.5, 0.5}, null, false);

    public static final ButcherTableau RK4 = new ButcherTableau("rk4", 4, 0,
            new double[]{0, 0.5, 0.5, 1},
            new double[][]{{}, {0.5}, {0, 0.5}, {0, 0, 1}},
            new double[]{1 / 6.0, 1 / 3.0, 1 / 3.0, 1 / 6.0}, null, false);

    /** Dormand–Prince 5(4), the pair behind torchdiffeq's and the tutorials' "dopri5". */
    public static final ButcherTableau DOPRI5;

    /** Tsitouras 5(4) (Comput. Math. Appl. 62 (2011) 770–775), diffrax's and Julia's "Tsit5". */
    public static final ButcherTableau TSIT5;

    static {
        double[] b5 = {35 / 384.0, 0, 500 / 1113.0, 125 / 192.0, -2187 / 6784.0, 11 / 84.0, 0};
        double[] b4 = {5179 / 57600.0, 0, 7571 / 16695.0, 393 / 640.0, -92097 / 339200.0, 187 / 2100.0, 1 / 40.0};
        DOPRI5 = new ButcherTableau("dopri5", 5, 4,
                new double[]{0, 1 / 5.0, 3 / 10.0, 4 / 5.0, 8 / 9.0, 1, 1},
                new double[][]{
                        {},
                        {1 / 5.0},
                        {3 / 40.0, 9 / 40.0},
                        {44 / 45.0, -56 / 15.0, 32 / 9.0},
                        {19372 / 6561.0, -25360 / 2187.0, 64448 / 6561.0, -212 / 729.0},
                        {9017 / 3168.0, -355 / 33.0, 46732 / 5247.0, 49 / 176.0, -5103 / 18656.0},
                        {35 / 384.0, 0, 500 / 1113.0, 125 / 192.0, -2187 / 6784.0, 11 / 84.0}},
                b5, difference(b5, b4), true);

        double[] bt = {0.09646076681806523, 0.01, 0.4798896504144996, 1.379008574103742,
                -3.290069515436081, 2.324710524099774, 0};
        TSIT5 = new ButcherTableau("tsit5", 5, 4,
                new double[]{0, 0.161, 0.327, 0.9, 0.9800255409045097, 1, 1},
                new double[][]{
                        {},
                        {0.161},
                        {-0.008480655492356989, 0.335480655492357},
                        {2.8971530571054935, -6.359448489975075, 4.3622954328695815},
                        {5.325864828439257, -11.748883564062828, 7.4955393428898365, -0.09249506636175525},
                        {5.86145544294642, -12.92096931784711, 8.159367898576159, -0.071584973281401,
                                -0.028269050394068383},
                        {0.09646076681806523, 0.01, 0.4798896504144996, 1.379008574103742,
                                -3.290069515436081, 2.324710524099774}},
                bt,
                // b − b̂ as published with the method (its sum is 0, so constants are not "errors").
                new double[]{-0.00178001105222577714, -0.0008164344596567469, 0.007880878010261995,
                        -0.1447110071732629, 0.5823571654525552, -0.45808210592918697, 1 / 66.0},
                true);
    }

    private static double[] difference(double[] p, double[] q) {
        double[] d = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            d[i] = p[i] - q[i];
        }
        return d;
    }
}
