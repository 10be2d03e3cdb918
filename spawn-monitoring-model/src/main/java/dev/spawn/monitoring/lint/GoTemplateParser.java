package dev.spawn.monitoring.lint;

import dev.spawn.monitoring.lint.GoTemplate.Problem;
import dev.spawn.monitoring.lint.GoTemplate.Reference;
import dev.spawn.monitoring.lint.GoTemplateLexer.Kind;
import dev.spawn.monitoring.lint.GoTemplateLexer.Token;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The recursive descent of Go 1.19's text/template/parse over {@link GoTemplateLexer}'s tokens, in the same
 * order of checks so the first problem is Go's. Besides checking, it follows symbolic "paths" of values
 * (what dot and each variable hold: {@code ""} for the top-level data, {@code ".CommonLabels"},
 * {@code "$labels"}, ...; null when unknown) to report {@link Reference}s.
 */
final class GoTemplateParser {

    private static final Set<String> MAP_ROOTS = Set.of("$labels", "$externalLabels", ".Labels", ".ExternalLabels",
            ".Annotations", ".CommonLabels", ".GroupLabels", ".CommonAnnotations", ".Alerts.Labels", ".Alerts.Annotations");
    private static final Set<String> VALUE_ROOTS = Set.of("$value", ".Value");
    /** Alertmanager's KV methods: {@code .CommonLabels.SortedPairs} reads the whole map, not a label. */
    private static final Set<String> KV_METHODS = Set.of("SortedPairs", "Names", "Values", "Remove");
    private static final Set<String> ALERT_LISTS = Set.of(".Alerts", ".Alerts.Firing", ".Alerts.Resolved");
    private static final EnumSet<Kind> OPERAND_STARTS = EnumSet.of(Kind.BOOL, Kind.CHAR_CONSTANT, Kind.COMPLEX, Kind.DOT,
            Kind.FIELD, Kind.IDENTIFIER, Kind.NUMBER, Kind.NIL, Kind.RAW_STRING, Kind.STRING, Kind.VARIABLE, Kind.LEFT_PAREN);

    /** A structural error: Go stops here and so do we. */
    private static final class Stop extends RuntimeException {
        Stop() {
            super(null, null, false, false);
        }
    }

    /** A variable in scope; the cell is shared when a later {@code =} names it again. */
    private static final class Var {
        final String name;
        String path;
        boolean pending;

        Var(String name, String path) {
            this.name = name;
            this.path = path;
        }
    }

    private enum NodeKind { TEXT, ACTION, CONTROL, BREAK, END, ELSE }

    /** What textOrAction returns: enough of Go's node to decide emptiness and end/else. */
    private record Node(NodeKind kind, int pos, boolean empty) {
        String describe() {
            return kind == NodeKind.END ? "{{end}}" : "{{else}}";
        }
    }

    private record ItemList(boolean empty, Node end) {
    }

    private enum ArgKind { BOOL, DOT, NIL, NUMBER, STRING, IDENTIFIER, FIELD, VARIABLE, PIPE, CHAIN }

    /** An operand: its Go node type, position, text (node.String()), symbolic path and, for strings, the value. */
    private record Arg(ArgKind kind, int pos, String text, String path, String literal) {
    }

    /**
     * A variable a pipeline declares ({@code :=}) or assigns ({@code =}). An assignment keeps the variable's path
     * only when it assigns the same path: it may sit in a branch, so after it the variable is unknown.
     */
    private record Decl(Var cell, boolean assignment) {
        void bind(String path) {
            cell.path = !assignment || Objects.equals(cell.path, path) ? path : null;
        }
    }

    /** A parsed pipeline: its commands (argument lists) and declared variables. */
    private record Pipe(List<List<Arg>> cmds, List<Decl> decls) {
        void bind(String path) {
            decls.forEach(d -> d.bind(path));
        }

        String path() {
            return cmds.size() == 1 && cmds.get(0).size() == 1 ? cmds.get(0).get(0).path() : null;
        }
    }

    private final String text;
    private final List<Token> tokens;
    private final Set<String> functions;
    private final Set<String> predeclared;
    private final List<Problem> problems = new ArrayList<>();
    /** Problems Go only meets when it executes the template: listed after the parse problems. */
    private final List<Problem> executionProblems = new ArrayList<>();
    private final List<Reference> references = new ArrayList<>();
    private final Map<String, Boolean> definedNonEmpty = new HashMap<>();
    private int p;
    private List<Var> vars = new ArrayList<>();
    private String dot = "";
    private int rangeDepth;
    private int actionStart;

