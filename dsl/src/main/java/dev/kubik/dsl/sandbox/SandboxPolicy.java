package dev.kubik.dsl.sandbox;

import groovy.lang.Closure;
import groovy.lang.GString;
import groovy.lang.Range;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;

/**
 * What an untrusted script may do: an allow-list, as Jenkins' script-security keeps one. Everything a script can
 * hold is a literal, a value one of these methods returns, a kubik record, or a closure; none of those reaches
 * the host, so allowing only these calls keeps the script inside the DSL. Anything not listed is refused.
 */
public final class SandboxPolicy {
    private SandboxPolicy() {
    }

    /** Names no script may call, read or write, whatever the receiver: they lead to classes and metaprogramming. */
    static final Set<String> NEVER = names("class", "getClass", "metaClass", "getMetaClass", "setMetaClass",
            "invokeMethod", "getProperty", "setProperty", "properties", "getProperties", "binding", "getBinding",
            "setBinding", "delegate", "getDelegate", "setDelegate", "owner", "getOwner", "thisObject", "getThisObject",
            "rehydrate", "dehydrate", "classLoader", "getClassLoader", "evaluate", "execute", "asType", "with", "tap",
            "identity", "use", "mixin", "sleep", "wait", "notify", "notifyAll", "finalize", "clone", "super",
            "setResolveStrategy", "resolveStrategy", "newInstance", "forName", "invoke");

    private static final Set<String> OBJECT = names("toString", "equals", "hashCode", "compareTo", "asBoolean",
            "isCase", "inspect");

    private static final Set<String> TEXT = names("length", "size", "isEmpty", "empty", "charAt", "substring",
            "subSequence", "indexOf", "lastIndexOf", "contains", "startsWith", "endsWith", "equalsIgnoreCase", "trim",
            "strip", "stripLeading", "stripTrailing", "isBlank", "toUpperCase", "toLowerCase", "replace", "replaceAll",
            "replaceFirst", "split", "tokenize", "lines", "readLines", "repeat", "concat", "matches", "join", "format",
            "plus", "minus", "multiply", "getAt", "padLeft", "padRight", "center", "capitalize", "uncapitalize",
            "reverse", "toInteger", "toLong", "toBigDecimal", "toBigInteger", "toDouble", "toFloat", "toBoolean",
            "isNumber", "isInteger", "isLong", "isBigDecimal", "isDouble", "toList", "toSet", "each", "eachWithIndex",
            "eachLine", "collect", "find", "findAll", "every", "any", "count", "take", "drop", "takeWhile",
            "dropWhile", "stripIndent", "stripMargin", "normalize", "denormalize", "chars", "codePointAt",
            "toCharacter", "next", "previous", "leftShift", "bitwiseNegate", "contentEquals", "expand", "unexpand",
            "toCharArray", "getBytes", "bytes", "encodeBase64", "decodeBase64", "md5", "sha256", "trimIndent");

    private static final Set<String> NUMBER = names("plus", "minus", "multiply", "div", "mod", "power", "intdiv",
            "negative", "positive", "abs", "round", "ceil", "floor", "times", "upto", "downto", "step", "next",
            "previous", "intValue", "longValue", "doubleValue", "floatValue", "toInteger", "toLong", "toBigDecimal",
            "toBigInteger", "toDouble", "toFloat", "max", "min", "leftShift", "rightShift", "and", "or", "xor",
            "bitwiseNegate", "remainder", "signum", "scale", "setScale", "stripTrailingZeros", "toPlainString");

    private static final Set<String> BOOLEAN = names("and", "or", "xor", "implies", "not", "booleanValue");

    private static final Set<String> ITERABLE = names("size", "isEmpty", "empty", "get", "getAt", "contains",
            "containsAll", "indexOf", "lastIndexOf", "first", "last", "head", "tail", "init", "take", "drop",
            "takeWhile", "dropWhile", "each", "eachWithIndex", "reverseEach", "collect", "collectEntries",
            "collectMany", "collectNested", "find", "findAll", "findResult", "findResults", "findIndexOf", "grep",
            "every", "any", "count", "countBy", "groupBy", "inject", "sum", "max", "min", "sort", "toSorted", "unique",
            "toUnique", "reverse", "join", "plus", "minus", "multiply", "intersect", "disjoint", "flatten",
            "withIndex", "indexed", "toList", "toSet", "asList", "subList", "iterator", "hasNext", "asImmutable",
            "collate", "combinations", "permutations", "transpose", "split", "getFrom", "getTo", "step",
            "add", "addAll", "remove", "removeAll", "retainAll", "removeAt", "removeElement", "clear", "leftShift",
            "push", "pop", "putAt", "set", "stream", "toArray", "average", "chop", "zip", "eachPermutation");

