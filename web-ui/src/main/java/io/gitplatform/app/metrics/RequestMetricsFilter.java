package io.gitplatform.app.metrics;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Times every API request as {@code git.request.latency}, tagged with its task (caption, ask, classify, chat, jobs,
 * models, admin) and outcome (the status class), refused requests included. Streams count until their response is
 * committed.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestMetricsFilter extends OncePerRequestFilter {
    private final ServingMetrics metrics;

    public RequestMetricsFilter(ServingMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !(path.startsWith("/api/") || path.startsWith("/v1/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            metrics.request(task(request.getRequestURI()), (response.getStatus() / 100) + "xx",
                    System.nanoTime() - start);
        }
    }

    static String task(String path) {
        if (path.startsWith("/v1/chat/")) {
            return "chat";
        }
        if (path.startsWith("/v1/models")) {
            return "models";
        }
        String[] parts = path.split("/");
        return parts.length > 3 ? parts[3] : "other"; // /api/v1/<task>/...
    }
}
