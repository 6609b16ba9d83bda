package io.agenthub.ingest.feed.hashkey;

/** Shortens untrusted payloads before they go into a log line. */
final class LogText {

    private static final int MAX = 200;

    private LogText() {
    }

    static String truncate(String text) {
        if (text == null) {
            return "null";
        }
        String flat = text.replaceAll("[\\r\\n]+", " ");
        return flat.length() <= MAX ? flat : flat.substring(0, MAX) + "... (" + flat.length() + " chars)";
    }
}
