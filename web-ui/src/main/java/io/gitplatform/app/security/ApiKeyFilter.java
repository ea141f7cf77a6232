package io.gitplatform.app.security;

import io.gitplatform.app.config.ApiSecurityProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * API keys on {@code /api/**} and {@code /v1/**} ({@code Authorization: Bearer <key>} or {@code X-API-Key}): none
 * needed while {@code git.security.api-key} is unset; {@code /api/v1/admin/**} always needs the admin key (401 without
 * any key, 403 with another key). Keys are compared in constant time and never logged. Actuator and the API docs stay
 * open for probes and scrapers.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class ApiKeyFilter extends OncePerRequestFilter {
    private final ApiSecurityProperties properties;

    public ApiKeyFilter(ApiSecurityProperties properties) {
        this.properties = properties;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = path(request);
        boolean guarded = path.startsWith("/api/") || path.startsWith("/v1/");
        return !guarded || HttpMethod.OPTIONS.matches(request.getMethod()); // CORS preflights carry no credentials
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = path(request);
        String key = presentedKey(request);
        if (path.startsWith("/api/v1/admin/") || path.equals("/api/v1/admin")) {
            if (key == null) {
                deny(response, 401, "Authentication required", "admin operations need the admin key");
            } else if (!properties.adminKeySet() || !matches(key, properties.adminKey())) {
                deny(response, 403, "Forbidden", "this key may not run admin operations");
            } else {
                chain.doFilter(request, response);
            }
            return;
        }
        boolean admin = key != null && properties.adminKeySet() && matches(key, properties.adminKey());
        if (properties.apiKeyRequired() && !admin && (key == null || !matches(key, properties.apiKey()))) {
            String detail = key == null
                    ? "send the API key as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'"
                    : "the API key is not valid";
            if (path.startsWith("/v1/")) {
                denyOpenAi(response, detail); // OpenAI clients read their own error object
            } else {
                deny(response, 401, "Authentication required", detail);
            }
            return;
        }
        chain.doFilter(request, response);
    }

    /**
     * The path as the dispatcher matches it: decoded, path parameters dropped, dot segments resolved. The raw request
     * URI would let {@code /api/v1/%61dmin/config} or {@code /api/v1/admin;x/config} reach the admin controller
     * without the admin check.
     */
    private static String path(HttpServletRequest request) {
        String info = request.getPathInfo();
        return request.getServletPath() + (info == null ? "" : info);
    }

    private static String presentedKey(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return header.substring(7).strip();
        }
        String apiKey = request.getHeader("X-API-Key");
        return apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
    }

    private static boolean matches(String presented, String expected) {
        return MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
    }

    /** A 401 as OpenAI's API answers it, so OpenAI clients report {@code invalid_api_key}. */
    private static void denyOpenAi(HttpServletResponse response, String detail) throws IOException {
        response.setStatus(401);
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        response.setContentType("application/json");
        response.getWriter().write("{\"error\":{\"message\":\"" + detail.replace("\"", "'")
                + "\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}");
    }

    private static void deny(HttpServletResponse response, int status, String title, String detail)
            throws IOException {
        response.setStatus(status);
        if (status == 401) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        response.setContentType("application/problem+json");
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail.replace("\"", "'") + "\"}");
    }
}
