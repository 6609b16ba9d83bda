package io.agenthub.secrets;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

/**
 * AES-256-GCM sealing of secret values at rest: a fresh 96-bit nonce per value, a 128-bit tag, and the scope (owner,
 * agent, name) as associated data.
 */
public final class SecretCipher {

    /** A sealed value: the id of the master key, the nonce, and the ciphertext with its tag. */
    public record Sealed(String keyId, byte[] nonce, byte[] ciphertext) {
        @Override
        public String toString() {
            return "Sealed[" + keyId + ", " + ciphertext.length + " bytes]";
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final MasterKeys keys;

    public SecretCipher(MasterKeys keys) {
        this.keys = keys;
    }

    public Sealed seal(SecretScope scope, String plaintext) {
        return seal(scope.associatedData(), plaintext);
    }

    /** @throws SecretException if the value was not sealed for this scope or was altered */
    public String open(SecretScope scope, Sealed sealed) {
        return open(scope.associatedData(), scope.name(), sealed);
    }

    /**
     * Seals a request's override for the services it travels to: the scope is bound as for a stored secret, under an
     * associated data of its own, so that an override copied into the store (or a stored secret onto the wire) does
     * not open.
     */
    public Sealed sealOverride(SecretScope scope, String plaintext) {
        return seal(scope.overrideData(), plaintext);
    }

    /** @throws SecretException if the override was not sealed for this scope or was altered */
    public String openOverride(SecretScope scope, Sealed sealed) {
        return open(scope.overrideData(), scope.name(), sealed);
    }

    private Sealed seal(byte[] associatedData, String plaintext) {
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keys.current(), "AES"), new GCMParameterSpec(128, nonce));
            cipher.updateAAD(associatedData);
            return new Sealed(keys.currentId(), nonce, cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available: " + e.getClass().getSimpleName(), e);
        }
    }

    private String open(byte[] associatedData, String name, Sealed sealed) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(keys.byId(sealed.keyId()), "AES"), new GCMParameterSpec(128, sealed.nonce()));
            cipher.updateAAD(associatedData);
            return new String(cipher.doFinal(sealed.ciphertext()), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new SecretException("secret " + name + " does not open: it was altered or sealed for another owner, agent or name");
        } catch (GeneralSecurityException e) {
            throw new SecretException("secret " + name + " does not open: " + e.getClass().getSimpleName());
        }
    }

    public MasterKeys keys() {
        return keys;
    }
}
