package org.threadlanes.scenario.lessons;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Made-up content for the lessons' local web: HTML pages of a given size or with given links, and a tiny GIF. */
final class Pages {
    /** A valid 1x1 GIF, standing in for a flag. */
    private static final byte[] GIF = {
            'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0, (byte) 0x80, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff,
            (byte) 0xff, '!', (byte) 0xf9, 4, 1, 0, 0, 0, 0, ',', 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 'D', 1, 0, ';'};

    private Pages() {
    }

    /** An HTML page titled {@code title} of exactly {@code bytes} bytes (UTF-8). */
    static String html(String title, int bytes) {
        String head = "<!doctype html><html><head><title>" + title + "</title></head><body><h1>" + title + "</h1><p>";
        String tail = "</p></body></html>";
        int fill = bytes - head.getBytes(StandardCharsets.UTF_8).length - tail.length();
        if (fill < 0) throw new IllegalArgumentException("a page of " + bytes + " bytes is too small for " + title);
        StringBuilder sb = new StringBuilder(bytes).append(head);
        String words = "lorem ipsum dolor sit amet ";
        for (int i = 0; i < fill; i++) sb.append(words.charAt(i % words.length()));
        return sb.append(tail).toString();
    }

    /** An HTML page titled {@code title} whose anchors point to {@code hrefs}, in that order. */
    static String withLinks(String title, List<String> hrefs) {
        StringBuilder sb = new StringBuilder("<!doctype html><html><head><title>").append(title)
                .append("</title></head><body><h1>").append(title).append("</h1>\n<ul>\n");
        int n = 0;
        for (String href : hrefs) {
            // Vary the markup as real pages do: the crawler must find href among other attributes and quotes.
            String a = switch (n++ % 3) {
                case 0 -> "<a href=\"" + href + "\">";
                case 1 -> "<a class='nav' href='" + href + "' title='more'>";
                default -> "<A id=\"l" + n + "\"\n   HREF=\"" + href + "\">";
            };
            sb.append("  <li>").append(a).append(href).append("</a></li>\n");
        }
        return sb.append("</ul>\n<!-- <a href=\"/hidden\">commented out</a> -->\n</body></html>").toString();
    }

    /** A copy of the stand-in flag image. */
    static byte[] gif() {
        return GIF.clone();
    }
}
