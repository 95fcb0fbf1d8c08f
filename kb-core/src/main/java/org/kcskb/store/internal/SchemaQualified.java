package org.kcskb.store.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A connection whose statements name the store's tables with their schema ({@code kb_articles} becomes
 * {@code "tenant_42".kb_articles}), for a store that shares a host's pool with stores in other schemas.
 *
 * <p>Qualified names make every statement independent of the connection's search path, so the store never has to
 * set it on a borrowed connection: setting it would cost a round trip per call, and another one when the pool
 * restores its own on return, which with many stores polling their change feeds over one pool adds up. Data
 * statements are rewritten; schema changes ({@code CREATE}, {@code ALTER}, {@code DROP}) are not, because
 * PostgreSQL refuses a schema-qualified index name: migrations run with the schema set on their connection instead.
 *
 * <p>The rewrite relies on the store's naming rule: every table and sequence is named {@code kb_...} and no column
 * is. Not thread-safe beyond what the wrapped connection is.
 */
final class SchemaQualified {
    /** A {@code kb_} name not already qualified or quoted. */
    private static final Pattern TABLE = Pattern.compile("(?<![\\w.\"])kb_[a-z0-9_]+\\b");

    private static final Pattern SCHEMA_CHANGE =
            Pattern.compile("^\\s*(?:CREATE|ALTER|DROP|COMMENT)\\b", Pattern.CASE_INSENSITIVE);

    private SchemaQualified() {}

    /** Returns {@code connection} with its statements' table names qualified by {@code schema}. */
    static Connection wrap(Connection connection, String schema) {
        return (Connection) Proxy.newProxyInstance(
                SchemaQualified.class.getClassLoader(),
                new Class<?>[] {Connection.class},
                new Handler(connection, "\"" + schema + "\"."));
    }

    /** Returns {@code sql} with the store's table names qualified by {@code prefix} (a quoted schema and a dot). */
    static String qualify(String sql, String prefix) {
        if (SCHEMA_CHANGE.matcher(sql).find()) {
            return sql;
        }
        Matcher names = TABLE.matcher(sql);
        return names.find() ? names.replaceAll(m -> Matcher.quoteReplacement(prefix + m.group())) : sql;
    }

    private static final class Handler implements InvocationHandler {
        private final Object target;
        private final String prefix;

        Handler(Object target, String prefix) {
            this.target = target;
            this.prefix = prefix;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "equals" -> {
                    return proxy == args[0];
                }
                case "hashCode" -> {
                    return System.identityHashCode(proxy);
                }
                case "toString" -> {
                    return "schema-qualified " + target;
                }
                default -> {
                    // Rewritten below.
                }
            }
            if (args != null && args.length > 0 && args[0] instanceof String sql && takesSql(method)) {
                args = args.clone();
                args[0] = qualify(sql, prefix);
            }
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (result instanceof Statement statement && method.getName().equals("createStatement")) {
                return Proxy.newProxyInstance(
                        SchemaQualified.class.getClassLoader(),
                        new Class<?>[] {Statement.class},
                        new Handler(statement, prefix));
            }
            return result;
        }

        /** Whether the method's first argument is SQL: preparing, calling or running a statement. */
        private static boolean takesSql(Method method) {
            String name = method.getName().toLowerCase(Locale.ROOT);
            return name.startsWith("prepare")
                    || name.startsWith("execute")
                    || name.equals("addbatch")
                    || name.equals("nativesql");
        }
    }
}
