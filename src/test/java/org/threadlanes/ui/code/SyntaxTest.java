package org.threadlanes.ui.code;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.threadlanes.scenario.Scenarios;
import org.threadlanes.scenario.Scenario;
import org.threadlanes.ui.code.Syntax.Kind;
import org.threadlanes.ui.code.Syntax.Language;
import org.threadlanes.ui.code.Syntax.Token;

/** The syntax tint: the pieces of a line, and lines given back whole. */
class SyntaxTest {

    private static List<Token> python(String line) {
        return Syntax.tokenize(List.of(line), Language.PYTHON).get(0);
    }

    /** Keywords, names, numbers, strings and a trailing comment come apart in Python. */
    @Test
    void pythonLineComesApart() {
        assertEquals(List.of(
                new Token("    ", Kind.PLAIN),
                new Token("for", Kind.KEYWORD),
                new Token(" _ ", Kind.PLAIN),
                new Token("in", Kind.KEYWORD),
                new Token(" ", Kind.PLAIN),
                new Token("range", Kind.BUILTIN),
                new Token("(", Kind.PLAIN),
                new Token("3", Kind.NUMBER),
                new Token("): x = ", Kind.PLAIN),
                new Token("'a#b'", Kind.STRING),
                new Token("  ", Kind.PLAIN),
                new Token("# note", Kind.COMMENT)),
                python("    for _ in range(3): x = 'a#b'  # note"));
    }

    /** A Python string prefix belongs to its string; a triple-quoted string carries over to the next lines. */
    @Test
    void prefixesAndTripleQuotes() {
        assertEquals(List.of(new Token("print", Kind.BUILTIN), new Token("(", Kind.PLAIN),
                new Token("f'{n} done'", Kind.STRING), new Token(")", Kind.PLAIN)), python("print(f'{n} done')"));
        List<List<Token>> lines = Syntax.tokenize(List.of("s = \"\"\"one", "two", "three\"\"\" + x"),
                Language.PYTHON);
        assertEquals(List.of(new Token("two", Kind.STRING)), lines.get(1));
        assertEquals(new Token("three\"\"\"", Kind.STRING), lines.get(2).get(0));
        assertEquals(new Token(" + x", Kind.PLAIN), lines.get(2).get(1));
    }

    /** Java line and block comments, keywords and strings; a block comment carries over. */
    @Test
    void javaLineComesApart() {
        List<List<Token>> lines = Syntax.tokenize(List.of(
                "while (q.isEmpty()) ready.await();   // blocked",
                "String s = \"a\\\"b\"; /* one",
                "two */ int n = 10;"), Language.JAVA);
        assertEquals(new Token("while", Kind.KEYWORD), lines.get(0).get(0));
        assertEquals(new Token("ReentrantLock", Kind.BUILTIN),
                Syntax.tokenize(List.of("ReentrantLock lock;"), Language.JAVA).get(0).get(0), "a type");
        assertEquals(new Token("// blocked", Kind.COMMENT), lines.get(0).get(lines.get(0).size() - 1));
        assertEquals(List.of(new Token("String", Kind.BUILTIN), new Token(" s = ", Kind.PLAIN),
                new Token("\"a\\\"b\"", Kind.STRING), new Token("; ", Kind.PLAIN),
                new Token("/* one", Kind.COMMENT)), lines.get(1));
        assertEquals(List.of(new Token("two */", Kind.COMMENT), new Token(" ", Kind.PLAIN),
                new Token("int", Kind.KEYWORD), new Token(" n = ", Kind.PLAIN), new Token("10", Kind.NUMBER),
                new Token(";", Kind.PLAIN)), lines.get(2));
    }

    /** Every line of every lesson's listings is given back whole by its tokens. */
    @Test
    void everyLessonListingIsGivenBackWhole() {
        for (Scenario s : Scenarios.all()) {
            check(s.listing().python(), Language.PYTHON, s.id());
            check(s.listing().java(), Language.JAVA, s.id());
        }
    }

    private static void check(List<String> lines, Language lang, String id) {
        List<List<Token>> tokens = Syntax.tokenize(lines, lang);
        for (int i = 0; i < lines.size(); i++) {
            StringBuilder sb = new StringBuilder();
            tokens.get(i).forEach(t -> sb.append(t.text()));
            assertEquals(lines.get(i), sb.toString(), id + " line " + (i + 1));
        }
    }
}
