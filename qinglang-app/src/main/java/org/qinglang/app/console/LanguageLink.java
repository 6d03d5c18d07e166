package org.qinglang.app.console;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.support.RequestContextUtils;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The console's language link ({@code langHref}): the page being read, in the other language. For a page shown
 * by a GET that is its own address with {@code lang} changed and the rest of its query kept (a filtered queue stays
 * filtered); for a page shown after a form was posted (an error shown on the form's page) it is the page the form
 * was on, from the Referer, since the form's address answers POST only (the link led to 405).
 */
@ControllerAdvice(basePackages = "org.qinglang.app")
class LanguageLink {

    @ModelAttribute("langHref")
    String langHref(HttpServletRequest request) {
        String uri = request.getRequestURI();
        if (!uri.startsWith("/console") || uri.startsWith("/console/api/")) {
            return null;
        }
        String other = "en".equals(RequestContextUtils.getLocale(request).getLanguage()) ? "zh" : "en";
        String path = uri;
        String query = request.getQueryString();
        if (!"GET".equals(request.getMethod())) {
            path = "/console";
            query = null;
            String referer = request.getHeader("Referer");
            if (referer != null) {
                try {
                    URI r = URI.create(referer);
                    // only the path and query of a console page: never another site, never a protocol-relative path
                    if (r.getRawPath() != null && r.getRawPath().startsWith("/console") && !r.getRawPath().startsWith("//")) {
                        path = r.getRawPath();
                        query = r.getRawQuery();
                    }
                } catch (IllegalArgumentException e) {
                    // not a URI: the console's home
                }
            }
        }
        List<String> kept = new ArrayList<>();
        if (query != null) {
            for (String p : query.split("&")) {
                if (!p.isEmpty() && !p.equals("lang") && !p.startsWith("lang=")) {
                    kept.add(p);
                }
            }
        }
        kept.add("lang=" + other);
        return path + "?" + String.join("&", kept);
    }
}
