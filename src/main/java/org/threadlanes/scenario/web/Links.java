package org.threadlanes.scenario.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Link extraction, as the course's crawler does it with a regular expression: the {@code href} of every
 * {@code <a>} tag, in document order.
 *
 * <pre>{@code
 * Links.hrefs("<p><a class=x href='/a'>A</a> <A HREF=\"b.html\">B</A></p>")   // ["/a", "b.html"]
 * }</pre>
 */
public final class Links {
    private static final Pattern COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);
    // <a, then any attributes, then href = "..." | '...' | bare; case-insensitive like HTML itself.
    private static final Pattern ANCHOR_HREF = Pattern.compile(
            "<a\\s(?:[^>]*?\\s)?href\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s\"'>]+))",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private Links() {
    }

    /** Every anchor's href as written, skipping comments. */
    public static List<String> hrefs(String html) {
        List<String> out = new ArrayList<>();
        Matcher m = ANCHOR_HREF.matcher(COMMENT.matcher(html).replaceAll(" "));
        while (m.find()) {
            String href = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            href = href.strip();
            if (!href.isEmpty()) out.add(href);
        }
        return out;
    }

    /** Every anchor's href resolved against the page's own address. Hrefs that are not valid URIs are skipped. */
    public static List<URI> resolved(URI page, String html) {
        List<URI> out = new ArrayList<>();
        for (String href : hrefs(html)) {
            try {
                out.add(page.resolve(href));
            } catch (IllegalArgumentException e) {
                // A malformed href on a page is the page's problem, not the crawler's: skip it, as browsers do.
            }
        }
        return out;
    }
}
