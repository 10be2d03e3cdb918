package dev.spawn.monitoring.promql.eval;

/**
 * Go's math where Prometheus' results depend on it. Only what gives Go's bits is computed; the rest is {@link
 * Unsupported}: Go's Log, Exp and trigonometry (amd64 assembly, Cephes) differ from fdlibm's ({@link StrictMath}) in
 * the last bit (the differential found it), and Go's Pow changed how it multiplies small integer powers between
 * releases, so only the exponents whose products agree in every release are computed.
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
        if (yf == 0 && a <= 127) {
            return smallIntegerPower(x, a, y < 0);
        }
        if (yi >= 0x1p63) {
            if (x == -1) {
                return 1;
            }
            return (Math.abs(x) < 1) == (y > 0) ? 0 : Double.POSITIVE_INFINITY;
        }
        // Integer exponents beyond 127: the same algorithm in every Go release, squaring mantissas, then Ldexp.
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

    /**
     * Integer exponents up to 127, which Go 1.21 computes by a new loop and older releases by squaring mantissas:
     * only the exponents whose products are the same in both are computed.
     */
    private static double smallIntegerPower(double x, double a, boolean negative) {
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
            throw new Unsupported("x ^ " + GoFormat.formatV(negative ? -a : a) + " (Go's Pow changed how it multiplies small integer powers)");
        }
        r = negative ? 1 / r : r;
        if (r != 0 && Math.abs(r) < Double.MIN_NORMAL || Double.isInfinite(r)) {
            throw new Unsupported("x ^ y overflowing or subnormal (Go's Pow scales with Ldexp)");
        }
        return r;
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
