package dev.fwdocs.plugin.bundle;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * The one time every bundle entry carries: {@code project.build.outputTimestamp} (ISO-8601 with an offset, or
 * seconds since the epoch, as Maven takes it), else {@code SOURCE_DATE_EPOCH}, else {@link #DEFAULT}; never the clock.
 */
public final class ArchiveTime {

    /** The time used when neither is set: fixed, so that two builds of the same catalog are the same bytes. */
    public static final Instant DEFAULT = Instant.parse("2000-01-01T00:00:00Z");

    private ArchiveTime() {
    }

    /**
     * The entry time from Maven's {@code outputTimestamp} and the {@code SOURCE_DATE_EPOCH} value (either may be null
     * or empty; Maven's single-character "not set" value counts as unset). Throws {@link IllegalArgumentException}
     * naming the value and the forms it may take.
     */
    public static Instant of(String outputTimestamp, String sourceDateEpoch) {
        if (outputTimestamp != null && outputTimestamp.strip().length() > 1) {
            return parse("project.build.outputTimestamp", outputTimestamp.strip());
        }
        if (sourceDateEpoch != null && !sourceDateEpoch.isBlank()) {
            return parse("SOURCE_DATE_EPOCH", sourceDateEpoch.strip());
        }
        return DEFAULT;
    }

    /** The time of a run that sets nothing but may have {@code SOURCE_DATE_EPOCH} in its environment. */
    public static Instant fromEnvironment() {
        return of(null, System.getenv("SOURCE_DATE_EPOCH"));
    }

    private static Instant parse(String what, String value) {
        if (value.matches("[0-9]{1,12}")) {
            return Instant.ofEpochSecond(Long.parseLong(value));
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(what + " '" + value + "' is neither seconds since 1970 nor an"
                    + " ISO-8601 time with an offset (2024-01-01T00:00:00Z)", e);
        }
    }
}
