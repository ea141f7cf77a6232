package io.gitplatform.spi;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One option a task head reads, described for users: the CLI ({@code tasks}, {@code run --option}), the REST API
 * ({@code GET /api/v1/tasks}, form fields of {@code POST /api/v1/tasks/{task}}), the OpenAPI document and the try
 * page's form are all built from these, and the platform checks every value against them before the head runs.
 *
 * @param name          the option's name: a {@link TaskOptions} field ({@code questions}, {@code labels},
 *                      {@code prompt}, {@code top_k}), a {@code generation.*} setting, or a key of
 *                      {@link TaskOptions#extra()}; lower case, digits, {@code _}, {@code -} and {@code .}
 * @param defaultValue the default as shown to users, or null when there is none (the model's default)
 * @param allowed      the only values accepted (a choice), or empty for any value of the type
 * @param min          the smallest accepted number (INTEGER, NUMBER), or null
 * @param max          the largest accepted number (INTEGER, NUMBER), or null
 * @param required     whether a request must give it
 */
public record TaskOption(String name, OptionType type, String defaultValue, List<String> allowed, Double min,
        Double max, boolean required, String description) {

    public TaskOption {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        if (!name.matches("[a-z][a-z0-9_.-]*")) {
            throw new IllegalArgumentException("an option name is lower case letters, digits, '_', '-' and '.',"
                    + " got '" + name + "'");
        }
        allowed = List.copyOf(allowed);
        if (defaultValue != null && check(name, type, allowed, min, max, defaultValue) != null) {
            throw new IllegalArgumentException("option '" + name + "': its default '" + defaultValue + "' is not"
                    + " valid: " + check(name, type, allowed, min, max, defaultValue));
        }
    }

    /** An optional option of any value of its type. */
    public TaskOption(String name, OptionType type, String defaultValue, String description) {
        this(name, type, defaultValue, List.of(), null, null, false, description);
    }

    /** This option, required. */
    public TaskOption asRequired() {
        return new TaskOption(name, type, defaultValue, allowed, min, max, true, description);
    }

    /** This option, accepting only {@code values}. */
    public TaskOption allowing(String... values) {
        return new TaskOption(name, type, defaultValue, List.of(values), min, max, required, description);
    }

    /** This option, accepting numbers from {@code min} to {@code max} (either may be null). */
    public TaskOption between(Double min, Double max) {
        return new TaskOption(name, type, defaultValue, allowed, min, max, required, description);
    }

    /**
     * Why {@code value} is not valid for this option, or null when it is. A STRING_LIST is checked item by item.
     */
    public String problem(String value) {
        return check(name, type, allowed, min, max, value);
    }

    private static String check(String name, OptionType type, List<String> allowed, Double min, Double max,
            String value) {
        if (value == null) {
            return "'" + name + "' has no value";
        }
        if (!allowed.isEmpty() && !allowed.contains(value)) {
            return "'" + name + "' must be one of " + allowed + ", got '" + value + "'";
        }
        switch (type) {
            case STRING, STRING_LIST -> {
                return null;
            }
            case BOOLEAN -> {
                String v = value.trim().toLowerCase(Locale.ROOT);
                return v.equals("true") || v.equals("false") ? null
                        : "'" + name + "' must be true or false, got '" + value + "'";
            }
            default -> {
                double number;
                try {
                    number = type == OptionType.INTEGER ? Long.parseLong(value.trim()) : Double.parseDouble(value);
                } catch (NumberFormatException e) {
                    return "'" + name + "' must be " + (type == OptionType.INTEGER ? "an integer" : "a number")
                            + ", got '" + value + "'";
                }
                if (Double.isNaN(number) || Double.isInfinite(number)) {
                    return "'" + name + "' must be a finite number, got '" + value + "'";
                }
                if ((min != null && number < min) || (max != null && number > max)) {
                    return "'" + name + "' must be " + range(type, min, max) + ", got " + value.trim();
                }
                return null;
            }
        }
    }

    private static String range(OptionType type, Double min, Double max) {
        String lo = min == null ? null : type == OptionType.INTEGER ? Long.toString(min.longValue()) : min.toString();
        String hi = max == null ? null : type == OptionType.INTEGER ? Long.toString(max.longValue()) : max.toString();
        if (lo != null && hi != null) {
            return "between " + lo + " and " + hi;
        }
        return lo != null ? "at least " + lo : "at most " + hi;
    }
}
