using System.Collections.Immutable;

namespace GapLens.Statistics;

/// <summary>
/// Binary logistic regression with an L2 penalty, fitted to the exact optimum by Newton's method with
/// a backtracking line search. It minimises scikit-learn's objective for
/// <c>LogisticRegression(penalty="l2", C=c, fit_intercept=True)</c> with sample weights s_i and labels
/// t_i in {-1, +1}:
/// <code>
///   C * sum_i s_i * log(1 + exp(-t_i (x_i . w + b)))  +  0.5 * ||w||^2
/// </code>
/// (the intercept b is not penalised, as with the lbfgs, newton-cg and sag solvers; liblinear penalises
/// it and gives other values). The objective is strictly convex in w, so every solver that converges
/// reaches the same w and b; with a tight tolerance they agree to many digits. <c>c</c> = +infinity
/// drops the penalty; when the classes are then separable there is no finite optimum and the
/// coefficients grow until the gradient underflows (check their size, not only Converged).
/// </summary>
public static class LogisticRegression
{
    /// <param name="x">Rows of features (all rows the same length).</param>
    /// <param name="y">The label of each row (true = the positive class).</param>
    /// <param name="sampleWeight">One non-negative weight per row, or empty for all ones.</param>
    /// <param name="c">Inverse regularisation strength (scikit-learn's C), &gt; 0.</param>
    /// <param name="tolerance">Stop when every gradient component is below tolerance x max(1, sum of weights).</param>
    /// <param name="maxIterations">Newton steps at most.</param>
    public static LogisticModel Fit(IReadOnlyList<double[]> x, ReadOnlySpan<bool> y, ReadOnlySpan<double> sampleWeight = default, double c = 1.0, double tolerance = 1e-10, int maxIterations = 200)
    {
        ArgumentNullException.ThrowIfNull(x);
        int n = x.Count;
        if (y.Length != n) throw new ArgumentException("one label per row", nameof(y));
        if (!sampleWeight.IsEmpty && sampleWeight.Length != n) throw new ArgumentException("one weight per row", nameof(sampleWeight));
        if (!(c > 0)) throw new ArgumentOutOfRangeException(nameof(c), c, "C must be positive");
        if (n == 0) throw new ArgumentException("no rows", nameof(x));
        int d = x[0].Length;
        var s = new double[n];
        double wPos = 0, wNeg = 0;
        for (int i = 0; i < n; i++)
        {
            if (x[i].Length != d) throw new ArgumentException($"row {i} has {x[i].Length} features, row 0 has {d}", nameof(x));
            foreach (double v in x[i])
            {
                if (!double.IsFinite(v)) throw new ArgumentException($"row {i} has a non-finite feature", nameof(x));
            }
            s[i] = sampleWeight.IsEmpty ? 1.0 : sampleWeight[i];
            if (!(s[i] >= 0) || double.IsInfinity(s[i])) throw new ArgumentException("weights must be finite and non-negative", nameof(sampleWeight));
            if (y[i]) wPos += s[i];
            else wNeg += s[i];
        }
        if (wPos <= 0 || wNeg <= 0) throw new ArgumentException("both classes need a positive total weight", nameof(y));
        double lambda = double.IsPositiveInfinity(c) ? 0 : 1.0 / c;
        var t = new double[n];
        for (int i = 0; i < n; i++) t[i] = y[i] ? 1 : -1;
        int p = d + 1; // coefficients, then the intercept
        var beta = new double[p];
        var grad = new double[p];
        var hess = new double[p, p];
        var step = new double[p];
        var trial = new double[p];
        double limit = tolerance * Math.Max(1, wPos + wNeg);
        double f = Objective(x, t, s, beta, lambda);
        int iter = 0;
        bool converged = false;
        while (true)
        {
            GradientAndHessian(x, t, s, beta, lambda, grad, hess);
            double gmax = 0;
            foreach (double g in grad) gmax = Math.Max(gmax, Math.Abs(g));
            if (gmax <= limit)
            {
                converged = true;
                break;
            }
            if (iter == maxIterations) break;
            iter++;
            if (!SolveCholesky(hess, grad, step))
            {
                for (int j = 0; j < p; j++) step[j] = grad[j]; // not positive definite: plain gradient step
            }
            double slope = 0;
            for (int j = 0; j < p; j++) slope -= grad[j] * step[j];
            double alpha = 1, fNew;
            while (true)
            {
                for (int j = 0; j < p; j++) trial[j] = beta[j] - alpha * step[j];
                fNew = Objective(x, t, s, trial, lambda);
                if (fNew <= f + 1e-4 * alpha * slope || alpha < 1e-12) break;
                alpha /= 2;
            }
            if (fNew > f) break; // no descent possible at double precision: the last iterate is the optimum reachable
            Array.Copy(trial, beta, p);
            f = fNew;
        }
        return new LogisticModel([.. beta.Take(d)], beta[d], iter, converged, f);
    }