    GoTemplateParser(String text, Set<String> functions, Set<String> predeclared) {
        this.text = text;
        this.tokens = GoTemplateLexer.lex(text);
        this.functions = functions;
        this.predeclared = predeclared;
    }

    GoTemplate.Result parse() {
        vars.add(new Var("$", ""));
        for (String name : predeclared) {
            String var = name.startsWith("$") ? name : "$" + name;
            vars.add(new Var(var, var));
        }
        try {
            top();
        } catch (Stop stop) {
            // the problem is recorded
        }
        List<Reference> sorted = new ArrayList<>(references);
        sorted.sort(Comparator.comparingInt(Reference::offset));
        List<Problem> all = new ArrayList<>(problems);
        all.addAll(executionProblems);
        return new GoTemplate.Result(all, sorted);
    }

    // Tokens.

    private Token next() {
        Token t = tokens.get(Math.min(p, tokens.size() - 1));
        p++;
        return t;
    }

    private void backup() {
        p--;
    }

    private Token peek() {
        return tokens.get(Math.min(p, tokens.size() - 1));
    }

    private Token nextNonSpace() {
        Token t;
        do {
            t = next();
        } while (t.kind() == Kind.SPACE);
        return t;
    }

    private Token peekNonSpace() {
        Token t = nextNonSpace();
        backup();
        return t;
    }

    // Problems.

    private Stop fail(int offset, String message) {
        problems.add(new Problem(offset, message));
        return new Stop();
    }

    private void problem(int offset, String message) {
        problems.add(new Problem(offset, message));
    }

    private Stop unexpected(Token t, String context) {
        if (t.kind() == Kind.ERROR) {
            return fail(t.pos(), t.val());
        }
        return fail(t.pos(), "unexpected " + t.describe() + " in " + context);
    }

    private Token expect(Kind kind, String context) {
        Token t = nextNonSpace();
        if (t.kind() != kind) {
            throw unexpected(t, context);
        }
        return t;
    }

    // Grammar.

    private void top() {
        while (peek().kind() != Kind.EOF) {
            if (peek().kind() == Kind.LEFT_DELIM) {
                int save = p;
                Token delim = next();
                if (nextNonSpace().kind() == Kind.DEFINE) {
                    definition(delim);
                    continue;
                }
                p = save;
            }
            Node n = textOrAction();
            if (n.kind() == NodeKind.END || n.kind() == NodeKind.ELSE) {
                throw fail(n.pos(), "unexpected " + n.describe());
            }
        }
    }

    private void definition(Token delim) {
        String context = "define clause";
        Token name = nextNonSpace();
        if (name.kind() != Kind.STRING && name.kind() != Kind.RAW_STRING) {
            throw unexpected(name, context);
        }
        String templateName = unquote(name);
        expect(Kind.RIGHT_DELIM, context);
        ItemList body = inFreshScope("", this::itemList);
        if (body.end().kind() != NodeKind.END) {
            throw fail(body.end().pos(), "unexpected " + body.end().describe() + " in " + context);
        }
        define(delim.pos(), templateName, body.empty());
    }

    /** Runs a define or block body: its own variables ($ only), dot and $ holding {@code data}, no range around. */
    private ItemList inFreshScope(String data, Supplier<ItemList> body) {
        List<Var> outerVars = vars;
        String outerDot = dot;
        int outerRange = rangeDepth;
        vars = new ArrayList<>(List.of(new Var("$", data)));
        dot = data;
        rangeDepth = 0;
        try {
            return body.get();
        } finally {
            vars = outerVars;
            dot = outerDot;
            rangeDepth = outerRange;
        }
    }

    private void define(int pos, String name, boolean empty) {
        Boolean previous = definedNonEmpty.get(name);
        if (previous == null || !previous) {
            definedNonEmpty.put(name, !empty);
        } else if (!empty) {
            problem(pos, "template: multiple definition of template " + GoLiterals.quote(name));
        }
    }

    private ItemList itemList() {
        boolean empty = true;
        while (peekNonSpace().kind() != Kind.EOF) {
            Node n = textOrAction();
            if (n.kind() == NodeKind.END || n.kind() == NodeKind.ELSE) {
                return new ItemList(empty, n);
            }
            empty &= n.empty();
        }
        throw fail(text.length(), "unexpected EOF");
    }

