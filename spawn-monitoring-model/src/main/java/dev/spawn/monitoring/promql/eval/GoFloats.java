package dev.spawn.monitoring.promql.eval;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Go's strconv.FormatFloat for float64 in the formats fmt uses ('g', 'e', 'f'), shortest (precision -1) or with a
 * precision: the digits are the exact binary value rounded half to even (as Go's exact algorithms do), the layout
 * Go's (at least two exponent digits, no trailing zeros in 'g', the 'g' switch to exponent form when the exponent is
 * below -4 or at least the precision, 6 for shortest).
 */
final class GoFloats {

    /** Decimal digits without leading or trailing zeros (empty for zero) and where the point goes: 0.digits × 10^dp. */
    private record Digits(String d, int dp) {

        int nd() {
            return d.length();
        }
    }

    private GoFloats() {
    }

    /** strconv.FormatFloat(v, fmt, prec, 64) with fmt one of 'g', 'e', 'f' ('G', 'E' upper-case the result). */
    static String format(double v, char fmt, int prec) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        boolean neg = (Double.doubleToRawLongBits(v) < 0);
        double abs = Math.abs(v);
        char lower = Character.toLowerCase(fmt);
        String s = switch (lower) {
            case 'e' -> prec < 0 ? fmtE(neg, shortest(abs), shortest(abs).nd() - 1) : fmtE(neg, rounded(abs, prec + 1), prec);
            case 'f' -> prec < 0 ? fmtF(neg, shortest(abs), Math.max(shortest(abs).nd() - shortest(abs).dp(), 0))
                    : fixed(neg, abs, prec);
            case 'g' -> formatG(neg, abs, prec);
            default -> throw new IllegalArgumentException("format " + fmt);
        };
        return Character.isUpperCase(fmt) ? s.toUpperCase(java.util.Locale.ROOT) : s;
    }

    private static String formatG(boolean neg, double abs, int prec) {
        boolean shortest = prec < 0;
        if (prec == 0) {
            prec = 1;
        }
        Digits digs = shortest ? shortest(abs) : rounded(abs, prec);
        if (shortest) {
            prec = digs.nd();
        }
        int eprec = prec;
        if (eprec > digs.nd() && digs.nd() >= digs.dp()) {
            eprec = digs.nd();
        }
        if (shortest) {
            eprec = 6;
        }
        int exp = digs.dp() - 1;
        if (exp < -4 || exp >= eprec) {
            if (prec > digs.nd()) {
                prec = digs.nd();
            }
            return fmtE(neg, digs, prec - 1);
        }
        if (prec > digs.dp()) {
            prec = digs.nd();
        }
        return fmtF(neg, digs, Math.max(prec - digs.dp(), 0));
    }

    /** The shortest digits that read back as abs (the nearest such when several have that length). */
    private static Digits shortest(double abs) {
        if (abs == 0) {
            return new Digits("", 0);
        }
        if (abs >= Double.MIN_NORMAL) {
            Digits java = javaDigits(abs);
            if (java.nd() <= 15) {
                // Java's Double.toString reads back; two decimals of at most 15 digits never read back as one
                // normal double, so with 15 or fewer digits it is the only, hence the shortest, such decimal.
                return java;
            }
        }
        // Some p-digit decimal reads back as abs for every p from the shortest on: search for the shortest.
        // (17 digits always do).
        BigDecimal exact = new BigDecimal(abs);
        int lo = 1;
        int hi = 17;
        while (lo < hi) {
            int p = (lo + hi) / 2;
            if (readsBack(exact, abs, p) != null) {
                hi = p;
            } else {
                lo = p + 1;
            }
        }
        return digits(readsBack(exact, abs, lo));
    }

    /** The digits of Double.toString(abs) (abs positive and finite). */
    private static Digits javaDigits(double abs) {
        String s = Double.toString(abs);
        int e = s.indexOf('E');
        int exp = e < 0 ? 0 : Integer.parseInt(s.substring(e + 1));
        String mantissa = e < 0 ? s : s.substring(0, e);
        int point = mantissa.indexOf('.');
        String d = mantissa.substring(0, point) + mantissa.substring(point + 1);
        int dp = point + exp;
        int start = 0;
        while (start < d.length() && d.charAt(start) == '0') {
            start++;
            dp--;
        }
        int end = d.length();
        while (end > start && d.charAt(end - 1) == '0') {
            end--;
        }
        return new Digits(d.substring(start, end), dp);
    }

    /** The p-digit decimal nearest to exact that reads back as abs (the other neighbour if the nearest does not), or null. */
    private static BigDecimal readsBack(BigDecimal exact, double abs, int p) {
        BigDecimal nearest = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
        if (nearest.doubleValue() == abs) {
            return nearest;
        }
        for (RoundingMode mode : new RoundingMode[] {RoundingMode.FLOOR, RoundingMode.CEILING}) {
            BigDecimal other = exact.round(new MathContext(p, mode));
            if (other.compareTo(nearest) != 0 && other.doubleValue() == abs) {
                return other;
            }
        }
        return null;
    }

    /** abs rounded half to even to sig significant digits. */
    private static Digits rounded(double abs, int sig) {
        if (abs == 0) {
            return new Digits("", 0);
        }
        return digits(new BigDecimal(abs).round(new MathContext(sig, RoundingMode.HALF_EVEN)));
    }

    private static String fixed(boolean neg, double abs, int prec) {
        String plain = new BigDecimal(abs).setScale(prec, RoundingMode.HALF_EVEN).toPlainString();
        return neg ? "-" + plain : plain;
    }

    private static Digits digits(BigDecimal value) {
        String s = value.unscaledValue().toString();
        int dp = s.length() - value.scale();
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '0') {
            end--;
        }
        return new Digits(s.substring(0, end), end == 0 ? 0 : dp);
    }

    private static String fmtE(boolean neg, Digits digs, int prec) {
        StringBuilder b = new StringBuilder();
        if (neg) {
            b.append('-');
        }
        b.append(digs.nd() == 0 ? '0' : digs.d().charAt(0));
        if (prec > 0) {
            b.append('.');
            int i = 1;
            int m = Math.min(digs.nd(), prec + 1);
            if (i < m) {
                b.append(digs.d(), i, m);
                i = m;
            }
            for (; i <= prec; i++) {
                b.append('0');
            }
        }
        b.append('e');
        int exp = digs.nd() == 0 ? 0 : digs.dp() - 1;
        b.append(exp < 0 ? '-' : '+');
        exp = Math.abs(exp);
        if (exp < 10) {
            b.append('0');
        }
        return b.append(exp).toString();
    }

    private static String fmtF(boolean neg, Digits digs, int prec) {
        StringBuilder b = new StringBuilder();
        if (neg) {
            b.append('-');
        }
        if (digs.dp() > 0) {
            int m = Math.min(digs.nd(), digs.dp());
            b.append(digs.d(), 0, m);
            for (; m < digs.dp(); m++) {
                b.append('0');
            }
        } else {
            b.append('0');
        }
        if (prec > 0) {
            b.append('.');
            for (int i = 1; i <= prec; i++) {
                int j = digs.dp() + i - 1;
                b.append(j >= 0 && j < digs.nd() ? digs.d().charAt(j) : '0');
            }
        }
        return b.toString();
    }
}