    internal static double Sigmoid(double z) => z >= 0 ? 1.0 / (1.0 + Math.Exp(-z)) : Math.Exp(z) / (1.0 + Math.Exp(z));

    /// <summary>log(1 + exp(-z)), without overflow.</summary>
    private static double LogLoss(double z) => z > 0 ? double.LogP1(Math.Exp(-z)) : -z + double.LogP1(Math.Exp(z));

    private static double Linear(double[] row, double[] beta)
    {
        double z = beta[^1];
        for (int j = 0; j < row.Length; j++) z += row[j] * beta[j];
        return z;
    }

    private static double Objective(IReadOnlyList<double[]> x, double[] t, double[] s, double[] beta, double lambda)
    {
        double f = 0;
        for (int i = 0; i < x.Count; i++)
        {
            if (s[i] != 0) f += s[i] * LogLoss(t[i] * Linear(x[i], beta));
        }
        double pen = 0;
        for (int j = 0; j < beta.Length - 1; j++) pen += beta[j] * beta[j];
        return f + 0.5 * lambda * pen;
    }

    private static void GradientAndHessian(IReadOnlyList<double[]> x, double[] t, double[] s, double[] beta, double lambda, double[] grad, double[,] hess)
    {
        int p = beta.Length, d = p - 1;
        Array.Clear(grad);
        Array.Clear(hess);
        for (int i = 0; i < x.Count; i++)
        {
            if (s[i] == 0) continue;
            var row = x[i];
            double prob = Sigmoid(Linear(row, beta));
            double r = s[i] * (prob - (t[i] > 0 ? 1 : 0));
            double h = s[i] * prob * (1 - prob);
            for (int a = 0; a < d; a++)
            {
                grad[a] += r * row[a];
                double ha = h * row[a];
                for (int b = 0; b <= a; b++) hess[a, b] += ha * row[b];
                hess[d, a] += ha;
            }
            grad[d] += r;
            hess[d, d] += h;
        }
        for (int a = 0; a < d; a++)
        {
            grad[a] += lambda * beta[a];
            hess[a, a] += lambda;
        }
        for (int a = 0; a < p; a++)
        {
            for (int b = a + 1; b < p; b++) hess[a, b] = hess[b, a];
        }
    }

    /// <summary>Solves H z = g by Cholesky; false when H is not (numerically) positive definite.</summary>
    private static bool SolveCholesky(double[,] h, double[] g, double[] z)
    {
        int p = g.Length;
        var l = new double[p, p];
        for (int i = 0; i < p; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double sum = h[i, j];
                for (int k = 0; k < j; k++) sum -= l[i, k] * l[j, k];
                if (i == j)
                {
                    if (!(sum > 1e-300)) return false;
                    l[i, i] = Math.Sqrt(sum);
                }
                else
                {
                    l[i, j] = sum / l[j, j];
                }
            }
        }
        var u = new double[p];
        for (int i = 0; i < p; i++)
        {
            double sum = g[i];
            for (int k = 0; k < i; k++) sum -= l[i, k] * u[k];
            u[i] = sum / l[i, i];
        }
        for (int i = p - 1; i >= 0; i--)
        {
            double sum = u[i];
            for (int k = i + 1; k < p; k++) sum -= l[k, i] * z[k];
            z[i] = sum / l[i, i];
        }
        return true;
    }
}