    private Node textOrAction() {
        Token t = nextNonSpace();
        switch (t.kind()) {
            case TEXT -> {
                return new Node(NodeKind.TEXT, t.pos(), t.val().codePoints().allMatch(GoLiterals::isSpace));
            }
            case LEFT_DELIM -> {
                actionStart = t.pos();
                return action();
            }
            default -> throw unexpected(t, "input");
        }
    }

    private Node action() {
        int start = actionStart;
        Token t = nextNonSpace();
        switch (t.kind()) {
            case BLOCK -> {
                return block();
            }
            case BREAK, CONTINUE -> {
                String word = "{{" + t.val() + "}}";
                Token close = nextNonSpace();
                if (close.kind() != Kind.RIGHT_DELIM) {
                    throw unexpected(close, word);
                }
                if (rangeDepth == 0) {
                    problem(start, word + " outside {{range}}");
                }
                return new Node(NodeKind.BREAK, start, false);
            }
            case ELSE -> {
                if (peekNonSpace().kind() != Kind.IF) {
                    expect(Kind.RIGHT_DELIM, "else");
                }
                return new Node(NodeKind.ELSE, start, false);
            }
            case END -> {
                expect(Kind.RIGHT_DELIM, "end");
                return new Node(NodeKind.END, start, false);
            }
            case IF -> {
                return control(true, "if");
            }
            case RANGE -> {
                return control(false, "range");
            }
            case WITH -> {
                return control(false, "with");
            }
            case TEMPLATE -> {
                return template();
            }
            default -> {
                backup();
                Pipe pipe = pipeline("command", Kind.RIGHT_DELIM);
                pipe.bind(pipe.path());
                return new Node(NodeKind.ACTION, start, false);
            }
        }
    }

    private Node control(boolean allowElseIf, String context) {
        int start = actionStart;
        int mark = vars.size();
        try {
            Pipe pipe = pipeline(context, Kind.RIGHT_DELIM);
            String outerDot = dot;
            String path = pipe.path();
            if (context.equals("range")) {
                String element = path != null && ALERT_LISTS.contains(path) ? ".Alerts" : null;
                for (int i = 0; i < pipe.decls().size(); i++) {
                    // {{range $i, $e := x}}: $i is the index or key; a single variable gets the element
                    pipe.decls().get(i).bind(i == pipe.decls().size() - 1 ? element : null);
                }
                dot = element;
                rangeDepth++;
            } else {
                pipe.bind(path);
                if (context.equals("with")) {
                    dot = path;
                }
            }
            ItemList list;
            try {
                list = itemList();
            } finally {
                dot = outerDot;
                if (context.equals("range")) {
                    rangeDepth--;
                }
            }
            if (list.end().kind() == NodeKind.ELSE) {
                if (allowElseIf && peek().kind() == Kind.IF) {
                    // {{else if b}} is {{else}}{{if b}}...{{end}}{{end}} with the inner end doing for both
                    next();
                    actionStart = list.end().pos();
                    control(true, "if");
                } else {
                    ItemList elseList = itemList();
                    if (elseList.end().kind() != NodeKind.END) {
                        throw fail(elseList.end().pos(), "expected end; found " + elseList.end().describe());
                    }
                }
            }
            return new Node(NodeKind.CONTROL, start, false);
        } finally {
            while (vars.size() > mark) {
                vars.remove(vars.size() - 1);
            }
        }
    }

    private Node block() {
        int start = actionStart;
        String context = "block clause";
        String name = templateName(nextNonSpace(), context);
        Pipe pipe = pipeline(context, Kind.RIGHT_DELIM);
        String path = pipe.path();
        pipe.bind(path);
        ItemList body = inFreshScope(path, this::itemList);
        if (body.end().kind() != NodeKind.END) {
            throw fail(body.end().pos(), "unexpected " + body.end().describe() + " in " + context);
        }
        define(start, name, body.empty());
        return new Node(NodeKind.CONTROL, start, false);
    }

    private Node template() {
        int start = actionStart;
        String context = "template clause";
        templateName(nextNonSpace(), context);
        if (nextNonSpace().kind() != Kind.RIGHT_DELIM) {
            backup();
            Pipe pipe = pipeline(context, Kind.RIGHT_DELIM);
            String path = pipe.path();
            pipe.bind(path);
        }
        return new Node(NodeKind.CONTROL, start, false);
    }

