import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes the golden answers of java.util.regex for the masking corpus.
 *
 * <pre>
 *   java MaskGolden cases.txt expected.txt
 * </pre>
 *
 * For every (pattern, replacement, input) of cases.txt it records
 * Pattern.compile(pattern).matcher(input).replaceAll(replacement), or the
 * class of the exception Java throws and the stage that threw it. The format
 * of both files is described at the top of cases.txt. No library is used.
 */
public final class MaskGolden {
    private static final String DEFAULT_REPLACEMENT = "[$0]";

    private static final class Case {
        final String id;
        final int line;
        String pattern;
        String replacement = DEFAULT_REPLACEMENT;
        final List<String> inputs = new ArrayList<>();

        Case(String id, int line) {
            this.id = id;
            this.line = line;
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: java MaskGolden cases.txt expected.txt");
            System.exit(2);
        }
        List<Case> cases = read(Paths.get(args[0]));
        StringBuilder out = new StringBuilder();
        out.append("# Written by MaskGolden.java from cases.txt; do not edit. Regenerate with run.sh.\n");
        out.append("# java.version=").append(System.getProperty("java.version"))
           .append(" java.vendor=").append(System.getProperty("java.vendor")).append('\n');
        int answers = 0;
        for (Case c : cases) {
            Pattern p = null;
            String compileError = null;
            try {
                p = Pattern.compile(c.pattern);
            } catch (RuntimeException e) {
                compileError = e.getClass().getName();
            }
            for (int n = 0; n < c.inputs.size(); n++) {
                out.append(c.id).append('#').append(n + 1).append(' ');
                if (compileError != null) {
                    out.append("java-error: compile ").append(compileError);
                } else {
                    try {
                        Matcher m = p.matcher(c.inputs.get(n));
                        String result = m.replaceAll(c.replacement);
                        out.append("output: ").append(escape(result));
                    } catch (RuntimeException e) {
                        out.append("java-error: replace ").append(e.getClass().getName());
                    }
                }
                out.append('\n');
                answers++;
            }
        }
        try (Writer w = Files.newBufferedWriter(Paths.get(args[1]), StandardCharsets.UTF_8)) {
            w.write(out.toString());
        }
        System.out.println("MaskGolden: " + cases.size() + " cases, " + answers + " answers");
    }

    private static List<Case> read(Path file) throws IOException {
        List<Case> cases = new ArrayList<>();
        Case cur = null;
        int lineNo = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int colon = line.indexOf(':');
                if (line.startsWith("case ")) {
                    cur = new Case(line.substring(5).trim(), lineNo);
                    cases.add(cur);
                    continue;
                }
                if (colon < 0 || cur == null) {
                    throw new IOException(file + ":" + lineNo + ": expected 'case <id>' or 'key: value'");
                }
                String key = line.substring(0, colon);
                String value = line.substring(colon + 1);
                if (value.startsWith(" ")) {
                    value = value.substring(1);
                }
                switch (key) {
                    case "pattern": cur.pattern = value; break;
                    case "pattern-escaped": cur.pattern = unescape(value, file, lineNo); break;
                    case "replacement": cur.replacement = value; break;
                    case "replacement-escaped": cur.replacement = unescape(value, file, lineNo); break;
                    case "input": cur.inputs.add(unescape(value, file, lineNo)); break;
                    default: break; // annotations for the Go side (refuse, known-difference, note, ...)
                }
            }
        }
        for (Case c : cases) {
            if (c.pattern == null || c.inputs.isEmpty()) {
                throw new IOException(file + ":" + c.line + ": case " + c.id + " needs a pattern and an input");
            }
        }
        return cases;
    }

    /** Decodes \\ \n \r \t \f and \\uXXXX (one UTF-16 unit); anything else is an error. */
    static String unescape(String s, Path file, int lineNo) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                b.append(c);
                continue;
            }
            if (i + 1 >= s.length()) {
                throw new IOException(file + ":" + lineNo + ": trailing backslash");
            }
            char e = s.charAt(++i);
            switch (e) {
                case '\\': b.append('\\'); break;
                case 'n': b.append('\n'); break;
                case 'r': b.append('\r'); break;
                case 't': b.append('\t'); break;
                case 'f': b.append('\f'); break;
                case 'u':
                    if (i + 4 >= s.length() || !s.substring(i + 1, i + 5).matches("[0-9A-Fa-f]{4}")) {
                        throw new IOException(file + ":" + lineNo + ": \\u needs four hex digits");
                    }
                    b.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                    break;
                default:
                    throw new IOException(file + ":" + lineNo + ": unknown escape \\" + e);
            }
        }
        return b.toString();
    }

    /** Escapes so the file is ASCII: \\ \n \r \t and \\uXXXX for every other unit outside 0x20..0x7E. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\': b.append("\\\\"); break;
                case '\n': b.append("\\n"); break;
                case '\r': b.append("\\r"); break;
                case '\t': b.append("\\t"); break;
                default:
                    if (c >= 0x20 && c < 0x7F) {
                        b.append(c);
                    } else {
                        b.append(String.format("\\u%04X", (int) c));
                    }
            }
        }
        return b.toString();
    }
}
