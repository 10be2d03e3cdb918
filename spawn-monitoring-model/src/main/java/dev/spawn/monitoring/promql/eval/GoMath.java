package dev.spawn.monitoring.promql.eval;

/**
 * Go's math where Prometheus' results depend on it, as Prometheus 2.42 is built (Go 1.19, amd64). Only what gives
 * Go's bits is computed; the rest is {@link Unsupported}. Go's Log is its amd64 assembly, done here operation by
 * operation; Exp's assembly takes an FMA path on CPUs that have one, so its bits (and fractional powers, which use it)
 * depend on the machine; atan, asin, acos and atan2 follow Go's Cephes code here; sin, cos and tan (Cephes with
 * Payne-Hanek reduction) are not ported, and differ from fdlibm's ({@link StrictMath}) in the last bit. Integer powers follow Go 1.19's Pow (Go 1.21 multiplies small powers in another
 * order).
 */
final class GoMath {

    private static final double HSQRT2 = 7.07106781186547524401e-01;
    private static final double LN2_HI = 6.93147180369123816490e-01;
    private static final double LN2_LO = 1.90821492927058770002e-10;
    private static final double L1 = 6.666666666666735130e-01;
    private static final double L2 = 3.999999999940941908e-01;
    private static final double L3 = 2.857142874366239149e-01;
    private static final double L4 = 2.222219843214978396e-01;
    private static final double L5 = 1.818357216161805012e-01;
    private static final double L6 = 1.531383769920937332e-01;
    private static final double L7 = 1.479819860511658591e-01;
    /** Go's {@code 1/Ln2} and {@code 1/Ln10}: constant expressions Go evaluates exactly, then rounds. */
    private static final double INV_LN2 = 1.44269504088896340735992468100189213742664595415298593413544940693110921918118;
    private static final double INV_LN10 = 0.43429448190325182765112891891660508229439700580366656611445378316586464920887;

    private GoMath() {
    }

    /**
     * Go's Log on amd64 (log_amd64.s, the FreeBSD algorithm of log.go in SSE2, one IEEE operation at a time), which
     * rounds differently from fdlibm's in the last bit for some inputs. Subnormals take the assembly's bit arithmetic.
     */
    static double log(double x) {
        long bits = Double.doubleToRawLongBits(x);
        if ((bits & ~(1L << 63)) == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (bits < 0) {
            return Double.NaN;
        }
        if (bits >= 0x7FF0000000000000L) {
            return x; // +Inf or NaN
        }
        double f1 = Double.longBitsToDouble((bits & 0x000FFFFFFFFFFFFFL) | 0x3FE0000000000000L);
        double k = (double) ((int) ((bits >>> 52) & 0x7FF) - 0x3FE);
        if (f1 < HSQRT2) {
            k -= 1;
            f1 *= 2;
        }
        double f = f1 - 1;
        double s = f / (2 + f);
        double s2 = s * s;
        double s4 = s2 * s2;
        double t1 = s2 * (((L7 * s4 + L5) * s4 + L3) * s4 + L1);
        double t2 = s4 * ((L6 * s4 + L4) * s4 + L2);
        double r = t1 + t2;
        double hfsq = 0.5 * f * f;
        return k * LN2_HI - ((hfsq - (s * (hfsq + r) + k * LN2_LO)) - f);
    }

    /** Go's Log2: Frexp, exact for powers of two, else Log of the fraction. */
    static double log2(double x) {
        if (x == 0 || Double.isNaN(x) || Double.isInfinite(x)) {
            return log(x) * INV_LN2 + 0; // Frexp returns (x, 0) for these
        }
        int e = frexpExponent(x);
        double frac = Math.scalb(x, -e);
        if (frac == 0.5) {
            return e - 1;
        }
        return log(frac) * INV_LN2 + e;
    }

    /** Go's Log10: Log times 1/Ln10. */
    static double log10(double x) {
        return log(x) * INV_LN10;
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
            throw new Unsupported("x ^ y for a fractional y (Go's Exp depends on the CPU's FMA)");
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

    private static final double PI = Math.PI;
    /** Go's {@code 3*Pi/4}, a constant expression rounded once. */
    private static final double THREE_PI_4 = 2.35619449019234492884698253745962716314787704953132936573120844;
    private static final double MOREBITS = 6.123233995736765886130e-17;
    private static final double TAN3PIO8 = 2.41421356237309504880;

    /** Go's xatan (Cephes): a rational approximation on [0, 0.66]. */
    private static double xatan(double x) {
        double z = x * x;
        z = z * ((((-8.750608600031904122785e-01 * z + -1.615753718733365076637e+01) * z + -7.500855792314704667340e+01) * z
                + -1.228866684490136173410e+02) * z + -6.485021904942025371773e+01)
                / (((((z + 2.485846490142306297962e+01) * z + 1.650270098316988542046e+02) * z + 4.328810604912902668951e+02) * z
                        + 4.853903996359136964868e+02) * z + 1.945506571482613964425e+02);
        return x * z + x;
    }

    /** Go's satan: reduces a positive argument to [0, 0.66]. */
    private static double satan(double x) {
        if (x <= 0.66) {
            return xatan(x);
        }
        if (x > TAN3PIO8) {
            return PI / 2 - xatan(1 / x) + MOREBITS;
        }
        return PI / 4 + xatan((x - 1) / (x + 1)) + 0.5 * MOREBITS;
    }

    static double atan(double x) {
        if (x == 0) {
            return x;
        }
        return x > 0 ? satan(x) : -satan(-x);
    }

    static double asin(double x) {
        if (x == 0) {
            return x;
        }
        boolean sign = x < 0;
        if (sign) {
            x = -x;
        }
        if (x > 1) {
            return Double.NaN;
        }
        double temp = Math.sqrt(1 - x * x);
        temp = x > 0.7 ? PI / 2 - satan(temp / x) : satan(x / temp);
        return sign ? -temp : temp;
    }

    static double acos(double x) {
        return PI / 2 - asin(x);
    }

    static double atan2(double y, double x) {
        if (Double.isNaN(y) || Double.isNaN(x)) {
            return Double.NaN;
        }
        if (y == 0) {
            return x >= 0 && Double.doubleToRawLongBits(x) >= 0 ? Math.copySign(0, y) : Math.copySign(PI, y);
        }
        if (x == 0) {
            return Math.copySign(PI / 2, y);
        }
        if (Double.isInfinite(x)) {
            if (x > 0) {
                return Double.isInfinite(y) ? Math.copySign(PI / 4, y) : Math.copySign(0, y);
            }
            return Double.isInfinite(y) ? Math.copySign(THREE_PI_4, y) : Math.copySign(PI, y);
        }
        if (Double.isInfinite(y)) {
            return Math.copySign(PI / 2, y);
        }
        double q = atan(y / x);
        if (x < 0) {
            return q <= 0 ? q + PI : q - PI;
        }
        return q;
    }
}