    private String templateName(Token t, String context) {
        if (t.kind() != Kind.STRING && t.kind() != Kind.RAW_STRING) {
            throw unexpected(t, context);
        }
        return unquote(t);
    }

    private String unquote(Token t) {
        String value = GoLiterals.unquote(t.val());
        if (value == null) {
            throw fail(t.pos(), "invalid syntax");
        }
        return value;
    }

    /** declarations? command ('|' command)*, up to {@code end}; declared variables' paths are the caller's to set. */
    private Pipe pipeline(String context, Kind end) {
        List<Decl> decls = new ArrayList<>();
        List<List<Arg>> cmds = new ArrayList<>();
        decls:
        while (peekNonSpace().kind() == Kind.VARIABLE) {
            int atVariable = p;
            Token v = next();
            Token afterVariable = peek();
            Token following = peekNonSpace();
            if (following.kind() == Kind.ASSIGN || following.kind() == Kind.DECLARE) {
                nextNonSpace();
                Var cell = following.kind() == Kind.ASSIGN ? lookup(v.val()) : null;
                if (following.kind() == Kind.ASSIGN && cell == null) {
                    executionProblems.add(new Problem(v.pos(), "undefined variable: " + v.val()));
                }
                if (cell == null) {
                    cell = new Var(v.val(), null);
                    cell.pending = true;
                    decls.add(new Decl(cell, false));
                } else {
                    decls.add(new Decl(cell, true));
                }
                vars.add(cell);
                break;
            } else if (following.kind() == Kind.CHAR && following.val().equals(",")) {
                nextNonSpace();
                Var cell = new Var(v.val(), null);
                cell.pending = true;
                decls.add(new Decl(cell, false));
                vars.add(cell);
                if (context.equals("range") && decls.size() < 2) {
                    Kind k = peekNonSpace().kind();
                    if (k == Kind.VARIABLE || k == Kind.RIGHT_DELIM || k == Kind.RIGHT_PAREN) {
                        continue decls;
                    }
                    throw fail(following.pos(), "range can only initialize variables");
                }
                throw fail(following.pos(), "too many declarations in " + context);
            } else {
                p = atVariable;
                break;
            }
        }
        while (true) {
            Token t = nextNonSpace();
            if (t.kind() == end) {
                checkPipeline(t.pos(), cmds, context);
                decls.forEach(d -> d.cell().pending = false);
                return new Pipe(cmds, decls);
            } else if (OPERAND_STARTS.contains(t.kind())) {
                backup();
                cmds.add(command());
            } else {
                throw unexpected(t, context);
            }
        }
    }

    private void checkPipeline(int pos, List<List<Arg>> cmds, String context) {
        if (cmds.isEmpty()) {
            problem(pos, "missing value for " + context);
        }
        for (int i = 1; i < cmds.size(); i++) {
            Arg first = cmds.get(i).get(0);
            switch (first.kind()) {
                case BOOL, DOT, NIL, NUMBER, STRING -> problem(first.pos(), "non executable command in pipeline stage " + (i + 1));
                default -> {
                    // executable
                }
            }
        }
    }

    private List<Arg> command() {
        List<Arg> args = new ArrayList<>();
        int pos = peekNonSpace().pos();
        loop:
        while (true) {
            peekNonSpace();
            Arg a = operand();
            if (a != null) {
                args.add(a);
            }
            Token t = next();
            switch (t.kind()) {
                case SPACE -> {
                    continue;
                }
                case RIGHT_DELIM, RIGHT_PAREN -> backup();
                case PIPE -> {
                    // the command ends here
                }
                default -> throw unexpected(t, "operand");
            }
            break loop;
        }
        if (args.isEmpty()) {
            throw fail(pos, "empty command");
        }
        commandReferences(args);
        return args;
    }

    private Arg operand() {
        Arg node = term();
        if (node == null || peek().kind() != Kind.FIELD) {
            return node;
        }
        List<String> fields = new ArrayList<>();
        StringBuilder chain = new StringBuilder(node.text());
        while (peek().kind() == Kind.FIELD) {
            String field = next().val();
            fields.add(field.substring(1));
            chain.append(field);
        }
        switch (node.kind()) {
            case BOOL, STRING, NUMBER, NIL, DOT -> throw fail(node.pos(), "unexpected . after term " + GoLiterals.quote(node.text()));
            default -> {
                ArgKind kind = node.kind() == ArgKind.FIELD || node.kind() == ArgKind.VARIABLE ? node.kind() : ArgKind.CHAIN;
                return new Arg(kind, node.pos(), chain.toString(), walk(node.path(), fields, node.pos()), null);
            }
        }
    }

