package io.agenthub.api.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Every error the API answers is an RFC 9457 problem ({@code application/problem+json}); request errors carry
 * {@code errors: [{field, message}]} with the field named as the client wrote it. Nothing a client sent is echoed
 * beyond field names, and no stack trace or internal message leaves the server.
 */
@RestControllerAdvice
public class ApiErrors extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<Object> invalid(InvalidRequestException e) {
        HttpStatus status = HttpStatus.valueOf(e.status());
        return problem(status, status == HttpStatus.BAD_REQUEST ? "the request has invalid fields" : e.getMessage(), e.problems());
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Object> notFound(NotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, e.getMessage(), List.of());
    }

    @ExceptionHandler(UnavailableException.class)
    ResponseEntity<Object> unavailable(UnavailableException e) {
        log.warn("refused a request: {}", e.getMessage());
        ResponseEntity<Object> problem = problem(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage(), List.of());
        return ResponseEntity.status(problem.getStatusCode()).headers(problem.getHeaders())
                .header(org.springframework.http.HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds())).body(problem.getBody());
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<Object> conflict(ConflictException e) {
        return problem(HttpStatus.CONFLICT, e.getMessage(), List.of());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> parameterType(MethodArgumentTypeMismatchException e) {
        String expected = e.getRequiredType() == null ? "another type" : describe(e.getRequiredType());
        return problem(HttpStatus.BAD_REQUEST, "the request has invalid fields",
                List.of(new FieldProblem(e.getName(), "must be " + expected)));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        e.getBindingResult().getFieldErrors().forEach(error ->
                problems.add(new FieldProblem(jsonPath(error.getField()), error.getDefaultMessage())));
        e.getBindingResult().getGlobalErrors().forEach(error -> problems.add(new FieldProblem("", error.getDefaultMessage())));
        problems.sort(Comparator.comparing(FieldProblem::field).thenComparing(FieldProblem::message));
        return problem(HttpStatus.BAD_REQUEST, "the request has invalid fields", problems);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e, HttpHeaders headers,
                                                                            HttpStatusCode status, WebRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        e.getParameterValidationResults().forEach(result -> result.getResolvableErrors().forEach(error ->
                problems.add(new FieldProblem(jsonPath(result.getMethodParameter().getParameterName()), error.getDefaultMessage()))));
        return problem(HttpStatus.BAD_REQUEST, "the request has invalid fields", problems);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BodyTooLargeException tooLarge) {
                return problem(HttpStatus.CONTENT_TOO_LARGE, tooLarge.getMessage(), List.of());
            }
        }
        return problem(HttpStatus.BAD_REQUEST, "the request body cannot be read", List.of(bodyProblem(e.getCause())));
    }

    /** What is wrong with a body Jackson could not bind, said without echoing the client's input. */
    static FieldProblem bodyProblem(Throwable cause) {
        if (cause == null) {
            return new FieldProblem("", "a JSON body is required");
        }
        if (cause instanceof UnrecognizedPropertyException unknown) {
            String path = path(unknown);
            return new FieldProblem(path, "unknown field");
        }
        if (cause instanceof InvalidNullException nullValue) {
            return new FieldProblem(path(nullValue), "must not be null");
        }
        if (cause instanceof MismatchedInputException mismatch) {
            String path = path(mismatch);
            Class<?> target = mismatch.getTargetType();
            if (path.isEmpty()) {
                return new FieldProblem("", "the body must be a JSON object");
            }
            return new FieldProblem(path, "must be " + (target == null ? "of another type" : describe(target)));
        }
        if (cause instanceof InputCoercionException coercion) {
            return new FieldProblem(path(coercion), "is out of range" + (coercion.getTargetType() == null ? ""
                    : " for " + describe(coercion.getTargetType())));
        }
        if (cause instanceof StreamReadException duplicate && duplicate.getMessage() != null
                && duplicate.getMessage().startsWith("Duplicate Object property")) {
            // the parser names the key but gives no path: the path to the object that holds it, and the key
            String key = duplicateKey(duplicate.getMessage());
            String holder = path(duplicate);
            boolean named = key == null || holder.equals(key) || holder.endsWith("." + key);
            return new FieldProblem(named ? holder : holder.isEmpty() ? key : holder + "." + key,
                    "is given twice (a key may appear once)");
        }
        if (cause instanceof StreamReadException) {
            return new FieldProblem("", "malformed JSON");
        }
        if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
            return new FieldProblem(path(jackson), "has an invalid value");
        }
        return new FieldProblem("", "malformed JSON");
    }

    /** The key of Jackson's "Duplicate Object property \"symbol\"" message. */
    private static String duplicateKey(String message) {
        int start = message.indexOf('"');
        int end = start < 0 ? -1 : message.indexOf('"', start + 1);
        return end < 0 ? null : message.substring(start + 1, end);
    }

    private static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    static String describe(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class) {
            return "a number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type.isEnum()) {
            StringBuilder values = new StringBuilder();
            for (Object constant : type.getEnumConstants()) {
                values.append(values.isEmpty() ? "" : ", ").append(constant.toString().toLowerCase(Locale.ROOT));
            }
            return "one of " + values;
        }
        if (java.util.Map.class.isAssignableFrom(type)) {
            return "a JSON object";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "a JSON array";
        }
        if (type == java.util.UUID.class) {
            return "a UUID";
        }
        return "a JSON object";
    }

    /** {@code riskParams.stopLossPct} (a Java property path) as the client wrote it: {@code risk_params.stop_loss_pct}. */
    static String jsonPath(String javaPath) {
        StringBuilder out = new StringBuilder(javaPath.length() + 8);
        for (int i = 0; i < javaPath.length(); i++) {
            char c = javaPath.charAt(i);
            if (Character.isUpperCase(c)) {
                out.append('_').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static ResponseEntity<Object> problem(HttpStatus status, String detail, List<FieldProblem> problems) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        if (!problems.isEmpty()) {
            body.setProperty("errors", problems);
        }
        return ResponseEntity.status(status).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        log.error("unexpected error answering a request", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal error; the server log has the details", List.of());
    }
}
