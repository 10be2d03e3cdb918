package dev.spawn.monitoring.model.decl;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a configuration section is, derived once from its record: the {@link Key}-annotated components
 * in order, each with the shape of its value. Reader, renderer, schema and import walk this
 * description; none of them names a key.
 */
public final class Section {

    private static final ClassValue<Section> CACHE = new ClassValue<>() {
        @Override
        protected Section computeValue(Class<?> type) {
            return new Section(type);
        }
    };

    private final Class<?> type;
    private final List<Field> fields;
    private final List<Field> keys;
    private final Constructor<?> constructor;
    private volatile Set<String> names;

    private Section(Class<?> type) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException(type.getName() + " is not a record");
        }
        this.type = type;
        RecordComponent[] components = type.getRecordComponents();
        List<Field> list = new ArrayList<>();
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            Key key = c.getAnnotation(Key.class);
            list.add(new Field(i, c, key, key == null ? null : shapeOf(c.getGenericType(), type.getName() + "." + c.getName())));
        }
        this.fields = List.copyOf(list);
        this.keys = fields.stream().filter(f -> f.key != null).toList();
        try {
            this.constructor = type.getDeclaredConstructor(Arrays.stream(components).map(RecordComponent::getType)
                    .toArray(Class<?>[]::new));
            this.constructor.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The declaration of a record type. */
    public static Section of(Class<?> type) {
        return CACHE.get(type);
    }

    public Class<?> type() {
        return type;
    }

    /** The declared keys, in order; components without {@link Key} are not part of the YAML. */
    public List<Field> keys() {
        return keys;
    }

    /** Every name this mapping accepts: its keys, secret file twins, inline sections' keys and variant lists. */
    public Set<String> names() {
        Set<String> cached = names;
        if (cached == null) {
            cached = java.util.Collections.unmodifiableSet(computeNames());
            names = cached;
        }
        return cached;
    }

    private Set<String> computeNames() {
        Set<String> names = new LinkedHashSet<>();
        for (Field f : keys()) {
            if (f.shape instanceof Shape.Nested n && f.key.inline()) {
                names.addAll(of(n.type()).names());
            } else if (f.shape instanceof Shape.Variants v) {
                v.variants().stream().filter(c -> !variant(c).opaque()).forEach(c -> names.add(variant(c).value()));
            } else if (!f.key.rest()) {
                names.add(f.name());
                if (f.shape instanceof Shape.Secret && !f.key.file().isEmpty()) {
                    names.add(f.key.file());
                }
            }
        }
        return names;
    }

    /** Builds the record from one value per component (null for absent ones); the record's own checks throw. */
    public Object construct(Object[] values) {
        Object[] args = values.clone();
        for (Field f : fields) {
            if (args[f.index] == null && f.component.getType().isPrimitive()) {
                args[f.index] = f.component.getType() == boolean.class ? Boolean.FALSE : 0;
            }
        }
        try {
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A record of this section from its values by YAML key ({@code apiVersion}, {@code scrape_configs}); keys
     * not given are null. Code that builds a section keeps working when the section gains a key.
     */
    public <T> T construct(java.util.Map<String, ?> byKey) {
        Object[] values = new Object[size()];
        for (Field f : keys()) {
            values[f.index()] = byKey.get(f.name());
        }
        Set<String> all = new java.util.HashSet<>();
        keys().forEach(f -> all.add(f.name()));
        for (String name : byKey.keySet()) {
            if (!all.contains(name)) {
                throw new IllegalArgumentException("no key '" + name + "' in " + type().getSimpleName());
            }
        }
        @SuppressWarnings("unchecked")
        T made = (T) construct(values);
        return made;
    }

    public int size() {
        return fields.size();
    }

    /** One record component and its key. */
    public static final class Field {
        private final int index;
        private final RecordComponent component;
        private final Key key;
        private final Shape shape;

        Field(int index, RecordComponent component, Key key, Shape shape) {
            component.getAccessor().setAccessible(true);
            this.index = index;
            this.component = component;
            this.key = key;
            this.shape = shape;
        }

        public int index() {
            return index;
        }

        public String name() {
            return key.value();
        }

        public Key key() {
            return key;
        }

        public Shape shape() {
            return shape;
        }

        public String javaName() {
            return component.getName();
        }

        public Object get(Object record) {
            try {
                return component.getAccessor().invoke(record);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The shape of a key's value. */
    public sealed interface Shape {
        /** A string, number, boolean, or a value type written as text ({@code Duration}, {@code Matcher}) or an enum. */
        record Scalar(Class<?> type) implements Shape {
        }

        /** A {@code Secret}: inline under the key, or a path under the file twin. */
        record Secret() implements Shape {
        }

        record ListOf(Shape element) implements Shape {
        }

        /** A mapping from strings (label names, header names, ...) to values. */
        record MapOf(Shape value) implements Shape {
        }

        record Nested(Class<?> type) implements Shape {
        }

        /** A list of a sealed interface's variants, one YAML list per variant. */
        record Variants(Class<?> base, List<Class<?>> variants) implements Shape {
        }

        /** Any YAML value, kept as plain maps, lists and scalars. */
        record Raw() implements Shape {
        }
    }

    private static Shape shapeOf(Type type, String where) {
        if (type instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            Type[] args = p.getActualTypeArguments();
            if (raw == List.class) {
                if (args[0] instanceof Class<?> c && c.isSealed() && c.getPermittedSubclasses()[0].isAnnotationPresent(Variant.class)) {
                    return new Shape.Variants(c, List.of(c.getPermittedSubclasses()));
                }
                return new Shape.ListOf(shapeOf(args[0], where));
            }
            if (raw == Map.class) {
                return args[1] == Object.class ? new Shape.Raw() : new Shape.MapOf(shapeOf(args[1], where));
            }
            throw new IllegalStateException("no shape for " + type + " at " + where);
        }
        Class<?> c = (Class<?>) type;
        if (c.isAnnotationPresent(SecretType.class)) {
            return new Shape.Secret();
        }
        if (c == Object.class) {
            return new Shape.Raw();
        }
        if (c.isRecord() && textParser(c) == null) {
            return new Shape.Nested(c);
        }
        if (c == String.class || c == Integer.class || c == int.class || c == Long.class || c == long.class
                || c == Double.class || c == double.class || c == Boolean.class || c == boolean.class || c.isEnum()
                || textParser(c) != null) {
            return new Shape.Scalar(c);
        }
        throw new IllegalStateException("no shape for " + type + " at " + where);
    }

    /** {@code public static T parse(String)} of a value type written as text. */
    public static Method textParser(Class<?> c) {
        try {
            Method m = c.getMethod("parse", String.class);
            return Modifier.isStatic(m.getModifiers()) && m.getReturnType() == c ? m : null;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    /** The YAML spelling of an enum constant: its {@code id()} when it has one, else its name in lower case. */
    public static String enumId(Enum<?> constant) {
        try {
            Method id = constant.getDeclaringClass().getMethod("id");
            return (String) id.invoke(constant);
        } catch (ReflectiveOperationException e) {
            return constant.name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The items of a variant list in the order they are written: grouped by variant in the order the sealed
     * interface permits them, each group in its own order. Records holding such a list keep it in this
     * order, so a value read back from its YAML equals the value written.
     */
    public static <T> List<T> canonicalOrder(List<T> items, Class<?> sealed) {
        List<Class<?>> order = List.of(sealed.getPermittedSubclasses());
        List<T> sorted = new ArrayList<>(items);
        sorted.sort(java.util.Comparator.comparingInt(item -> order.indexOf(item.getClass())));
        return List.copyOf(sorted);
    }

    /** The variant annotation of a variant record. */
    public static Variant variant(Class<?> c) {
        return c.getAnnotation(Variant.class);
    }
}