    private static final Set<String> MAP = names("size", "isEmpty", "empty", "get", "getAt", "getOrDefault",
            "containsKey", "containsValue", "keySet", "values", "entrySet", "each", "eachWithIndex", "collect",
            "collectEntries", "collectMany", "find", "findAll", "findResult", "findResults", "every", "any", "count",
            "countBy", "groupBy", "inject", "sort", "min", "max", "plus", "minus", "subMap", "withDefault",
            "asImmutable", "put", "putAll", "putIfAbsent", "remove", "clear", "putAt", "leftShift", "keys",
            "getKey", "getValue", "key", "value", "toSorted", "take", "drop", "dropWhile", "takeWhile", "findAll",
            "computeIfAbsent", "merge");

    private static final Set<String> CLOSURE = names("call", "doCall", "curry", "rcurry", "ncurry", "memoize",
            "leftShift", "rightShift", "getMaximumNumberOfParameters", "maximumNumberOfParameters");

    private static final Set<String> MATCHER = names("find", "matches", "group", "groupCount", "getAt", "size",
            "getCount", "count", "each", "collect", "start", "end", "lookingAt", "hasGroup", "replaceAll",
            "replaceFirst");

    /** Instance methods (Groovy's extension methods included) by receiver type; a subtype inherits its supertypes'. */
    private static final Map<Class<?>, Set<String>> METHODS = new LinkedHashMap<>();

    static {
        METHODS.put(CharSequence.class, TEXT);
        METHODS.put(GString.class, TEXT);
        METHODS.put(Number.class, NUMBER);
        METHODS.put(Character.class, names("isLetter", "isDigit", "isWhitespace", "isUpperCase", "isLowerCase",
                "toUpperCase", "toLowerCase", "plus", "minus", "next", "previous", "charValue"));
        METHODS.put(Boolean.class, BOOLEAN);
        METHODS.put(Iterable.class, ITERABLE);
        METHODS.put(Iterator.class, names("hasNext", "next", "toList"));
        METHODS.put(Object[].class, ITERABLE);
        METHODS.put(Map.class, MAP);
        METHODS.put(Map.Entry.class, MAP);
        METHODS.put(Closure.class, CLOSURE);
        METHODS.put(Matcher.class, MATCHER);
        METHODS.put(Throwable.class, names("getMessage", "message"));
        METHODS.put(Enum.class, names("name", "ordinal"));
    }

    /** Classes a script may name: as a static receiver (with these methods and constants), in instanceof and casts. */
    private static final Map<Class<?>, Set<String>> STATICS = new LinkedHashMap<>();

    static {
        STATICS.put(Math.class, names("abs", "max", "min", "ceil", "floor", "round", "pow", "sqrt", "floorDiv",
                "floorMod", "PI", "E"));
        Set<String> integral = names("parseInt", "parseLong", "valueOf", "toString", "toHexString", "max", "min",
                "sum", "compare", "MAX_VALUE", "MIN_VALUE");
        STATICS.put(Integer.class, integral);
        STATICS.put(Long.class, integral);
        STATICS.put(Double.class, names("parseDouble", "valueOf", "toString", "compare", "MAX_VALUE", "MIN_VALUE"));
        STATICS.put(Boolean.class, names("parseBoolean", "valueOf", "toString", "TRUE", "FALSE"));
        STATICS.put(String.class, names("format", "valueOf", "join"));
        STATICS.put(Character.class, names("isLetter", "isDigit", "isWhitespace", "valueOf"));
        STATICS.put(BigDecimal.class, names("valueOf", "ZERO", "ONE", "TEN"));
        STATICS.put(BigInteger.class, names("valueOf", "ZERO", "ONE", "TEN"));
        for (Class<?> type : List.of(Object.class, Number.class, CharSequence.class, GString.class, List.class,
                Map.class, Set.class, Collection.class, Iterable.class, Closure.class, Range.class, int.class,
                long.class, double.class, float.class, boolean.class, short.class, byte.class, char.class,
                Short.class, Byte.class, Float.class, Map.Entry.class, Exception.class, RuntimeException.class,
                IllegalArgumentException.class, IllegalStateException.class, ArrayList.class, LinkedHashMap.class,
                HashMap.class, HashSet.class, LinkedHashSet.class, TreeMap.class, TreeSet.class, StringBuilder.class)) {
            STATICS.putIfAbsent(type, Set.of());
        }
    }

