package org.threadlanes.scenario.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

class LinksTest {

    /** Every anchor's href is found in document order, whatever its quotes, case and other attributes. */
    @Test
    void findsHrefsInDocumentOrderWhateverTheMarkup() {
        String html = """
                <html><body>
                <a href="/one">1</a> <p>text</p>
                <a class='nav' href='/two' title="x">2</a>
                <A id="x"
                   HREF="three.html">3</A>
                <a data-x="1" href=/four>4</a>
                <link href="/style.css"> <area href="/not-an-anchor">
                </body></html>
                """;
        assertEquals(List.of("/one", "/two", "three.html", "/four"), Links.hrefs(html));
    }

    /** Links inside HTML comments are not links. */
    @Test
    void skipsCommentedOutAnchors() {
        assertEquals(List.of("/kept"), Links.hrefs("<!-- <a href='/gone'>x</a> --><a href='/kept'>y</a>"));
    }

    /** An anchor without an href (a named anchor) yields nothing. */
    @Test
    void ignoresAnchorsWithoutHref() {
        assertEquals(List.of(), Links.hrefs("<a name='top'>top</a><a>bare</a>"));
    }

    /** Relative hrefs resolve against the page's own address. */
    @Test
    void resolvesAgainstThePage() {
        URI page = URI.create("http://127.0.0.1:8080/news/");
        assertEquals(List.of(URI.create("http://127.0.0.1:8080/news/world"), URI.create("http://127.0.0.1:8080/top"),
                        URI.create("https://example.org/x")),
                Links.resolved(page, "<a href='world'>w</a><a href='/top'>t</a><a href='https://example.org/x'>e</a>"));
    }
}
