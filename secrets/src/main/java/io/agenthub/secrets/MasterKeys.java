package io.agenthub.secrets;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The AES-256 master keys secrets are sealed with, newest first: {@code k2:<base64>,k1:<base64>}. The first seals;
 * every one opens what it sealed. Rotation: put a new key first, start, {@link SecretStore#reseal()} (the API does
 * it on start), then drop the old key. Never logged; {@link #toString()} names the ids only.
 */
public final class MasterKeys {

    private static final Pattern ID = Pattern.compile("[a-z0-9]{1,16}");

    private final Map<String, byte[]> keys;
    private final String currentId;

    private MasterKeys(Map<String, byte[]> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no master key given");
        }
        this.keys = keys;
        this.currentId = keys.keySet().iterator().next();
    }

    /** Parses {@code id:base64[,id:base64...]}; each key is 32 random bytes. */
    public static MasterKeys parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("no master key given; expected id:base64-of-32-bytes[,id:...]");
        }
        Map<String, byte[]> keys = new LinkedHashMap<>();
        for (String part : spec.split(",")) {
            int colon = part.indexOf(':');
            String id = colon < 0 ? "" : part.substring(0, colon).strip();
            if (!ID.matcher(id).matches()) {
                throw new IllegalArgumentException("a master key is id:base64 with an id of 1-16 lower-case letters and digits");
            }
            byte[] key;
            try {
                key = Base64.getDecoder().decode(part.substring(colon + 1).strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("master key " + id + " is not base64");
            }
            if (key.length != 32) {
                throw new IllegalArgumentException("master key " + id + " must be 32 bytes (AES-256), got " + key.length);
            }
            if (keys.putIfAbsent(id, key) != null) {
                throw new IllegalArgumentException("master key id " + id + " is given twice");
            }
        }
        return new MasterKeys(keys);
    }

    public String currentId() {
        return currentId;
    }

    byte[] current() {
        return keys.get(currentId);
    }

    byte[] byId(String id) {
        byte[] key = keys.get(id);
        if (key == null) {
            throw new IllegalStateException("a secret is sealed with master key " + id + ", which is not configured");
        }
        return key;
    }

    boolean has(String id) {
        return keys.containsKey(id);
    }

    @Override
    public String toString() {
        return "MasterKeys" + keys.keySet();
    }
}