    /** Classes a script may create with {@code new}. */
    private static final Set<Class<?>> CONSTRUCTIBLE = Set.of(ArrayList.class, LinkedHashMap.class, HashMap.class,
            HashSet.class, LinkedHashSet.class, TreeMap.class, TreeSet.class, StringBuilder.class, String.class,
            BigDecimal.class, BigInteger.class, Exception.class, RuntimeException.class,
            IllegalArgumentException.class, IllegalStateException.class, Object.class);

    /** Exceptions a script may catch: never Throwable or Error, so a refusal cannot be swallowed. */
    private static final Set<Class<?>> CATCHABLE = Set.of(Exception.class, RuntimeException.class,
            IllegalArgumentException.class, IllegalStateException.class, ArithmeticException.class,
            NumberFormatException.class, IndexOutOfBoundsException.class, NullPointerException.class);

    private static Set<String> names(String... names) {
        return Set.copyOf(java.util.Arrays.asList(names)); // tolerates a name listed twice
    }

    static boolean mayName(String className) {
        return STATICS.keySet().stream().anyMatch(c -> c.getName().equals(className));
    }

    static boolean mayConstruct(String className) {
        return CONSTRUCTIBLE.stream().anyMatch(c -> c.getName().equals(className));
    }

    static boolean mayCatch(String className) {
        return CATCHABLE.stream().anyMatch(c -> c.getName().equals(className));
    }

    static boolean mayCall(Object receiver, String name) {
        if (NEVER.contains(name)) return false;
        if (receiver instanceof Class<?> type) {
            Set<String> statics = STATICS.get(type);
            return statics != null && statics.contains(name);
        }
        if (OBJECT.contains(name)) return true;
        for (Map.Entry<Class<?>, Set<String>> entry : METHODS.entrySet()) {
            if (entry.getKey().isInstance(receiver) && entry.getValue().contains(name)) return true;
        }
        return KubikRecords.isAccessor(receiver, name);
    }

    /** A property is readable where its getter (or the method of that name) may be called. */
    static boolean mayRead(Object receiver, String name) {
        if (NEVER.contains(name)) return false;
        if (receiver instanceof Map) return true;
        String capitalized = name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
        return mayCall(receiver, name) || mayCall(receiver, "get" + capitalized) || mayCall(receiver, "is" + capitalized);
    }

    static String describe(Object receiver) {
        if (receiver == null) return "null";
        if (receiver instanceof Class<?> type) return "class " + type.getName();
        if (receiver instanceof groovy.lang.Script) return "the script";
        return receiver.getClass().getName();
    }

    /** Types scripts may hold: a value of another type read from a kubik record is given to the script as text. */
    static Object contain(Object value) {
        if (value == null || value instanceof CharSequence || value instanceof Number || value instanceof Boolean
                || value instanceof Character || value instanceof Enum<?> || KubikRecords.is(value)) {
            return value;
        }
        if (value instanceof List<?> list) return list.stream().map(SandboxPolicy::contain).toList();
        if (value instanceof Set<?> set) {
            Set<Object> copy = new LinkedHashSet<>();
            set.forEach(v -> copy.add(contain(v)));
            return java.util.Collections.unmodifiableSet(copy);
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(contain(k), contain(v)));
            return java.util.Collections.unmodifiableMap(copy);
        }
        if (value instanceof java.util.Optional<?> optional) return contain(optional.orElse(null));
        return value.toString();
    }
}
