package io.agenthub.hub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Keys the local system makes for itself on first start and keeps in its data directory (owner-only permissions),
 * so that sessions survive a restart without anyone configuring a secret.
 */
final class HubKeys {

    private HubKeys() {
    }

    /** The API's access-token signing key: 32 random bytes, hex, in {@code <dataDir>/keys/api-access-token.key}. */
    static String accessTokenKey(Path dataDir) {
        return key(dataDir.resolve("keys").resolve("api-access-token.key"), HexFormat.of()::formatHex);
    }

    /**
     * The secrets' master key, {@code local:<base64 of 32 bytes>}, in {@code <dataDir>/keys/secrets-master.key}. To
     * rotate: set {@code agenthub.api.secrets.master-keys} to a new key followed by this one; the API re-seals on start.
     */
    static String secretsMasterKey(Path dataDir) {
        return "local:" + key(dataDir.resolve("keys").resolve("secrets-master.key"), bytes -> Base64.getEncoder().encodeToString(bytes));
    }

    private static String key(Path file, java.util.function.Function<byte[], String> encoding) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.US_ASCII).strip();
            }
            Files.createDirectories(file.getParent());
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            String hex = encoding.apply(key);
            Files.writeString(file, hex, StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the directory's permissions apply
            }
            return hex;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the API's token key in " + file, e);
        }
    }
}
