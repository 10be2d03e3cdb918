package dev.spawn.monitoring.promql.eval;

/**
 * Go's math functions where Prometheus' results depend on them. Only what gives Go's bits is computed; the rest is
 * {@link Unsupported}: Go's transcendental functions are not fdlibm's (Java's {@link StrictMath}), and Go's Pow
 * changed its algorithm between releases, so only exponents whose products agree in every Go version are computed.
 */
final class GoMath {

    /** Go's {@code 1/Ln2} and {@code 1/Ln10}, constant expressions Go evaluates exactly and then rounds. */
    private static final double INV_LN2 = 1.44269504088896340735992468100189213742664595415298593413544940693110921918118;
    private static final double INV_LN10 = 0.43429448190325182765112891891660508229439700580366656611445378316586464920887;

    private GoMath() {
    }

    static double pow(double x, double y) {
        if (y == 0 || x == 1) {
            return 1;
        }
        if (Double.isNaN(x) || Double.isNaN(y)) {
            return Double.NaN;
        }
        if (x == 0) {
            if (y < 0) {
                return isOddInt(y) ? Math.copySign(Double.POSITIVE_INFINITY, x) : Double.POSITIVE_INFINITY;
            }
            return isOddInt(y) ? x : 0;
        }
        if (Double.isInfinite(y)) {
            if (x == -1) {
                return 1;
            }
            return (Math.abs(x) < 1) == (y > 0) ? 0 : Double.POSITIVE_INFINITY;
        }
        if (Double.isInfinite(x)) {
            if (x < 0) {
                return pow(1 / x, -y);
            }
            return y < 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        if (y == 0.5) {
            return Math.sqrt(x);
        }
        if (y == -0.5) {
            return 1 / Math.sqrt(x);
        }
        double a = Math.abs(y);
        if (a != Math.rint(a) && x < 0) {
            return Double.NaN;
        }
        // Exponents 1-6 and 8 multiply the same powers in the same order in Go's old (Frexp) and new (int8) loops.
        double r;
        if (a == 1) {
            r = x;
        } else if (a == 2) {
            r = x * x;
        } else if (a == 3) {
            r = (x * x) * x;
        } else if (a == 4) {
            double x2 = x * x;
            r = x2 * x2;
        } else if (a == 5) {
            double x2 = x * x;
            r = x * (x2 * x2);
        } else if (a == 6) {
            double x2 = x * x;
            r = x2 * (x2 * x2);
        } else if (a == 8) {
            double x2 = x * x;
            double x4 = x2 * x2;
            r = x4 * x4;
        } else {
            throw new Unsupported("x ^ y for the exponent " + GoFormat.formatV(y) + " (Go's Pow differs from Java's)");
        }
        r = y < 0 ? 1 / r : r;
        if (r != 0 && Math.abs(r) < Double.MIN_NORMAL || Double.isInfinite(r)) {
            throw new Unsupported("x ^ y overflowing or subnormal (Go's Pow scales with Ldexp)");
        }
        return r;
    }

    private static boolean isOddInt(double y) {
        if (y != Math.rint(y) || Double.isInfinite(y)) {
            return false;
        }
        // Go: int64(xi)&1 == 1, where int64 of a huge float is implementation-defined; beyond 2^53 all floats are even.
        return Math.abs(y) < 9.007199254740992E15 && ((long) y & 1) == 1;
    }

    static double atan2(double y, double x) {
        throw new Unsupported("atan2 (Go's Atan is not fdlibm's)");
    }

    static double ln(double x) {
        return StrictMath.log(x);
    }

    static double log2(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x) || x <= 0) {
            return StrictMath.log(x) * INV_LN2; // NaN, +Inf, -Inf for 0, NaN below
        }
        int exp = Math.getExponent(x);
        double frac;
        if (exp == Double.MIN_EXPONENT - 1) {
            // Subnormal: normalise as Go's Frexp does.
            double n = x * 0x1p52;
            exp = Math.getExponent(n) - 52;
            frac = n / Math.scalb(1.0, Math.getExponent(n) + 1);
        } else {
            frac = x / Math.scalb(1.0, exp + 1);
        }
        int e = exp + 1; // Frexp: x = frac * 2^e, frac in [0.5, 1)
        if (frac == 0.5) {
            return e - 1;
        }
        return StrictMath.log(frac) * INV_LN2 + e;
    }

    static double log10(double x) {
        return StrictMath.log(x) * INV_LN10;
    }
}
