package dev.spawn.monitoring.promql.eval;

import dev.spawn.monitoring.promql.eval.TemplateParser.Action;
import dev.spawn.monitoring.promql.eval.TemplateParser.Arg;
import dev.spawn.monitoring.promql.eval.TemplateParser.BoolLit;
import dev.spawn.monitoring.promql.eval.TemplateParser.Break;
import dev.spawn.monitoring.promql.eval.TemplateParser.Command;
import dev.spawn.monitoring.promql.eval.TemplateParser.Continue;
import dev.spawn.monitoring.promql.eval.TemplateParser.Control;
import dev.spawn.monitoring.promql.eval.TemplateParser.Dot;
import dev.spawn.monitoring.promql.eval.TemplateParser.Field;
import dev.spawn.monitoring.promql.eval.TemplateParser.Identifier;
import dev.spawn.monitoring.promql.eval.TemplateParser.NilLit;
import dev.spawn.monitoring.promql.eval.TemplateParser.Node;
import dev.spawn.monitoring.promql.eval.TemplateParser.NumberLit;
import dev.spawn.monitoring.promql.eval.TemplateParser.Parsed;
import dev.spawn.monitoring.promql.eval.TemplateParser.Pipe;
import dev.spawn.monitoring.promql.eval.TemplateParser.StringLit;
import dev.spawn.monitoring.promql.eval.TemplateParser.SubPipe;
import dev.spawn.monitoring.promql.eval.TemplateParser.Template;
import dev.spawn.monitoring.promql.eval.TemplateParser.Text;
import dev.spawn.monitoring.promql.eval.TemplateParser.Variable;
import dev.spawn.monitoring.promql.eval.TemplateFunctions.Param;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One execution of a parsed template, as Go 1.19's text/template executes it with {@code missingkey=zero}: the
 * variable stack, the walk over the tree, pipelines, field chains and function calls with Go's argument rules. Every
 * execution error Go would report throws {@link Unsupported} (Prometheus would print
 * {@code <error expanding template: ...>}, whose text is not reproduced).
 */
final class TemplateExecution {

    /** "No value from an earlier pipeline stage" (Go's missingVal), distinct from a nil value. */
    static final Object MISSING = new Object();

