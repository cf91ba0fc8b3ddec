package io.jenkins.plugins.anyscale.client.provisioning;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A pattern of an access rule, compiled once: an Ant-style path pattern over a job's full name, or a glob over a
 * service account's name. Matching is exact and case-sensitive: {@code team-a/**} covers neither {@code Team-A/deploy}
 * nor {@code team-ab/deploy}.
 *
 * <ul>
 *   <li>{@code ?} matches one character and {@code *} any run of characters, within one path segment for jobs;
 *   <li>for jobs only, a {@code **} segment matches any number of segments, none included: {@code team-a/**} covers
 *       {@code team-a/deploy} and {@code team-a/nightly/main};
 *   <li>every other character stands for itself.
 * </ul>
 */
public final class NamePattern {

    /** Characters some glob dialects give a meaning that these patterns do not: refused rather than taken literally. */
    private static final String UNSUPPORTED = "[]{}\\";

    private final String text;
    private final Pattern regex;

    /** The path segments of a jobs pattern, runs of {@code **} made one; empty for an accounts pattern. */
    private final List<String> segments;

    private NamePattern(String text, Pattern regex, List<String> segments) {
        this.text = text;
        this.regex = regex;
        this.segments = List.copyOf(segments);
    }

    /**
     * A pattern over job full names, such as {@code team-a/**}, {@code platform/provision} or {@code platform/deploy-*}.
     *
     * @throws IllegalArgumentException saying what to fix
     */
    public static NamePattern jobs(String pattern) {
        String text = requireText(pattern, "jobs");
        if (text.startsWith("/") || text.endsWith("/") || text.contains("//")) {
            throw new IllegalArgumentException("The jobs pattern '" + text + "' has an empty path segment: write full"
                    + " names without leading, trailing or double slashes, such as team-a/**.");
        }
        List<String> segments = new ArrayList<>();
        for (String segment : text.split("/", -1)) {
            if (segment.contains("**") && !segment.equals("**")) {
                throw new IllegalArgumentException("In the jobs pattern '" + text + "', ** must be a whole path"
                        + " segment, as in team-a/**; use * for any characters within a segment.");
            }
            boolean repeatsAnyDepth = segment.equals("**")
                    && !segments.isEmpty()
                    && segments.get(segments.size() - 1).equals("**");
            if (!repeatsAnyDepth) {
                segments.add(segment);
            }
        }
        StringBuilder regex = new StringBuilder();
        int last = segments.size() - 1;
        for (int i = 0; i <= last; i++) {
            String segment = segments.get(i);
            boolean anyDepth = segment.equals("**");
            // A ** segment takes the slash next to it into its own group: the one after it, or before it at the end.
            boolean separator = i > 0 && !segments.get(i - 1).equals("**") && !(anyDepth && i == last);
            if (separator) {
                regex.append('/');
            }
            if (!anyDepth) {
                appendGlob(regex, segment, "[^/]");
            } else if (i < last) {
                regex.append("(?:[^/]+/)*");
            } else {
                regex.append(i == 0 ? ".*" : "(?:/[^/]+)*");
            }
        }
        return new NamePattern(text, Pattern.compile(regex.toString()), segments);
    }

    /**
     * A glob over service account names, such as {@code team-a-*}, {@code ci-bot} or {@code *}.
     *
     * @throws IllegalArgumentException saying what to fix
     */
    public static NamePattern accounts(String pattern) {
        String text = requireText(pattern, "accounts");
        StringBuilder regex = new StringBuilder();
        appendGlob(regex, text, ".");
        return new NamePattern(text, Pattern.compile(regex.toString(), Pattern.DOTALL), List.of());
    }

    /** Whether the whole name matches. */
    public boolean matches(String name) {
        return name != null && regex.matcher(name).matches();
    }

    /**
     * Whether this jobs pattern can match a job that is in no folder: {@code *}, {@code deploy-*}, and also
     * {@code team-a/**}, which covers a top-level job named {@code team-a}. False for an accounts pattern.
     */
    public boolean canMatchTopLevelJobs() {
        return !segments.isEmpty()
                && segments.stream().filter(s -> !s.equals("**")).count() <= 1;
    }

    /**
     * The folder this jobs pattern is confined to, when its first segment is a plain name followed by more segments:
     * {@code team-a} for {@code team-a/**} or {@code team-a/deploy-*}; empty for {@code *}{@code /deploy}, {@code **}
     * or a single name, and for an accounts pattern.
     */
    public Optional<String> leadingFolder() {
        if (segments.size() < 2) {
            return Optional.empty();
        }
        String first = segments.get(0);
        boolean plain = first.indexOf('*') < 0 && first.indexOf('?') < 0;
        return plain ? Optional.of(first) : Optional.empty();
    }

    /** The pattern as written. */
    public String text() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NamePattern other
                && text.equals(other.text)
                && regex.pattern().equals(other.regex.pattern());
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }

    private static String requireText(String pattern, String field) {
        if (pattern == null || pattern.isBlank()) {
            throw new IllegalArgumentException("The " + field + " pattern of an access rule must not be empty.");
        }
        if (!pattern.equals(pattern.strip())) {
            throw new IllegalArgumentException(
                    "The " + field + " pattern '" + pattern + "' must not start or end with spaces.");
        }
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (UNSUPPORTED.indexOf(c) >= 0) {
                throw new IllegalArgumentException("The " + field + " pattern '" + pattern + "' contains '" + c
                        + "': only * and ? are special in these patterns (and ** for jobs).");
            }
            if (Character.isISOControl(c)) {
                throw new IllegalArgumentException(
                        "The " + field + " pattern '" + pattern + "' contains a control character.");
            }
        }
        return pattern;
    }

    /** Appends {@code glob} as a regex where {@code *} and {@code ?} range over {@code anyChar}. */
    private static void appendGlob(StringBuilder regex, String glob, String anyChar) {
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' || c == '?') {
                if (literal.length() > 0) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                if (c == '*') {
                    while (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                        i++; // a run of stars is one star
                    }
                    regex.append(anyChar).append('*');
                } else {
                    regex.append(anyChar);
                }
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            regex.append(Pattern.quote(literal.toString()));
        }
    }
}
