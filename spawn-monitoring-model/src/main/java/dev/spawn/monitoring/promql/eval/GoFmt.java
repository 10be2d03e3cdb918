package dev.spawn.monitoring.promql.eval;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Go 1.19's fmt.Sprint, Sprintln and Sprintf over {@link GoValues}: the verbs templates use (%v %s %d %f %e %g %q %x
 * and their upper-case forms, %t, %c %q %U of ints), the flags {@code + - 0 space}, width and precision, and fmt's
 * own error texts ({@code %!d(string=x)}, {@code %!v(MISSING)}, {@code %!(EXTRA ...)}, {@code %!(NOVERB)}). Other
 * verbs and flags (%x %b on floats, %O, {@code #}, {@code *}, argument indexes) throw {@link Unsupported}.
 */
final class GoFmt {

    private static final class Spec {
        boolean plus;
        boolean minus;
        boolean zero;
        boolean space;
        int width = -1;
        int prec = -1;
    }

    private GoFmt() {
    }

    static String sprint(List<Object> args) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < args.size(); i++) {
            Object arg = args.get(i);
            if (i > 0 && !GoValues.isStringKind(arg) && !GoValues.isStringKind(args.get(i - 1))) {
                b.append(' ');
            }
            b.append(GoValues.print(arg));
        }
        return b.toString();
    }

    static String sprintln(List<Object> args) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < args.size(); i++) {
            b.append(i == 0 ? "" : " ").append(GoValues.print(args.get(i)));
        }
        return b.append('\n').toString();
    }

    static String sprintf(String format, List<Object> args) {
        StringBuilder b = new StringBuilder();
        int argNum = 0;
        int i = 0;
        int end = format.length();
        while (i < end) {
            int percent = format.indexOf('%', i);
            if (percent < 0) {
                b.append(format, i, end);
                break;
            }
            b.append(format, i, percent);
            i = percent + 1;
            Spec spec = new Spec();
            flags:
            while (i < end) {
                switch (format.charAt(i)) {
                    case '+' -> spec.plus = true;
                    case '-' -> {
                        spec.minus = true;
                        spec.zero = false;
                    }
                    case '0' -> spec.zero = !spec.minus;
                    case ' ' -> spec.space = true;
                    case '#' -> throw new Unsupported("printf flag # in " + GoText.quote(format));
                    default -> {
                        break flags;
                    }
                }
                i++;
            }
            int start = i;
            while (i < end && Character.isDigit(format.charAt(i)) && format.charAt(i) < 128) {
                i++;
            }
            if (i > start) {
                spec.width = parseNumber(format, start, i);
            }
            if (i < end && format.charAt(i) == '.') {
                i++;
                start = i;
                while (i < end && format.charAt(i) >= '0' && format.charAt(i) <= '9') {
                    i++;
                }
                spec.prec = i > start ? parseNumber(format, start, i) : 0;
            }
            if (i < end && (format.charAt(i) == '*' || format.charAt(i) == '[')) {
                throw new Unsupported("printf width/precision/argument index " + format.charAt(i) + " in "
                        + GoText.quote(format));
            }
            if (i >= end) {
                b.append("%!(NOVERB)");
                break;
            }
            int verb = format.codePointAt(i);
            i += Character.charCount(verb);
            if (verb == '%') {
                if (spec.width >= 0 || spec.prec >= 0 || spec.plus || spec.minus || spec.zero || spec.space) {
                    throw new Unsupported("printf %% with flags in " + GoText.quote(format));
                }
                b.append('%');
                continue;
            }
            if (argNum >= args.size()) {
                b.append("%!").appendCodePoint(verb).append("(MISSING)");
                continue;
            }
            Object arg = args.get(argNum++);
            if (verb == 'v' && spec.plus) {
                // %+v is fmt's "field names" form, not a sign
                if (arg instanceof GoValues.Data) {
                    throw new Unsupported("printf %+v of the template data");
                }
                spec.plus = false;
            }
            b.append(formatArg(arg, verb, spec, format));
        }
        if (argNum < args.size()) {
            b.append("%!(EXTRA ");
            for (int a = argNum; a < args.size(); a++) {
                Object arg = args.get(a);
                b.append(a == argNum ? "" : ", ");
                b.append(arg == null ? "<nil>" : GoValues.typeName(arg) + "=" + GoValues.print(arg));
            }
            b.append(')');
        }
        return b.toString();
    }

    private static int parseNumber(String format, int from, int to) {
        if (to - from > 6) {
            throw new Unsupported("printf width or precision " + format.substring(from, to));
        }
        return Integer.parseInt(format.substring(from, to));
    }

    private static String formatArg(Object arg, int verb, Spec spec, String format) {
        if (verb == 'T') {
            return padString(arg == null ? "<nil>" : GoValues.typeName(arg), spec);
        }
        if (verb == 'p') {
            throw new Unsupported("printf %p");
        }
        if (arg instanceof Double d) {
            return switch (verb) {
                case 'v' -> formatFloat(d, 'g', spec.prec, spec);
                case 'g', 'G' -> formatFloat(d, (char) verb, spec.prec, spec);
                case 'e', 'E', 'f' -> formatFloat(d, (char) verb, spec.prec < 0 ? 6 : spec.prec, spec);
                case 'F' -> formatFloat(d, 'f', spec.prec < 0 ? 6 : spec.prec, spec);
                case 'x', 'X', 'b' -> throw new Unsupported("printf %" + (char) verb + " of a float64");
                default -> badVerb(arg, verb, spec);
            };
        } else if (arg instanceof Long l) {
            return switch (verb) {
                case 'v', 'd' -> formatInteger(l, 10, false, spec);
                case 'x' -> formatInteger(l, 16, false, spec);
                case 'X' -> formatInteger(l, 16, true, spec);
                case 'o' -> formatInteger(l, 8, false, spec);
                case 'b' -> formatInteger(l, 2, false, spec);
                case 'c' -> padString(Character.toString(l < 0 || l > 0x10ffff || (l >= 0xd800 && l < 0xe000)
                        ? 0xfffd : (int) (long) l), spec);
                case 'q' -> padString(GoText.quoteRune(l), spec);
                case 'U' -> {
                    if (spec.prec >= 0 || spec.plus || spec.space) {
                        throw new Unsupported("printf %U with flags or precision");
                    }
                    String hex = Long.toHexString(l).toUpperCase(Locale.ROOT);
                    spec.zero = false; // fmtUnicode pads with spaces only
                    yield padString("U+" + "0".repeat(Math.max(0, 4 - hex.length())) + hex, spec);
                }
                case 'O' -> throw new Unsupported("printf %O of an int");
                default -> badVerb(arg, verb, spec);
            };
        } else if (arg instanceof String || arg instanceof GoValues.Html) {
            String s = GoValues.print(arg);
            return switch (verb) {
                case 'v', 's' -> padString(truncate(s, spec.prec), spec);
                case 'q' -> padString(GoText.quote(truncate(s, spec.prec)), spec);
                case 'x', 'X' -> {
                    if (spec.prec >= 0 || spec.space || spec.plus) {
                        throw new Unsupported("printf %x with flags or precision in " + GoText.quote(format));
                    }
                    StringBuilder hex = new StringBuilder();
                    for (byte c : s.getBytes(StandardCharsets.UTF_8)) {
                        hex.append(String.format(verb == 'x' ? "%02x" : "%02X", c & 0xff));
                    }
                    yield padString(hex.toString(), spec);
                }
                default -> badVerb(arg, verb, spec);
            };
        } else if (arg instanceof Boolean) {
            return switch (verb) {
                case 'v', 't' -> padString(arg.toString(), spec);
                default -> badVerb(arg, verb, spec);
            };
        } else if (arg == null) {
            return switch (verb) {
                case 'v' -> padString("<nil>", spec);
                default -> badVerb(arg, verb, spec);
            };
        } else if (arg instanceof java.util.Map<?, ?> m) {
            return formatMap(m, verb, spec, format);
        } else if (arg instanceof GoValues.Args a) {
            return formatMap(a.map(), verb, spec, format);
        } else if ((verb == 'v' || verb == 's') && arg instanceof GoValues.Time) {
            return padString(GoValues.print(arg), spec);
        }
        throw new Unsupported("printf %" + Character.toString(verb) + " of a " + GoValues.typeName(arg));
    }

    /** A map as fmt prints it: {@code map[k:v ...]} in key order, the verb applied to each key and value. */
    private static String formatMap(java.util.Map<?, ?> m, int verb, Spec spec, String format) {
        List<String> keys = new java.util.ArrayList<>();
        m.keySet().forEach(k -> keys.add((String) k));
        keys.sort(GoValues.KEY_ORDER);
        StringBuilder b = new StringBuilder("map[");
        for (int i = 0; i < keys.size(); i++) {
            Object v = m.get(keys.get(i));
            b.append(i == 0 ? "" : " ").append(formatArg(keys.get(i), verb, spec, format)).append(':');
            b.append(v == null ? pad("<nil>", spec) : formatArg(v, verb, spec, format));
        }
        return b.append(']').toString();
    }

    /** fmt's text for a verb the operand's type has no meaning for: the operand printed with %v and the same flags. */
    private static String badVerb(Object arg, int verb, Spec spec) {
        String what = arg == null ? "<nil>" : GoValues.typeName(arg) + "=" + formatArg(arg, 'v', spec, "");
        return "%!" + Character.toString(verb) + "(" + what + ")";
    }

    private static String truncate(String s, int prec) {
        if (prec < 0 || s.codePointCount(0, s.length()) <= prec) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, prec));
    }

    /** Go 1.19 pads strings and bools with zeros too when asked ({@code %08s}). */
    private static String padString(String s, Spec spec) {
        int n = spec.width - s.codePointCount(0, s.length());
        if (n > 0 && spec.zero) {
            return "0".repeat(n) + s;
        }
        return pad(s, spec);
    }

    private static String pad(String s, Spec spec) {
        int n = spec.width - s.codePointCount(0, s.length());
        if (n <= 0) {
            return s;
        }
        String fill = " ".repeat(n);
        return spec.minus ? s + fill : fill + s;
    }

    private static String formatFloat(double v, char verb, int prec, Spec spec) {
        String num = GoFloats.format(v, verb, prec);
        boolean special = Double.isNaN(v) || Double.isInfinite(v);
        String sign;
        String digits;
        if (num.startsWith("-") || num.startsWith("+")) {
            sign = num.substring(0, 1);
            digits = num.substring(1);
        } else {
            sign = "+";
            digits = num;
        }
        if (spec.space && sign.equals("+") && !spec.plus) {
            sign = " ";
        }
        if (special) {
            if (Double.isNaN(v) && !spec.space && !spec.plus) {
                sign = "";
            }
            return pad(sign + digits, spec);
        }
        if (!spec.plus && sign.equals("+")) {
            sign = "";
        }
        return zeroPad(sign, digits, spec);
    }

    private static String formatInteger(long v, int base, boolean upper, Spec spec) {
        if (spec.prec >= 0) {
            throw new Unsupported("printf precision on an int");
        }
        String digits = Long.toString(Math.abs(v), base);
        if (v == Long.MIN_VALUE) {
            digits = digits.substring(1);
        }
        if (upper) {
            digits = digits.toUpperCase(Locale.ROOT);
        }
        String sign = v < 0 ? "-" : spec.plus ? "+" : spec.space ? " " : "";
        return zeroPad(sign, digits, spec);
    }

    private static String zeroPad(String sign, String digits, Spec spec) {
        if (spec.zero && spec.width > sign.length() + digits.length()) {
            return sign + "0".repeat(spec.width - sign.length() - digits.length()) + digits;
        }
        return pad(sign + digits, spec);
    }

    /** text/template's evalArgs: the text html, js and urlquery escape (fmt.Sprint, a nil operand as {@code <no value>}). */
    static String evalArgs(List<Object> args) {
        if (args.size() == 1 && args.get(0) instanceof String s) {
            return s;
        }
        return sprint(args.stream().map(a -> a == null ? (Object) "<no value>" : a).toList());
    }
}