    private static final class Jump extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Jump() {
            super(null, null, false, false);
        }
    }

    private static final Jump BREAK = new Jump();
    private static final Jump CONTINUE = new Jump();

    /** Go allows 100000 nested template calls; the JVM's stack fewer, so deeper recursion is refused. */
    private static final int MAX_DEPTH = 1000;

    private final Map<String, List<Node>> defines;
    private List<String> names = new ArrayList<>();
    private List<Object> values = new ArrayList<>();
    private final StringBuilder out = new StringBuilder();
    private int depth;

    private TemplateExecution(Map<String, List<Node>> defines) {
        this.defines = defines;
    }

    /** Runs {@code parsed} with Prometheus' data and its four predeclared variables. */
    static String run(Parsed parsed, GoValues.Data data) {
        TemplateExecution s = new TemplateExecution(parsed.defines());
        s.push("$", data);
        s.push("$labels", data.labels());
        s.push("$externalLabels", data.externalLabels());
        s.push("$externalURL", data.externalURL());
        s.push("$value", data.value());
        s.walk(data, parsed.tree());
        return s.out.toString();
    }

    /** {{template}}: the named tree with dot the pipeline's value and no variable but $ (Go has no dynamic scope). */
    private void template(Object dot, Template t) {
        List<Node> tree = defines.get(t.name());
        if (tree == null) {
            throw new Unsupported("template " + GoText.quote(t.name()) + " not defined (an execution error in Prometheus)");
        }
        if (depth >= MAX_DEPTH) {
            throw new Unsupported("templates nested deeper than " + MAX_DEPTH);
        }
        Object value = t.pipe() == null ? null : evalPipeline(dot, t.pipe());
        List<String> outerNames = names;
        List<Object> outerValues = values;
        names = new ArrayList<>(List.of("$"));
        values = new ArrayList<>();
        values.add(value);
        depth++;
        try {
            walk(value, tree);
        } finally {
            depth--;
            names = outerNames;
            values = outerValues;
        }
    }

    private void push(String name, Object value) {
        names.add(name);
        values.add(value);
    }

    private void pop(int mark) {
        while (names.size() > mark) {
            names.remove(names.size() - 1);
            values.remove(values.size() - 1);
        }
    }

    private int find(String name) {
        for (int i = names.size() - 1; i >= 0; i--) {
            if (names.get(i).equals(name)) {
                return i;
            }
        }
        throw new Unsupported("undefined variable: " + name + " (an execution error in Prometheus)");
    }

    private void walk(Object dot, List<Node> list) {
        for (Node node : list) {
            if (node instanceof Text t) {
                out.append(t.text());
            } else if (node instanceof Action a) {
                Object v = evalPipeline(dot, a.pipe());
                if (a.pipe().decls().isEmpty()) {
                    out.append(v == null ? "<no value>" : GoValues.print(v));
                }
            } else if (node instanceof Control c) {
                int mark = names.size();
                try {
                    if (c.keyword().equals("range")) {
                        range(dot, c);
                    } else {
                        Object v = evalPipeline(dot, c.pipe());
                        if (GoValues.truth(v)) {
                            walk(c.keyword().equals("with") ? v : dot, c.list());
                        } else {
                            walk(dot, c.elseList());
                        }
                    }
                } finally {
                    pop(mark);
                }
            } else if (node instanceof Template t) {
                template(dot, t);
            } else if (node instanceof Break) {
                throw BREAK;
            } else if (node instanceof Continue) {
                throw CONTINUE;
            }
        }
    }

    private void range(Object dot, Control c) {
        Object v = evalPipeline(dot, c.pipe());
        Map<?, ?> map;
        if (v instanceof Map<?, ?> m) {
            map = m;
        } else if (v instanceof GoValues.Args a) {
            map = a.map();
        } else if (v == null) {
            map = Map.of();
        } else {
            throw new Unsupported("range over a " + GoValues.typeName(v));
        }
        List<String> keys = new ArrayList<>();
        map.keySet().forEach(k -> keys.add((String) k));
        keys.sort(GoValues.KEY_ORDER);
        int decls = c.pipe().decls().size();
        int mark = names.size();
        for (String key : keys) {
            Object elem = map.get(key);
            if (decls > 0) {
                values.set(mark - 1, elem);
            }
            if (decls > 1) {
                values.set(mark - 2, key);
            }
            try {
                walk(elem, c.list());
            } catch (Jump j) {
                if (j == BREAK) {
                    pop(mark);
                    return;
                }
            }
            pop(mark);
        }
        if (keys.isEmpty()) {
            walk(dot, c.elseList());
        }
    }

    private Object evalPipeline(Object dot, Pipe pipe) {
        Object value = MISSING;
        for (Command cmd : pipe.cmds()) {
            value = evalCommand(dot, cmd, value);
        }
        for (String decl : pipe.decls()) {
            if (pipe.assign()) {
                values.set(find(decl), value);
            } else {
                push(decl, value);
            }
        }
        return value;
    }

    private Object evalCommand(Object dot, Command cmd, Object last) {
        Arg first = cmd.args().get(0);
        if (first instanceof Identifier id) {
            return call(dot, id.name(), cmd.args().subList(1, cmd.args().size()), last);
        }
        if (cmd.args().size() > 1 || last != MISSING) {
            throw new Unsupported("arguments given to a non-function " + first + " (an execution error in Prometheus)");
        }
        return operand(dot, first);
    }

    /** The value of an operand that is not a function call. */
    private Object operand(Object dot, Arg arg) {
        if (arg instanceof Field f) {
            return fields(dot, f.names());
        } else if (arg instanceof Variable v) {
            return fields(values.get(find(v.name())), v.fields());
        } else if (arg instanceof SubPipe p) {
            return fields(evalPipeline(dot, p.pipe()), p.fields());
        } else if (arg instanceof Dot) {
            return dot;
        } else if (arg instanceof StringLit s) {
            return s.value();
        } else if (arg instanceof NumberLit n) {
            return n.ideal();
        } else if (arg instanceof BoolLit b) {
            return b.value();
        } else if (arg instanceof NilLit) {
            throw new Unsupported("nil is not a command (an execution error in Prometheus)");
        }
        throw new IllegalStateException("operand " + arg);
    }

    private static Object fields(Object receiver, List<String> names) {
        Object v = receiver;
        for (String name : names) {
            v = field(v, name);
        }
        return v;
    }

    private static Object field(Object receiver, String name) {
        if (receiver instanceof Map<?, ?> m) {
            Object v = m.get(name);
            return v == null ? "" : v;
        } else if (receiver instanceof GoValues.Args a) {
            return a.map().get(name);
        } else if (receiver instanceof GoValues.Data d) {
            switch (name) {
                case "Labels":
                    return d.labels();
                case "ExternalLabels":
                    return d.externalLabels();
                case "ExternalURL":
                    return d.externalURL();
                case "Value":
                    return d.value();
                default:
                    break;
            }
        }
        throw new Unsupported("field " + name + " of a " + GoValues.typeName(receiver)
                + " (an execution error in Prometheus)");
    }

    private Object call(Object dot, String name, List<Arg> args, Object last) {
        TemplateFunctions.Function fn = TemplateFunctions.get(name);
        int count = args.size() + (last == MISSING ? 0 : 1);
        if (count < fn.fixed().size() || (fn.variadic() == null && count > fn.fixed().size())) {
            throw new Unsupported("wrong number of args for " + name + " (an execution error in Prometheus)");
        }
        if (name.equals("and") || name.equals("or")) {
            Object v = null;
            for (Arg arg : args) {
                v = arg(dot, Param.VALUE, arg);
                if (GoValues.truth(v) == name.equals("or")) {
                    return v;
                }
            }
            return last == MISSING ? v : check(last, Param.VALUE);
        }
        List<Object> values = new ArrayList<>(count);
        for (int i = 0; i < args.size(); i++) {
            values.add(arg(dot, fn.param(i), args.get(i)));
        }
        if (last != MISSING) {
            values.add(check(last, fn.param(count - 1)));
        }
        return fn.body().apply(values);
    }

    /** Go's evalArg: an argument for a parameter of type {@code param}. */
    private Object arg(Object dot, Param param, Arg arg) {
        if (arg instanceof NilLit) {
            if (param == Param.ANY) {
                return null;
            }
        } else if (arg instanceof Identifier id) {
            return check(call(dot, id.name(), List.of(), MISSING), param);
        } else if (!(arg instanceof StringLit || arg instanceof NumberLit || arg instanceof BoolLit)) {
            return check(operand(dot, arg), param);
        } else if (param != Param.STRING || arg instanceof StringLit) {
            return operand(dot, arg);
        }
        throw new Unsupported("a " + arg.getClass().getSimpleName() + " for a " + param
                + " parameter (an execution error in Prometheus)");
    }

    private static Object check(Object value, Param param) {
        if (param == Param.STRING && !(value instanceof String)) {
            throw new Unsupported("wrong type for value; expected string; got " + GoValues.typeName(value)
                    + " (an execution error in Prometheus)");
        }
        if (param == Param.VALUE && value == null) {
            throw new Unsupported("invalid value; expected reflect.Value (an execution error in Prometheus)");
        }
        return value;
    }
}
