package io.daemoncontroller.cli;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the {@code daemons} endpoint answered to one request.
 *
 * @param uri the request's URI
 * @param status the HTTP status
 * @param json the body read as JSON; {@code null} when it is not JSON (or is JSON {@code null})
 */
record Reply(URI uri, int status, Object json) {

    boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** The body as a JSON object; a {@link Failure} if it is none, since the endpoint answers only objects. */
    Map<String, Object> object() {
        if (json instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            Map<String, Object> object = (Map<String, Object>) map;
            return object;
        }
        throw notTheEndpoint();
    }

    /** The objects listed under {@code key} in the body, such as the daemons under {@code daemons}. */
    List<Map<String, Object>> objects(String key) {
        if (object().get(key) instanceof List<?> list && list.stream().allMatch(Map.class::isInstance)) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> objects = (List<Map<String, Object>>) list;
            return objects;
        }
        throw notTheEndpoint();
    }

    /** The strings listed under {@code key} in the body, such as a log's {@code lines}. */
    List<String> strings(String key) {
        if (object().get(key) instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            return list.stream().map(String.class::cast).toList();
        }
        throw notTheEndpoint();
    }

    /**
     * Why the request was refused, as the operator should read it: the endpoint's own {@code {"error": ...}}
     * message when it sent one, else what the status means for {@code daemonctl} and how to fix it.
     */
    Failure refusal() {
        Optional<String> message = errorMessage();
        if (message.isPresent()) {
            return new Failure(status == 400 ? Exit.USAGE : Exit.FAILED, message.get());
        }
        return switch (status) {
            case 401, 403 -> new Failure(Exit.FAILED, uri + " answered " + status + ": log in with --user=name:password "
                    + "or --token=... (or DAEMONCTL_USER, DAEMONCTL_TOKEN)");
            case 405 -> new Failure(Exit.FAILED, uri + " answered 405: the daemons endpoint is read-only; the app needs "
                    + "management.endpoint.daemons.access=unrestricted to start and stop daemons");
            case 404 -> notTheEndpoint();
            default -> new Failure(Exit.FAILED, uri + " answered " + status + (json == null ? "" : ": " + json));
        };
    }

    /** The message of an {@code {"error": "..."}} answer, the endpoint's shape for every refusal. */
    private Optional<String> errorMessage() {
        if (json instanceof Map<?, ?> map && map.size() == 1 && map.get("error") instanceof String error) {
            return Optional.of(error);
        }
        return Optional.empty();
    }

    private Failure notTheEndpoint() {
        return new Failure(Exit.FAILED, uri + " answered " + status + " but not as the daemons endpoint does: is "
                + "--url the actuator's base URL (such as " + Invocation.DEFAULT_URL + ") and the endpoint exposed "
                + "(management.endpoints.web.exposure.include=daemons)?");
    }
}
