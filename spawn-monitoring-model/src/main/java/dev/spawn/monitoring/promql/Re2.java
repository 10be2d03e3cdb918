package dev.spawn.monitoring.promql;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The regular expressions of label matchers as Prometheus 2.42 reads them: Go's regexp/syntax with
 * Perl flags, compiled as {@code ^(?:v)$} and as {@code v} alone (model/labels.NewFastRegexMatcher).
 * {@link #check} gives Go's error message for what Go rejects; {@link #matchesEmpty} tells whether the
 * regex matches the empty string, which decides whether a selector has a non-empty matcher.
 */
final class Re2 {

    private static final Set<String> POSIX_CLASSES = Set.of("alnum", "alpha", "ascii", "blank", "cntrl", "digit",
            "graph", "lower", "print", "punct", "space", "upper", "word", "xdigit");
    private static final Set<String> UNICODE_GROUPS = unicodeGroups();

    /** A parsed node, reduced to what deciding "matches the empty string" needs. */
    private record Node(char kind, int min, int max, List<Node> subs) {
        static final Node CHAR = new Node('c', 0, 0, List.of());
        static final Node EMPTY_WIDTH = new Node('e', 0, 0, List.of());
        static final Node WORD_BOUNDARY = new Node('b', 0, 0, List.of());

        boolean nullable() {
            return switch (kind) {
                case 'c', 'b' -> false;
                case 'e' -> true;
                case 'a' -> subs.stream().anyMatch(Node::nullable);
                case 'r' -> min == 0 || subs.get(0).nullable();
                default -> subs.stream().allMatch(Node::nullable);
            };
        }
    }

    private static final class Error extends RuntimeException {
        Error(String code, String expr) {
            super("error parsing regexp: " + code + ": `" + expr + "`", null, false, false);
        }
    }

    private final String whole;
    private int pos;

    private Re2(String whole) {
        this.whole = whole;
    }

    /** Go's error for a matcher's regex, or empty when Prometheus accepts it. */
    static Optional<String> check(String regex) {
        try {
            new Re2("^(?:" + regex + ")$").parseAll();
            new Re2(regex).parseAll();
            return Optional.empty();
        } catch (Error e) {
            return Optional.of(e.getMessage());
        } catch (StackOverflowError e) {
            // Nesting this deep is far beyond Go's limit of 1000 too.
            return Optional.of("error parsing regexp: expression nests too deeply: `" + regex + "`");
        }
    }

    /** Whether a valid regex matches the whole empty string. */
    static boolean matchesEmpty(String regex) {
        try {
            return new Re2(regex).parseAll().nullable();
        } catch (Error | StackOverflowError e) {
            return false;
        }
    }

    /** Go's limit on the height of the parse tree (regexp/syntax maxHeight, since Go 1.19.2). */
    private static final int MAX_HEIGHT = 1000;

    private Node parseAll() {
        Node n = alternation(0);
        if (pos < whole.length()) {
            // only a ')' stops an alternation early
            throw new Error("unexpected )", whole);
        }
        if (height(n) > MAX_HEIGHT) {
            throw new Error("expression nests too deeply", whole);
        }
        return n;
    }

    /**
     * The height of the tree Go builds: a capture, repeat, alternation or a concatenation of several parts
     * is a node over its parts; a run of characters is one literal; a non-capturing group is no node.
     */
    private static int height(Node n) {
        switch (n.kind()) {
            case 'c', 'e', 'b':
                return 1;
            case 's': {
                int parts = 0;
                int max = 0;
                boolean onlyChars = true;
                for (Node p : n.subs()) {
                    if (p.kind() == 's' && p.subs().isEmpty()) {
                        continue;
                    }
                    parts++;
                    max = Math.max(max, height(p));
                    onlyChars &= p.kind() == 'c';
                }
                return parts == 0 || (parts > 1 && onlyChars) ? 1 : parts == 1 ? max : 1 + max;
            }
            case 'n':
                return n.subs().isEmpty() ? 1 : height(n.subs().get(0));
            default: {
                int max = 0;
                for (Node sub : n.subs()) {
                    max = Math.max(max, height(sub));
                }
                return 1 + max;
            }
        }
    }

    private boolean more() {
        return pos < whole.length();
    }

    private int peek() {
        return whole.codePointAt(pos);
    }

    private int nextRune() {
        int c = whole.codePointAt(pos);
        pos += Character.charCount(c);
        return c;
    }

    private Node alternation(int depth) {
        List<Node> branches = new ArrayList<>();
        branches.add(concat(depth));
        while (more() && peek() == '|') {
            pos++;
            branches.add(concat(depth));
        }
        return branches.size() == 1 ? branches.get(0) : new Node('a', 0, 0, branches);
    }

    private Node concat(int depth) {
        List<Node> items = new ArrayList<>();
        String lastRepeat = null;
        while (more() && peek() != '|' && peek() != ')') {
            int before = pos;
            String repeat = null;
            int c = peek();
            switch (c) {
                case '(' -> group(items, depth);
                case '*', '+', '?' -> {
                    pos++;
                    repeat(items, c == '*' ? 0 : c == '+' ? 1 : 0, c == '?' ? 1 : -1, before, lastRepeat);
                    repeat = whole.substring(before, pos);
                }
                case '{' -> {
                    int[] range = repeatRange();
                    if (range == null) {
                        pos++;
                        items.add(Node.CHAR);
                    } else {
                        int min = range[0];
                        int max = range[1];
                        if (min < 0 || min > 1000 || max > 1000 || (max >= 0 && min > max)) {
                            throw new Error("invalid repeat count", whole.substring(before, pos));
                        }
                        repeat(items, min, max, before, lastRepeat);
                        repeat = whole.substring(before, pos);
                    }
                }
                case '\\' -> escapeItem(items);
                case '[' -> {
                    clazz();
                    items.add(Node.CHAR);
                }
                case '^', '$' -> {
                    pos++;
                    items.add(Node.EMPTY_WIDTH);
                }
                default -> {
                    nextRune();
                    items.add(Node.CHAR);
                }
            }
            lastRepeat = repeat;
        }
        return new Node('s', 0, 0, items);
    }

    private void repeat(List<Node> items, int min, int max, int before, String lastRepeat) {
        if (more() && peek() == '?') {
            pos++;
        }
        if (lastRepeat != null) {
            throw new Error("invalid nested repetition operator", lastRepeat + whole.substring(before, pos));
        }
        if (items.isEmpty()) {
            throw new Error("missing argument to repetition operator", whole.substring(before, pos));
        }
        Node node = new Node('r', min, max, List.of(items.remove(items.size() - 1)));
        if ((min >= 2 || max >= 2) && !repeatIsValid(node, 1000)) {
            throw new Error("invalid repeat count", whole.substring(before, pos));
        }
        items.add(node);
    }

    /** Go's check that nested counted repetitions do not exceed n copies of the innermost thing. */
    private static boolean repeatIsValid(Node node, int n) {
        int limit = n;
        if (node.kind() == 'r' && !(node.min() == 0 && node.max() == -1) && !(node.min() == 1 && node.max() == -1)
                && !(node.min() == 0 && node.max() == 1)) {
            int m = node.max();
            if (m == 0) {
                return true;
            }
            if (m < 0) {
                m = node.min();
            }
            if (m > limit) {
                return false;
            }
            if (m > 0) {
                limit /= m;
            }
        }
        for (Node sub : node.subs()) {
            if (!repeatIsValid(sub, limit)) {
                return false;
            }
        }
        return true;
    }

    /** {@code {n}}, {@code {n,}} or {@code {n,m}} at pos: {min, max (-1 none)} and moves past it; null when it is a literal brace. */
    private int[] repeatRange() {
        int p = pos + 1;
        int[] min = integer(p);
        if (min == null) {
            return null;
        }
        p = min[1];
        int max;
        if (p >= whole.length()) {
            return null;
        }
        if (whole.charAt(p) != ',') {
            max = min[0];
        } else {
            p++;
            if (p >= whole.length()) {
                return null;
            }
            if (whole.charAt(p) == '}') {
                max = -1;
            } else {
                int[] m = integer(p);
                if (m == null) {
                    return null;
                }
                p = m[1];
                max = m[0];
                if (max < 0) {
                    min[0] = -1;
                }
            }
        }
        if (p >= whole.length() || whole.charAt(p) != '}') {
            return null;
        }
        pos = p + 1;
        return new int[] {min[0], max};
    }

    private int[] integer(int p) {
        if (p >= whole.length() || !isDigit(whole.charAt(p))) {
            return null;
        }
        if (p + 1 < whole.length() && whole.charAt(p) == '0' && isDigit(whole.charAt(p + 1))) {
            return null;
        }
        int start = p;
        while (p < whole.length() && isDigit(whole.charAt(p))) {
            p++;
        }
        int n = 0;
        for (int i = start; i < p; i++) {
            if (n >= 100_000_000) {
                n = -1;
                break;
            }
            n = n * 10 + whole.charAt(i) - '0';
        }
        return new int[] {n, p};
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private void group(List<Node> items, int depth) {
        int start = pos;
        if (whole.startsWith("(?", pos)) {
            String rest = whole.substring(pos);
            if (rest.length() > 4 && rest.charAt(2) == 'P' && rest.charAt(3) == '<') {
                int end = rest.indexOf('>');
                if (end < 0) {
                    throw new Error("invalid named capture", rest);
                }
                String name = rest.substring(4, end);
                if (name.isEmpty() || !name.chars().allMatch(ch -> ch == '_' || Character.isLetterOrDigit(ch) && ch < 128)) {
                    throw new Error("invalid named capture", rest.substring(0, end + 1));
                }
                pos += end + 1;
                items.add(closeGroup(depth));
                return;
            }
            pos += 2;
            boolean negated = false;
            boolean sawFlag = false;
            while (more()) {
                int c = nextRune();
                switch (c) {
                    case 'i', 'm', 's', 'U' -> sawFlag = true;
                    case '-' -> {
                        if (negated) {
                            throw new Error("invalid or unsupported Perl syntax", whole.substring(start, pos));
                        }
                        negated = true;
                        sawFlag = false;
                    }
                    case ':', ')' -> {
                        if (negated && !sawFlag) {
                            throw new Error("invalid or unsupported Perl syntax", whole.substring(start, pos));
                        }
                        if (c == ':') {
                            Node group = closeGroup(depth);
                            items.add(new Node('n', 0, 0, group.subs()));
                        }
                        return;
                    }
                    default -> throw new Error("invalid or unsupported Perl syntax", whole.substring(start, pos));
                }
            }
            throw new Error("invalid or unsupported Perl syntax", whole.substring(start, pos));
        }
        pos++;
        items.add(closeGroup(depth));
    }

    private Node closeGroup(int depth) {
        Node inner = alternation(depth + 1);
        if (!more()) {
            throw new Error("missing closing )", whole);
        }
        pos++;
        return new Node('g', 0, 0, List.of(inner));
    }

    private void escapeItem(List<Node> items) {
        if (pos + 1 < whole.length()) {
            char c = whole.charAt(pos + 1);
            switch (c) {
                case 'A', 'z', 'B' -> {
                    pos += 2;
                    items.add(Node.EMPTY_WIDTH);
                    return;
                }
                case 'b' -> {
                    pos += 2;
                    items.add(Node.WORD_BOUNDARY);
                    return;
                }
                case 'C' -> throw new Error("invalid escape sequence", "\\C");
                case 'Q' -> {
                    int end = whole.indexOf("\\E", pos + 2);
                    int litEnd = end < 0 ? whole.length() : end;
                    for (int i = pos + 2; i < litEnd; i++) {
                        items.add(Node.CHAR);
                    }
                    pos = end < 0 ? whole.length() : end + 2;
                    return;
                }
                default -> {
                }
            }
        }
        if (unicodeClass() || perlClass()) {
            items.add(Node.CHAR);
            return;
        }
        escape();
        items.add(Node.CHAR);
    }

    private boolean perlClass() {
        if (pos + 1 < whole.length() && whole.charAt(pos) == '\\' && "dDsSwW".indexOf(whole.charAt(pos + 1)) >= 0) {
            pos += 2;
            return true;
        }
        return false;
    }

    private boolean unicodeClass() {
        if (pos + 1 >= whole.length() || whole.charAt(pos) != '\\' || (whole.charAt(pos + 1) != 'p' && whole.charAt(pos + 1) != 'P')) {
            return false;
        }
        int start = pos;
        pos += 2;
        String name;
        if (!more()) {
            name = "";
        } else if (peek() != '{') {
            name = new String(Character.toChars(nextRune()));
        } else {
            int end = whole.indexOf('}', start);
            if (end < 0) {
                throw new Error("invalid character class range", whole.substring(start));
            }
            name = whole.substring(start + 3, end);
            pos = end + 1;
        }
        if (name.startsWith("^")) {
            name = name.substring(1);
        }
        if (!UNICODE_GROUPS.contains(name)) {
            throw new Error("invalid character class range", whole.substring(start, pos));
        }
        return true;
    }

    /** Go's parseEscape: one escaped character; moves past it. */
    private void escape() {
        int start = pos;
        pos++;
        if (!more()) {
            throw new Error("trailing backslash at end of expression", "");
        }
        int c = nextRune();
        if (c < 0x80 && !Character.isLetterOrDigit(c)) {
            return;
        }
        switch (c) {
            case '1', '2', '3', '4', '5', '6', '7', '0' -> {
                if (c != '0' && (!more() || peek() < '0' || peek() > '7')) {
                    break;
                }
                for (int i = 1; i < 3 && more() && peek() >= '0' && peek() <= '7'; i++) {
                    pos++;
                }
                return;
            }
            case 'x' -> {
                if (!more()) {
                    break;
                }
                int d = nextRune();
                if (d == '{') {
                    int nhex = 0;
                    long r = 0;
                    while (true) {
                        if (!more()) {
                            throw new Error("invalid escape sequence", whole.substring(start, pos));
                        }
                        int h = nextRune();
                        if (h == '}') {
                            break;
                        }
                        int v = Character.digit(h, 16);
                        if (v < 0 || h > 'f') {
                            throw new Error("invalid escape sequence", whole.substring(start, pos));
                        }
                        r = r * 16 + v;
                        if (r > Character.MAX_CODE_POINT) {
                            throw new Error("invalid escape sequence", whole.substring(start, pos));
                        }
                        nhex++;
                    }
                    if (nhex == 0) {
                        break;
                    }
                    return;
                }
                int y = more() ? nextRune() : -1;
                if (Character.digit(d, 16) >= 0 && d <= 'f' && y >= 0 && Character.digit(y, 16) >= 0 && y <= 'f') {
                    return;
                }
            }
            case 'a', 'f', 'n', 'r', 't', 'v' -> {
                return;
            }
            default -> {
            }
        }
        throw new Error("invalid escape sequence", whole.substring(start, pos));
    }

    private void clazz() {
        int whole0 = pos;
        pos++;
        if (more() && peek() == '^') {
            pos++;
        }
        boolean first = true;
        while (!more() || peek() != ']' || first) {
            first = false;
            if (whole.startsWith("[:", pos)) {
                int end = whole.indexOf(":]", pos + 2);
                if (end >= 0) {
                    String name = whole.substring(pos + 2, end);
                    String bare = name.startsWith("^") ? name.substring(1) : name;
                    if (!POSIX_CLASSES.contains(bare)) {
                        throw new Error("invalid character class range", whole.substring(pos, end + 2));
                    }
                    pos = end + 2;
                    continue;
                }
            }
            if (unicodeClass() || perlClass()) {
                continue;
            }
            int rangeStart = pos;
            int lo = classChar(whole0);
            if (pos + 1 < whole.length() && whole.charAt(pos) == '-' && whole.charAt(pos + 1) != ']') {
                pos++;
                int hi = classChar(whole0);
                if (hi < lo) {
                    throw new Error("invalid character class range", whole.substring(rangeStart, pos));
                }
            }
        }
        pos++;
    }

    /** One character of a class, escapes decoded; returns its code point. */
    private int classChar(int classStart) {
        if (!more()) {
            throw new Error("missing closing ]", whole.substring(classStart));
        }
        if (peek() == '\\') {
            int start = pos;
            escape();
            return escapedValue(whole.substring(start, pos));
        }
        return nextRune();
    }

    private static int escapedValue(String escape) {
        char c = escape.charAt(1);
        switch (c) {
            case 'a':
                return 7;
            case 'f':
                return 12;
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            case 'v':
                return 11;
            case 'x':
                String hex = escape.charAt(2) == '{' ? escape.substring(3, escape.length() - 1) : escape.substring(2);
                return Integer.parseInt(hex, 16);
            default:
                if (c >= '0' && c <= '7') {
                    return Integer.parseInt(escape.substring(1), 8);
                }
                return escape.codePointAt(1);
        }
    }

    private static Set<String> unicodeGroups() {
        Set<String> names = new HashSet<>(List.of("Any", "C", "Cc", "Cf", "Co", "Cs", "L", "Ll", "Lm", "Lo", "Lt", "Lu",
                "M", "Mc", "Me", "Mn", "N", "Nd", "Nl", "No", "P", "Pc", "Pd", "Pe", "Pf", "Pi", "Po", "Ps", "S", "Sc",
                "Sk", "Sm", "So", "Z", "Zl", "Zp", "Zs"));
        // Go 1.19's tables are Unicode 13, as Java 17's; scripts of later Unicode versions are not known to it.
        Set<String> later = Set.of("CYPRO_MINOAN", "OLD_UYGHUR", "TANGSA", "TOTO", "VITHKUQI", "KAWI", "NAG_MUNDARI");
        for (Character.UnicodeScript script : Character.UnicodeScript.values()) {
            if (script == Character.UnicodeScript.UNKNOWN || later.contains(script.name())) {
                continue;
            }
            StringBuilder b = new StringBuilder();
            for (String part : script.name().split("_")) {
                if (b.length() > 0) {
                    b.append('_');
                }
                b.append(part.charAt(0)).append(part.substring(1).toLowerCase(Locale.ROOT));
            }
            names.add(b.toString().equals("Signwriting") ? "SignWriting" : b.toString());
        }
        return Set.copyOf(names);
    }
}