    private Arg term() {
        Token t = nextNonSpace();
        switch (t.kind()) {
            case IDENTIFIER -> {
                if (!functions.contains(t.val())) {
                    problem(t.pos(), "function " + GoLiterals.quote(t.val()) + " not defined");
                }
                return new Arg(ArgKind.IDENTIFIER, t.pos(), t.val(), null, null);
            }
            case DOT -> {
                return new Arg(ArgKind.DOT, t.pos(), ".", dot, null);
            }
            case NIL -> {
                return new Arg(ArgKind.NIL, t.pos(), "nil", null, null);
            }
            case VARIABLE -> {
                Var v = lookup(t.val());
                if (v == null) {
                    problem(t.pos(), "undefined variable " + GoLiterals.quote(t.val()));
                }
                return new Arg(ArgKind.VARIABLE, t.pos(), t.val(), pathOf(t.val()), null);
            }
            case FIELD -> {
                return new Arg(ArgKind.FIELD, t.pos(), t.val(), walk(dot, List.of(t.val().substring(1)), t.pos()), null);
            }
            case BOOL -> {
                return new Arg(ArgKind.BOOL, t.pos(), t.val(), null, null);
            }
            case CHAR_CONSTANT, COMPLEX, NUMBER -> {
                String error = switch (t.kind()) {
                    case CHAR_CONSTANT -> GoLiterals.charConstantError(t.val());
                    case COMPLEX -> GoLiterals.complexError(t.val());
                    default -> GoLiterals.numberError(t.val());
                };
                if (error != null) {
                    throw fail(t.pos(), error);
                }
                return new Arg(ArgKind.NUMBER, t.pos(), t.val(), null, null);
            }
            case LEFT_PAREN -> {
                Pipe pipe = pipeline("parenthesized pipeline", Kind.RIGHT_PAREN);
                pipe.bind(pipe.path());
                return new Arg(ArgKind.PIPE, t.pos(), "(...)", pipe.path(), null);
            }
            case STRING, RAW_STRING -> {
                return new Arg(ArgKind.STRING, t.pos(), t.val(), null, unquote(t));
            }
            default -> {
                backup();
                return null;
            }
        }
    }

    private Var lookup(String name) {
        for (int i = vars.size() - 1; i >= 0; i--) {
            if (vars.get(i).name.equals(name)) {
                return vars.get(i);
            }
        }
        return null;
    }

    /** The path a variable holds at run time: variables still being declared are not assigned yet. */
    private String pathOf(String name) {
        for (int i = vars.size() - 1; i >= 0; i--) {
            Var v = vars.get(i);
            if (v.name.equals(name) && !v.pending) {
                return v.path;
            }
        }
        return null;
    }

    // References.

    /**
     * Fields read on a path: the first field read on a label map is a reference (what follows reads into a label
     * value); otherwise the path grows ({@code .Alerts} then {@code .Labels}).
     */
    private String walk(String base, List<String> fields, int pos) {
        String path = base;
        for (String field : fields) {
            if (path == null) {
                return null;
            }
            if (MAP_ROOTS.contains(path)) {
                boolean method = path.startsWith(".") && KV_METHODS.contains(field);
                references.add(new Reference(path, method ? "" : field, pos));
                return null;
            }
            path = path + "." + field;
        }
        return path;
    }

    private void commandReferences(List<Arg> args) {
        int from = 0;
        if (args.size() >= 2 && args.get(0).kind() == ArgKind.IDENTIFIER && args.get(0).text().equals("index")
                && args.get(1).path() != null && MAP_ROOTS.contains(args.get(1).path())) {
            String key = args.size() >= 3 && args.get(2).literal() != null ? args.get(2).literal() : "";
            references.add(new Reference(args.get(1).path(), key, args.get(0).pos()));
            from = 2;
        }
        for (int i = from; i < args.size(); i++) {
            String path = args.get(i).path();
            if (path != null && (MAP_ROOTS.contains(path) || VALUE_ROOTS.contains(path))) {
                references.add(new Reference(path, "", args.get(i).pos()));
            }
        }
    }
}
