package io.agenthub.api.web;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Problem JSON written straight to a servlet response, for filters that answer before Spring MVC is reached. */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    /** @param instance the request path, or {@code null} to leave it out */
    public static void write(HttpServletResponse response, HttpStatus status, String detail, String instance) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + status.getReasonPhrase() + "\",\"status\":" + status.value()
                + ",\"detail\":\"" + escape(detail) + "\"" + (instance == null ? "" : ",\"instance\":\"" + escape(instance) + "\"") + "}");
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
