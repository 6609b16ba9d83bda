package io.agenthub.secrets;

import org.bouncycastle.crypto.agreement.X25519Agreement;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * {@code encrypted_value}: a secret sealed by the client for the API, so that it is never plaintext in transit or in
 * a proxy's log even without TLS. Format {@code v1.<key id>.<base64url(ephemeral public key ‖ nonce ‖ ciphertext)>}:
 * <ol>
 *   <li>X25519 between a fresh ephemeral key pair and the API's transport public key
 *       ({@code GET /api/secrets/transport-key}), identified by {@code key id};</li>
 *   <li>HKDF-SHA256 of the shared secret, salt = ephemeral public ‖ transport public, info =
 *       {@code agenthub-secret-transport-v1}, 32 bytes;</li>
 *   <li>AES-256-GCM with a random 12-byte nonce, 128-bit tag, associated data = the secret's name (UTF-8).</li>
 * </ol>
 * The API's transport key pair is derived from its current master key, so it rotates with it.
 */
public final class TransportEnvelope {

    private static final byte[] INFO = "agenthub-secret-transport-v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRANSPORT_INFO = "agenthub-transport-key-v1".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The API side: the transport key pair of a master key. */
    public record TransportKey(String keyId, X25519PrivateKeyParameters privateKey) {
        public byte[] publicKey() {
            return privateKey.generatePublicKey().getEncoded();
        }

        @Override
        public String toString() {
            return "TransportKey[" + keyId + "]";
        }
    }

    private TransportEnvelope() {
    }

    public static TransportKey transportKey(MasterKeys keys) {
        return new TransportKey(keys.currentId(), new X25519PrivateKeyParameters(hkdf(keys.current(), new byte[0], TRANSPORT_INFO)));
    }

    /** The client side: seals {@code value} for the API whose transport public key is {@code transportPublic}. */
    public static String seal(String keyId, byte[] transportPublic, String name, String value) {
        X25519PrivateKeyParameters ephemeral = new X25519PrivateKeyParameters(RANDOM);
        byte[] ephemeralPublic = ephemeral.generatePublicKey().getEncoded();
        byte[] key = key(ephemeral, new X25519PublicKeyParameters(transportPublic, 0), ephemeralPublic, transportPublic);
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        byte[] ciphertext = aes(Cipher.ENCRYPT_MODE, key, nonce, name, value.getBytes(StandardCharsets.UTF_8));
        byte[] body = new byte[32 + 12 + ciphertext.length];
        System.arraycopy(ephemeralPublic, 0, body, 0, 32);
        System.arraycopy(nonce, 0, body, 32, 12);
        System.arraycopy(ciphertext, 0, body, 44, ciphertext.length);
        return "v1." + keyId + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(body);
    }

    /** The API side: opens an envelope sealed for {@code transport} under {@code name}. */
    public static String open(TransportKey transport, String name, String envelope) {
        String[] parts = envelope == null ? new String[0] : envelope.split("\\.", 3);
        if (parts.length != 3 || !parts[0].equals("v1")) {
            throw new SecretException("encrypted_value is not a v1 envelope (v1.<key id>.<base64url>)");
        }
        if (!parts[1].equals(transport.keyId())) {
            throw new SecretException("encrypted_value was sealed for transport key " + parts[1].replaceAll("[^a-z0-9]", "")
                    + "; the current one is " + transport.keyId() + " (GET /api/secrets/transport-key)");
        }
        byte[] body;
        try {
            body = Base64.getUrlDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new SecretException("encrypted_value is not base64url");
        }
        if (body.length < 32 + 12 + 16 + 1) {
            throw new SecretException("encrypted_value is too short");
        }
        byte[] ephemeralPublic = Arrays.copyOfRange(body, 0, 32);
        byte[] nonce = Arrays.copyOfRange(body, 32, 44);
        byte[] ciphertext = Arrays.copyOfRange(body, 44, body.length);
        byte[] key = key(transport.privateKey(), new X25519PublicKeyParameters(ephemeralPublic, 0), ephemeralPublic, transport.publicKey());
        return new String(aes(Cipher.DECRYPT_MODE, key, nonce, name, ciphertext), StandardCharsets.UTF_8);
    }

    private static byte[] key(X25519PrivateKeyParameters own, X25519PublicKeyParameters other, byte[] ephemeralPublic, byte[] transportPublic) {
        X25519Agreement agreement = new X25519Agreement();
        agreement.init(own);
        byte[] shared = new byte[agreement.getAgreementSize()];
        agreement.calculateAgreement(other, shared, 0);
        byte[] salt = new byte[64];
        System.arraycopy(ephemeralPublic, 0, salt, 0, 32);
        System.arraycopy(transportPublic, 0, salt, 32, 32);
        return hkdf(shared, salt, INFO);
    }

    private static byte[] hkdf(byte[] ikm, byte[] salt, byte[] info) {
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(ikm, salt, info));
        byte[] out = new byte[32];
        hkdf.generateBytes(out, 0, 32);
        return out;
    }

    private static byte[] aes(int mode, byte[] key, byte[] nonce, String name, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            cipher.updateAAD(name.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (AEADBadTagException e) {
            throw new SecretException("encrypted_value does not open: altered, or sealed for another name or key");
        } catch (GeneralSecurityException e) {
            throw new SecretException("encrypted_value does not open: " + e.getClass().getSimpleName());
        }
    }
}
