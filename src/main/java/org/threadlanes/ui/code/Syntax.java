package org.threadlanes.ui.code;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A light syntax tint for listings: splits lines into keywords, strings, comments, numbers and builtins. Not a
 * parser: it only has to look right on the short, well-formed listings of the lessons. Strings and comments that
 * span lines (Python triple quotes, Java block comments) carry over to the next line.
 */
final class Syntax {
    /** What a piece of a line is, for its colour. */
    enum Kind {
        PLAIN, KEYWORD, STRING, COMMENT, NUMBER, BUILTIN;

        /** The style class of a token of this kind, such as {@code tok-keyword}. */
        String styleClass() {
            return "tok-" + name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One piece of a line. */
    record Token(String text, Kind kind) {
    }

    /** The languages a listing comes in. */
    enum Language {
        PYTHON("#", null, null, Set.of("False", "None", "True", "and", "as", "assert", "async", "await", "break",
                "class", "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if",
                "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
                "with", "yield"),
                Set.of("print", "range", "len", "list", "dict", "set", "tuple", "int", "str", "float", "bool", "sum",
                        "min", "max", "sorted", "enumerate", "zip", "map", "filter", "isinstance", "open", "super",
                        "self", "iter", "next", "any", "all", "round", "abs", "repr", "type", "Exception")),
        JAVA("//", "/*", "*/", Set.of("abstract", "assert", "boolean", "break", "byte", "case", "catch", "char",
                "class", "continue", "default", "do", "double", "else", "enum", "extends", "final", "finally",
                "float", "for", "if", "implements", "import", "instanceof", "int", "interface", "long", "new",
                "package", "private", "protected", "public", "record", "return", "short", "static", "super",
                "switch", "synchronized", "this", "throw", "throws", "try", "var", "void", "volatile", "while",
                "true", "false", "null"),
                Set.of());

        final String lineComment;
        final String blockOpen;
        final String blockClose;
        final Set<String> keywords;
        final Set<String> builtins;

        Language(String lineComment, String blockOpen, String blockClose, Set<String> keywords,
                 Set<String> builtins) {
            this.lineComment = lineComment;
            this.blockOpen = blockOpen;
            this.blockClose = blockClose;
            this.keywords = keywords;
            this.builtins = builtins;
        }
    }

    private Syntax() {
    }

    /** The tokens of every line of a listing, one list per line; concatenating a line's tokens gives it back. */
    static List<List<Token>> tokenize(List<String> lines, Language lang) {
        List<List<Token>> out = new ArrayList<>(lines.size());
        String open = null; // the closing delimiter of a string or comment still open from an earlier line
        for (String line : lines) {
            Line l = new Line(line);
            open = l.scan(lang, open);
            out.add(l.tokens);
        }
        return out;
    }

    /** Scans one line, merging neighbouring tokens of the same kind. */
    private static final class Line {
        final String s;
        final List<Token> tokens = new ArrayList<>();

        Line(String s) {
            this.s = s;
        }

        void add(int from, int to, Kind kind) {
            if (to <= from) return;
            String text = s.substring(from, to);
            int last = tokens.size() - 1;
            if (last >= 0 && tokens.get(last).kind() == kind) {
                tokens.set(last, new Token(tokens.get(last).text() + text, kind));
            } else {
                tokens.add(new Token(text, kind));
            }
        }

        /** Returns the delimiter still open at the end of the line, or null. */
        String scan(Language lang, String open) {
            int i = 0;
            int n = s.length();
            if (open != null) {
                int end = s.indexOf(open);
                Kind kind = open.equals(lang.blockClose) ? Kind.COMMENT : Kind.STRING;
                if (end < 0) {
                    add(0, n, kind);
                    return open;
                }
                add(0, end + open.length(), kind);
                i = end + open.length();
            }
            while (i < n) {
                char c = s.charAt(i);
                if (s.startsWith(lang.lineComment, i)) {
                    add(i, n, Kind.COMMENT);
                    return null;
                }
                if (lang.blockOpen != null && s.startsWith(lang.blockOpen, i)) {
                    int end = s.indexOf(lang.blockClose, i + lang.blockOpen.length());
                    if (end < 0) {
                        add(i, n, Kind.COMMENT);
                        return lang.blockClose;
                    }
                    add(i, end + lang.blockClose.length(), Kind.COMMENT);
                    i = end + lang.blockClose.length();
                } else if (c == '"' || c == '\'') {
                    String quote = lang == Language.PYTHON && s.startsWith(String.valueOf(c).repeat(3), i)
                            ? String.valueOf(c).repeat(3) : String.valueOf(c);
                    int end = closing(i + quote.length(), quote);
                    if (end < 0) {
                        add(i, n, Kind.STRING);
                        return quote.length() == 3 ? quote : null;
                    }
                    add(i, end, Kind.STRING);
                    i = end;
                } else if (Character.isDigit(c)) {
                    int j = i + 1;
                    while (j < n && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_'
                            || s.charAt(j) == '.' && j + 1 < n && Character.isDigit(s.charAt(j + 1)))) j++;
                    add(i, j, Kind.NUMBER);
                    i = j;
                } else if (Character.isJavaIdentifierStart(c) || c == '@') {
                    int j = i + 1;
                    while (j < n && Character.isJavaIdentifierPart(s.charAt(j))) j++;
                    String word = s.substring(i, j);
                    // A Python string prefix (f'..', r"..") belongs to the string that follows.
                    if (lang == Language.PYTHON && j < n && (s.charAt(j) == '\'' || s.charAt(j) == '"')
                            && word.length() <= 2 && word.chars().allMatch(ch -> "rRbBfFuU".indexOf(ch) >= 0)) {
                        String quote = String.valueOf(s.charAt(j));
                        int end = closing(j + 1, quote);
                        add(i, end < 0 ? n : end, Kind.STRING);
                        i = end < 0 ? n : end;
                        continue;
                    }
                    // In Java a capitalised name is a type (or a constant): tinted like a builtin.
                    Kind kind = word.startsWith("@") ? Kind.BUILTIN
                            : lang.keywords.contains(word) ? Kind.KEYWORD
                            : lang.builtins.contains(word) ? Kind.BUILTIN
                            : lang == Language.JAVA && Character.isUpperCase(word.charAt(0)) ? Kind.BUILTIN
                            : Kind.PLAIN;
                    add(i, j, kind);
                    i = j;
                } else {
                    add(i, i + 1, Kind.PLAIN);
                    i++;
                }
            }
            return null;
        }

        /** The index just past the closing {@code quote} from {@code from}, skipping escapes; -1 if none. */
        private int closing(int from, String quote) {
            for (int j = from; j < s.length(); j++) {
                if (s.charAt(j) == '\\') {
                    j++;
                } else if (s.startsWith(quote, j)) {
                    return j + quote.length();
                }
            }
            return -1;
        }
    }
}
