package io.gitplatform.spi;

import java.util.Map;

/**
 * The platform's bounds on option values from outside, whatever the task: how many items a list option may have
 * (questions, labels), with a bound per option name where one is configured, and how long one text may be.
 *
 * @param maxItems      items a list option may have, unless {@code itemsByOption} names it
 * @param maxTextLength characters one value may have
 * @param itemsByOption items allowed for particular options ({@code questions}, {@code labels})
 */
public record OptionLimits(int maxItems, int maxTextLength, Map<String, Integer> itemsByOption) {
    public static final OptionLimits DEFAULT = new OptionLimits(64, 1000, Map.of());

    public OptionLimits {
        itemsByOption = Map.copyOf(itemsByOption);
        if (maxItems < 1 || maxTextLength < 1 || itemsByOption.values().stream().anyMatch(n -> n < 1)) {
            throw new IllegalArgumentException("option limits must be positive, got " + maxItems + " items, "
                    + maxTextLength + " characters and " + itemsByOption);
        }
    }

    public OptionLimits(int maxItems, int maxTextLength) {
        this(maxItems, maxTextLength, Map.of());
    }

    /** Items the option {@code name} may have. */
    public int maxItems(String name) {
        return itemsByOption.getOrDefault(name, maxItems);
    }
}
