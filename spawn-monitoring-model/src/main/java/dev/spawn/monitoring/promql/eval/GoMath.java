package dev.spawn.monitoring.promql.eval;

/**
 * Go's math where Prometheus' results depend on it. Only what gives Go's bits is computed; the rest is {@link
 * Unsupported}: Go's Log, Exp and trigonometry (amd64 assembly, Cephes) differ from fdlibm's ({@link StrictMath}) in
 * the last bit (the differential found it), so fractional powers (Exp and Log) are refused too. Integer powers follow
 * Go 1.19's Pow, which Prometheus 2.42 is built with (Go 1.21 multiplies small powers in another order).
 */
final class GoMath {

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
        double yi = a < 0x1p52 ? (double) (long) a : a; // Modf
        double yf = a - yi;
        if (yf != 0 && x < 0) {
            return Double.NaN;
        }
        if (yi >= 0x1p63) {
            if (x == -1) {
                return 1;
            }
            return (Math.abs(x) < 1) == (y > 0) ? 0 : Double.POSITIVE_INFINITY;
        }
        // Go 1.19's loop (Prometheus 2.42 is built with it): squaring mantissas by the bits of y, then Ldexp.
        if (yf != 0) {
            throw new Unsupported("x ^ y for a fractional y (Go's Exp and Log round differently from Java's)");
        }
        double a1 = 1.0;
        long ae = 0;
        int xe = frexpExponent(x);
        double x1 = Math.scalb(x, -xe); // exact: the mantissa in [0.5, 1)
        for (long i = (long) yi; i != 0; i >>= 1) {
            if (xe < -(1 << 12) || (1 << 12) < xe) {
                ae += xe;
                break;
            }
            if ((i & 1) == 1) {
                a1 *= x1;
                ae += xe;
            }
            x1 *= x1;
            xe <<= 1;
            if (x1 < .5) {
                x1 += x1;
                xe--;
            }
        }
        if (y < 0) {
            a1 = 1 / a1;
            ae = -ae;
        }
        return ldexp(a1, ae);
    }

    /** Frexp's exponent: x = frac * 2^e with frac in [0.5, 1). */
    private static int frexpExponent(double x) {
        int e = Math.getExponent(x);
        if (e == Double.MIN_EXPONENT - 1) {
            e = Math.getExponent(x * 0x1p54) - 54;
        }
        return e + 1;
    }

    /** Go's Ldexp: one rounding, also into the subnormals. */
    private static double ldexp(double frac, long exp) {
        if (frac == 0 || Double.isNaN(frac) || Double.isInfinite(frac)) {
            return frac;
        }
        long e = Math.max(Math.min(exp, 4000), -4000);
        return Math.scalb(frac, (int) e);
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
}
