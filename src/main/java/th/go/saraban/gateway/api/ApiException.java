package th.go.saraban.gateway.api;

/**
 * A refusal the API client can act on: its HTTP status, a short machine-readable {@code error} and a
 * {@code detail} sentence that names what was wrong (the parameter, the id). The route
 * configuration {@code api} turns it into {@code {"error": ..., "detail": ...}}; it carries no stack
 * trace because none is ever shown.
 */
public final class ApiException extends RuntimeException {

    private final int status;
    private final String error;
    private final String detail;

    public ApiException(int status, String error, String detail) {
        super(status + " " + error + ": " + detail, null, false, false);
        this.status = status;
        this.error = error;
        this.detail = detail;
    }

    /** 400: {@code parameter} (a query or path parameter, or a field of the body) is wrong, and why. */
    public static ApiException badParameter(String parameter, String why) {
        return new ApiException(400, "bad_parameter", parameter + ": " + why);
    }

    /** 404: the thing asked for does not exist (or has no content to give). */
    public static ApiException notFound(String detail) {
        return new ApiException(404, "not_found", detail);
    }

    /** 401: no key, or a key that is not (or no longer) valid. */
    public static ApiException unauthorized(String detail) {
        return new ApiException(401, "unauthorized", detail);
    }

    /** 403: a valid key without the scope this call needs. */
    public static ApiException forbidden(String detail) {
        return new ApiException(403, "forbidden", detail);
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public String detail() {
        return detail;
    }
}
